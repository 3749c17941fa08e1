// `npm run histories:record`: runs each dead-letter replay scenario against the Twilio sandbox
// and writes its history to this folder, for dead-letter-replay.replay.test.ts to hold later
// changes of the workflow code to. Re-record only for a deliberate, patched change, and keep the
// old files.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { IdentifierHasher } from '../../../../activities/fraud/identifier-hasher.js';
import { ContactDispatcher } from '../../../../activities/recovery-contact/contact-dispatcher.js';
import { providersByChannel } from '../../../../adapters/channels/create-contact-channels.js';
import { TWILIO_TEST_NUMBERS } from '../../../../apps/sandboxes/recovery-borrowers.js';
import { FieldCipher } from '../../../../apps/shared/crypto/field-cipher.js';
import { DeadLetterReplayClient, deadLetterReplayWorkflowId } from '../../../../apps/shared/temporal/dead-letter-replay-client.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../../../apps/testkit/loan-env.js';
import { ContactProfileRepository } from '../../../../db/repositories/contact-profile.repository.js';
import { FIXTURE_KEYRING } from '../../../loan/histories/fixture-keyring.js';
import { historyJson } from './history-files.js';
import { loadConfig } from '../../../../apps/shared/config.js';

/** Who the messages name: the development defaults (apps/shared/config.ts). */
const DEVELOPMENT_RECOVERY_IDENTITY = loadConfig({}).recovery;

let t: LoanTestEnv;
let replays: DeadLetterReplayClient;
let dispatcher: ContactDispatcher;
let profiles: () => ContactProfileRepository;

beforeAll(async () => {
  t = await createLoanTestEnv({ keyring: FIXTURE_KEYRING });
  replays = new DeadLetterReplayClient(t.env.client, t.config.temporal.taskQueue);
  const cipher = new FieldCipher(t.keyring);
  const hasher = new IdentifierHasher(t.identifierKey);
  profiles = () => new ContactProfileRepository(t.orm.em.fork(), cipher, hasher);
  dispatcher = new ContactDispatcher({ orm: t.orm, channels: providersByChannel(t.config), cipher, hasher, config: { ...DEVELOPMENT_RECOVERY_IDENTITY, publicBaseUrl: t.config.twilio.publicWebhookBase, lenderName: 'Credence Finance', agentName: 'Credence Collections' } });
});
afterAll(async () => {
  await t?.teardown();
});

/** A send to the sandbox's failing number with one attempt allowed, for a borrower where it is about noon. */
async function deadLetter(): Promise<{ id: string; loanId: string }> {
  const loanId = randomUUID();
  const offset = 12 - new Date().getUTCHours();
  const timeZone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  await profiles().upsert({ loanId, name: 'Recorded Borrower', phone: TWILIO_TEST_NUMBERS.providerError, email: null, language: 'en', country: 'US', timeZone, consents: { contact: true, automatedContact: true } });
  const workflowId = `recovery-${loanId}-1`;
  const deliveryKey = `${workflowId}-1`;
  await dispatcher.deliver(
    {
      deliveryKey, loanId, workflowId, kind: 'send', channel: 'sms', fallbacks: [], template: 'reminder', automated: true, threatensSuit: false, at: Date.now(),
      weeklyCaps: { sms: 3 }, segment: 'reminder', policy: { version: 1, ruleId: 'reminder', stepIndex: 0 },
      facts: { currency: 'USD', amountDueMinor: 12_550, outstandingMinor: 250_000, dueOn: '2026-11-20', dpd: 17 }, options: { allowed: ['sms'], chosen: 'sms' },
    },
    { attempt: 1, maxAttempts: 1 },
  );
  const [row] = await t.orm.em.fork().execute<{ id: string }[]>(`select id from contact_dead_letters where delivery_key = ?`, [deliveryKey]);
  return { id: row!.id, loanId };
}

/** Recordings are kept (the replay test holds later code to them): one is written only when missing, or named in RECORD. */
async function save(name: string, deadLetterId: string): Promise<void> {
  const file = new URL(`./${name}.run1.json`, import.meta.url);
  if (existsSync(file) && !process.env.RECORD?.split(',').includes(name)) return;
  const raw = new Client({ connection: t.env.connection, namespace: t.env.namespace ?? 'default' });
  // The last run of the letter's workflow: each scenario below is one run.
  writeFileSync(file, historyJson(await raw.workflow.getHandle(deadLetterReplayWorkflowId(deadLetterId)).fetchHistory()));
}

it('records the dead-letter replay scenarios', async () => {
  const failing = await deadLetter();
  expect(await replays.replay(failing.id, 'ops.recorder')).toMatchObject({ kind: 'replayed', outcome: { outcome: 'dead_lettered' } });
  await save('dead-lettered-again', failing.id);
  expect(await replays.replay(failing.id, 'ops.recorder')).toEqual({ kind: 'already_replayed' });
  await save('already-replayed', failing.id);

  const corrected = await deadLetter();
  const profile = (await profiles().find(corrected.loanId))!;
  await profiles().upsert({ ...profile, phone: '+14155550177' });
  expect(await replays.replay(corrected.id, 'ops.recorder')).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent' } });
  await save('sent', corrected.id);

  const unknown = randomUUID();
  expect(await replays.replay(unknown, 'ops.recorder')).toEqual({ kind: 'not_found' });
  await save('not-found', unknown);
});
