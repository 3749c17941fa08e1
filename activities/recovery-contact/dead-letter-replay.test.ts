// Ops' replay of a dead letter against the real PostgreSQL: judged by the gate at the moment of
// the replay, left open when the rules only defer it, and finished by a retry when the try that
// claimed it died before answering, without sending twice.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { generateKeyring } from '../../apps/shared/temporal/keyring.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { ContactDeadLetterRepository } from '../../db/repositories/contact-dead-letter.repository.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryTemplateRepository } from '../../db/repositories/recovery-template.repository.js';
import { loadTemplateCatalogue } from '../../db/seeder.js';
import { IdentifierHasher } from '../fraud/identifier-hasher.js';
import { ContactDispatcher } from './contact-dispatcher.js';
import { replayDeadLetter } from './dead-letter-replay.js';
import type { DeliverContactCommand } from './deliver-contact.command.js';
import { TestChannel } from './testing/test-channel.js';

const db = useTestOrm(4);
const cipher = new FieldCipher(generateKeyring());
const hasher = new IdentifierHasher(randomBytes(32));

/** 2026-12-07 11:00 IST */
const IST_11 = Date.UTC(2026, 11, 7, 5, 30);
/** 2026-12-07 20:00 IST */
const IST_20 = Date.UTC(2026, 11, 7, 14, 30);

beforeAll(async () => {
  await new RecoveryTemplateRepository(db.orm.em.fork()).seed(loadTemplateCatalogue());
});

/** A contact for an Indian borrower whose only send failed transiently on its one allowed attempt. */
async function deadLettered(twilio: TestChannel): Promise<{ id: string; cmd: DeliverContactCommand; dispatcher: ContactDispatcher }> {
  const loanId = randomUUID();
  await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).upsert({
    loanId,
    name: 'Priya Sharma',
    phone: `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    email: null,
    language: 'en',
    country: 'IN',
    timeZone: 'Asia/Kolkata',
    consents: { contact: true, automatedContact: true },
  });
  const workflowId = `recovery-${loanId}-1`;
  const cmd: DeliverContactCommand = {
    deliveryKey: `${workflowId}-4`,
    loanId,
    workflowId,
    kind: 'send',
    channel: 'sms',
    fallbacks: [],
    template: 'reminder',
    automated: true,
    threatensSuit: false,
    at: IST_11,
    weeklyCaps: { sms: 3 },
    segment: 'reminder',
    policy: { version: 1, ruleId: 'reminder', stepIndex: 0 },
    facts: { currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 30_000_000, dueOn: '2026-11-20', dpd: 17 },
    options: { allowed: ['sms'], chosen: 'sms' },
  };
  const dispatcher = new ContactDispatcher({ orm: db.orm, channels: { sms: twilio }, cipher, hasher, config: { publicBaseUrl: 'https://pay.credence.test', lenderName: 'Credence Finance', agentName: 'Credence Collections' } });
  twilio.willBehave('transient');
  expect(await dispatcher.deliver(cmd, { attempt: 1, maxAttempts: 1 })).toMatchObject({ outcome: 'dead_lettered' });
  const [row] = await db.orm.em.fork().execute<{ id: string }[]>(`select id from contact_dead_letters where delivery_key = ?`, [cmd.deliveryKey]);
  return { id: row!.id, cmd, dispatcher };
}

const letter = (id: string) => new ContactDeadLetterRepository(db.orm.em.fork()).find(id);

describe('dead-letter replay', () => {
  it('is judged at the moment of the replay: at 20:00 IST the RBI hours defer it, and the letter stays open for later', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    const evening = await replayDeadLetter({ orm: db.orm, dispatcher, now: () => IST_20 }, id, 'ops.asha');
    expect(evening).toMatchObject({ kind: 'replayed', outcome: { outcome: 'blocked', rule: 'in.rbi.recovery-hours', retryAt: Date.UTC(2026, 11, 8, 2, 30) } });
    expect(await letter(id)).toMatchObject({ status: 'open', replayOutcome: { outcome: 'blocked', rule: 'in.rbi.recovery-hours' } });
    expect(twilio.sends()).toHaveLength(0);

    const morning = await replayDeadLetter({ orm: db.orm, dispatcher, now: () => Date.UTC(2026, 11, 8, 3, 0) }, id, 'ops.asha');
    expect(morning).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent', deliveryKey: cmd.deliveryKey } });
    expect(await letter(id)).toMatchObject({ status: 'replayed', replayOutcome: { outcome: 'sent' } });
    expect(twilio.sends()).toHaveLength(1);
  });

  it('lets a retry take over a claim its dead predecessor held, and sends once', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    // The first try claimed the letter and died before it could answer or let go.
    expect(await new ContactDeadLetterRepository(db.orm.em.fork()).claimReplay(id, 'ops.asha')).toMatchObject({ claimed: true });
    const now = () => IST_11 + 3_600_000;
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha')).toMatchObject({ kind: 'already_replayed', letter: { status: 'replaying' } });
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha', { retry: true })).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent', deliveryKey: cmd.deliveryKey } });
    // A retry after the answer was recorded finds it replayed, and the delivery sent once.
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha', { retry: true })).toMatchObject({ kind: 'already_replayed', letter: { status: 'replayed' } });
    expect(twilio.sends()).toHaveLength(1);
    expect(await new ContactDeliveryRepository(db.orm.em.fork()).find(cmd.deliveryKey)).toMatchObject({ status: 'sent' });
  });
});
