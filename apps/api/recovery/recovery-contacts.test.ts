// The recovery endpoints for ops and borrowers through the real API, on real PostgreSQL and the
// real Temporal dev server: dead letters produced by a real send to the Twilio sandbox's failing
// number, listed, read (masked) and replayed on the worker; disputes verified; the contact
// standing and its flags; the one-click unsubscribe of an email sent through the SendGrid
// sandbox; and collectors' calls, recorded through the work-item outcomes (even when the outcome is refused; once per request) and counted by the gate. A tiny recorder workflow (on a task queue of its own) stands in for a running recovery
// episode, to show what the API tells it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { IdentifierHasher } from '../../../activities/fraud/identifier-hasher.js';
import { ContactDispatcher } from '../../../activities/recovery-contact/contact-dispatcher.js';
import { createRecoveryCaseActivities } from '../../../activities/recovery/case.activities.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import { createLogger } from '../../shared/logger.js';
import type { DeliverContactCommand } from '../../../activities/recovery-contact/deliver-contact.command.js';
import { providersByChannel } from '../../../adapters/channels/create-contact-channels.js';
import { ContactDeliveryRepository } from '../../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository, type ContactProfileInput } from '../../../db/repositories/contact-profile.repository.js';
import { RecoveryCaseRepository, type CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { TWILIO_TEST_NUMBERS } from '../../sandboxes/recovery-borrowers.js';
import { FieldCipher } from '../../shared/crypto/field-cipher.js';
import { openNotes } from '../../shared/crypto/sealed-note.js';
import { dataConverter } from '../../shared/temporal/data-converter.js';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { authAsUser } from '../../testkit/tokens.js';
import type { Problem } from '../http/problem.js';
import type { ContactStandingView, DeadLetterView } from './contact-views.js';
import type { DeadLetterList } from './list-dead-letters.usecase.js';
import type { DeadLetterReplay } from './replay-dead-letter.usecase.js';
import type { DisputeVerified } from './verify-dispute.usecase.js';
import { loadConfig } from '../../shared/config.js';

/** Who the messages name: the development defaults (apps/shared/config.ts). */
const DEVELOPMENT_RECOVERY_IDENTITY = loadConfig({}).recovery;

type Seen = { name: string; payload: Record<string, unknown> };

let h: ApiHarness;
let profiles: () => ContactProfileRepository;
let dispatcher: ContactDispatcher;
let recorder: Worker;
let recording: Promise<void>;
let client: Client;
const recorderQueue = `recovery-contacts-${randomBytes(4).toString('hex')}`;
const recorders: string[] = [];

/** A zone where it is about noon now: the gate's hours allow the contact whenever the test runs. */
function noonZone(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

beforeAll(async () => {
  h = await startApiHarness();
  const cipher = new FieldCipher(h.t.keyring);
  const hasher = new IdentifierHasher(h.t.identifierKey);
  profiles = () => new ContactProfileRepository(h.t.orm.em.fork(), cipher, hasher);
  dispatcher = workerDispatcher();
  // Its own client: the env replays every workflow its own client started, and the recorder is not in the worker's bundle.
  client = new Client({ connection: h.t.env.connection, namespace: h.t.env.namespace ?? 'default', dataConverter: dataConverter(h.t.keyring) });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('../../../activities/recovery-contact/testing/contact-test.workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
  recorder = await Worker.create({ connection: h.t.env.nativeConnection, namespace: h.t.env.namespace ?? 'default', taskQueue: recorderQueue, workflowBundle, dataConverter: dataConverter(h.t.keyring) });
  recording = recorder.run();
});

afterAll(async () => {
  await Promise.all(recorders.map((id) => client.workflow.getHandle(id).signal('finish').catch(() => undefined)));
  recorder?.shutdown();
  await recording;
  await h?.close();
});

/** The worker's own dispatch, with the real Twilio and SendGrid adapters pointed at the sandboxes (and circuit breakers of its own). */
function workerDispatcher(): ContactDispatcher {
  return new ContactDispatcher({
    orm: h.t.orm,
    channels: providersByChannel(h.t.config),
    cipher: new FieldCipher(h.t.keyring),
    hasher: new IdentifierHasher(h.t.identifierKey),
    config: { ...DEVELOPMENT_RECOVERY_IDENTITY, publicBaseUrl: h.t.config.twilio.publicWebhookBase, lenderName: 'Credence Finance', agentName: 'Credence Collections' },
  });
}

async function borrower(overrides: Partial<ContactProfileInput> = {}): Promise<string> {
  const loanId = randomUUID();
  await profiles().upsert({
    name: 'Neha Sharma',
    phone: '+14155550123',
    email: `neha.${loanId.slice(0, 8)}@example.com`,
    language: 'en',
    country: 'US',
    timeZone: noonZone(),
    consents: { contact: true, automatedContact: true },
    ...overrides,
    loanId,
  });
  return loanId;
}

/** A running recovery episode for the loan, as the read model and Temporal know it; its signals are recorded. */
async function runningEpisode(loanId: string): Promise<{ workflowId: string; signals: () => Promise<Seen[]> }> {
  const workflowId = `recovery-${loanId}-1`;
  await client.workflow.start('signalRecorder', { taskQueue: recorderQueue, workflowId });
  recorders.push(workflowId);
  await h.t.orm.em.fork().execute(
    `insert into recovery_episodes (workflow_id, loan_id, episode, status, stage, currency, product, country, bucket_at_start, bucket, dpd, delinquent_minor, outstanding_minor, started_at, version, updated_at)
     values (?, ?, 1, 'running', 'running', 'USD', 'personal-loan', 'US', '1-30', '1-30', 12, 12550, 250000, now(), 1, now())`,
    [workflowId, loanId],
  );
  return { workflowId, signals: () => client.workflow.getHandle(workflowId).query<Seen[]>('signalsSeen') };
}

function command(loanId: string, overrides: Partial<DeliverContactCommand> = {}): DeliverContactCommand {
  const workflowId = `recovery-${loanId}-1`;
  return {
    deliveryKey: `${workflowId}-${Math.floor(Math.random() * 1e6)}`,
    loanId,
    workflowId,
    kind: 'send',
    channel: 'sms',
    fallbacks: [],
    template: 'reminder',
    automated: true,
    threatensSuit: false,
    at: Date.now(),
    weeklyCaps: { sms: 3, whatsapp: 3, email: 3, voice: 4 },
    segment: 'reminder',
    policy: { version: 1, ruleId: 'reminder', stepIndex: 0 },
    facts: { currency: 'USD', amountDueMinor: 12_550, outstandingMinor: 250_000, dueOn: '2026-11-20', dpd: 17 },
    options: { allowed: ['sms'], chosen: 'sms' },
    ...overrides,
  };
}

/** A contact to the sandbox's failing number, dispatched with one attempt allowed: it is dead-lettered. */
/** A contact of a running episode that failed past its retries. */
async function deadLetter(): Promise<{ loanId: string; deliveryKey: string; id: string }> {
  const loanId = await borrower({ phone: TWILIO_TEST_NUMBERS.providerError });
  await runningEpisode(loanId);
  const cmd = command(loanId);
  expect(await dispatcher.deliver(cmd, { attempt: 1, maxAttempts: 1 })).toMatchObject({ outcome: 'dead_lettered', channel: 'sms' });
  const [row] = await h.t.orm.em.fork().execute<{ id: string }[]>(`select id from contact_dead_letters where delivery_key = ? and generation = 0`, [cmd.deliveryKey]);
  return { loanId, deliveryKey: cmd.deliveryKey, id: row!.id };
}

const FAILING_MASKED = '+15••••••500';

describe('dead letters', () => {
  it('lists and reads a dead letter with the address masked and no message text, filtered and keyset-paged', async () => {
    const first = await deadLetter();
    const second = await deadLetter();
    const page1 = await h.call<DeadLetterList>('GET', '/v1/recovery/dead-letters?channel=sms&status=open&limit=1');
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await h.call<DeadLetterList>('GET', `/v1/recovery/dead-letters?channel=sms&status=open&limit=1&cursor=${page1.body.nextCursor}`);
    // Newest first: the second letter, then the first.
    expect([page1.body.items[0]!.id, page2.body.items[0]!.id]).toEqual([second.id, first.id]);
    expect((await h.call<DeadLetterList>('GET', '/v1/recovery/dead-letters?channel=email')).body.items.map((l) => l.id)).not.toContain(first.id);

    const one = await h.call<DeadLetterView>('GET', `/v1/recovery/dead-letters/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: first.id,
      deliveryKey: first.deliveryKey,
      generation: 0,
      loanId: first.loanId,
      channel: 'sms',
      template: 'reminder',
      to: FAILING_MASKED,
      attempts: 1,
      status: 'open',
      contact: { kind: 'send', channel: 'sms', fallbacks: [], policy: { version: 1, ruleId: 'reminder', stepIndex: 0 } },
      replayedAt: null,
    });
    expect(one.body.reason).toContain('An internal server error has occurred');
    const raw = JSON.stringify([one.body, page1.body, page2.body]);
    for (const secret of ['5005550500', 'Neha', 'was due on', 'example.com']) expect(raw).not.toContain(secret);
  });

  it('does not replay a contact whose episode has ended: there is nothing to chase', async () => {
    const { id, loanId } = await deadLetter();
    await h.t.orm.em.fork().execute(`update recovery_episodes set status = 'ended', end_reason = 'cured' where loan_id = ?`, [loanId]);
    const refused = await h.call<{ type: string; status: number }>('POST', `/v1/recovery/dead-letters/${id}/replay`, { by: 'ops.asha' });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/episode-ended$/);
    expect((await h.call<{ status: string }>('GET', `/v1/recovery/dead-letters/${id}`)).body.status).toBe('open');
  });

  it('replays on the worker: a number that still fails is dead-lettered again, as a new letter; a second replay is refused', async () => {
    const { id, deliveryKey } = await deadLetter();
    const replay = await h.call<DeadLetterReplay>('POST', `/v1/recovery/dead-letters/${id}/replay`, { by: 'ops.asha' });
    expect(replay.status).toBe(200);
    expect(replay.body.outcome).toMatchObject({ outcome: 'dead_lettered', channel: 'sms', reason: expect.stringContaining('An internal server error') });
    expect(replay.body.letter).toMatchObject({ id, status: 'replayed', replayedBy: 'ops.asha', replayOutcome: { outcome: 'dead_lettered' } });
    expect(replay.body.next).toMatchObject({ deliveryKey, generation: 1, status: 'open', to: FAILING_MASKED });
    expect(JSON.stringify(replay.body)).not.toContain('5005550500');

    const again = await h.call('POST', `/v1/recovery/dead-letters/${id}/replay`, { by: 'ops.asha' });
    expect(again).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/dead-letter-replayed', detail: expect.stringContaining('by ops.asha') } });
    // The next generation is a dead letter of its own, for ops to replay in turn.
    expect((await h.call<DeadLetterList>('GET', '/v1/recovery/dead-letters?status=open')).body.items.map((l) => l.id)).toContain(replay.body.next!.id);
  });

  it('replays a contact whose number was corrected: sent once, under its own delivery key', async () => {
    const { id, loanId, deliveryKey } = await deadLetter();
    const profile = (await profiles().find(loanId))!;
    await profiles().upsert({ ...profile, phone: '+14155550177' });
    const replay = await h.call<DeadLetterReplay>('POST', `/v1/recovery/dead-letters/${id}/replay`, { by: 'ops.asha' });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ outcome: { outcome: 'sent', channel: 'sms', deliveryKey, externalId: expect.stringMatching(/^SM/) }, letter: { status: 'replayed', to: '+14••••••177' }, next: null });
    const [delivery] = await h.t.orm.em.fork().execute<{ status: string; attempts: number }[]>(`select status, attempts from contact_deliveries where delivery_key = ?`, [deliveryKey]);
    expect(delivery!.status).not.toBe('dead_lettered');
    expect((await h.call('POST', `/v1/recovery/dead-letters/${id}/replay`, { by: 'ops.asha' })).status).toBe(409);
  });

  it('answers a replay the gate blocks with the rule: a bankruptcy flag set by ops stops the contact', async () => {
    const { id, loanId } = await deadLetter();
    const flagged = await h.call<ContactStandingView>('POST', `/v1/loans/${loanId}/contact-standing/flags`, { flag: 'bankruptcy', value: true, by: 'ops.asha', reason: 'Chapter 7 petition filed' });
    expect(flagged).toMatchObject({ status: 200, body: { bankruptcy: true } });
    const replay = await h.call<DeadLetterReplay>('POST', `/v1/recovery/dead-letters/${id}/replay`, { by: 'ops.asha' });
    expect(replay.status).toBe(200);
    expect(replay.body.outcome).toMatchObject({ outcome: 'blocked', channel: 'sms', rule: expect.stringContaining('bankruptcy'), retryAt: null });
    expect(replay.body.letter).toMatchObject({ status: 'replayed', replayOutcome: { outcome: 'blocked' } });
  });

  it('refuses unknown letters, malformed IDs and bodies without a replayer', async () => {
    expect((await h.call('GET', `/v1/recovery/dead-letters/${randomUUID()}`)).body).toMatchObject({ status: 404, type: 'https://credence.dev/problems/dead-letter-not-found' });
    expect((await h.call('POST', `/v1/recovery/dead-letters/${randomUUID()}/replay`, { by: 'ops.asha' })).status).toBe(404);
    expect((await h.call('GET', '/v1/recovery/dead-letters/not-a-uuid')).body).toMatchObject({ status: 400, errors: [{ field: 'id' }] });
    const { id } = await deadLetter();
    expect((await h.call('POST', `/v1/recovery/dead-letters/${id}/replay`, {})).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'by' })] });
    expect((await h.call('GET', '/v1/recovery/dead-letters?channel=fax')).body).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'channel' })] });
    // Refused before anything ran: the letter is still open.
    expect((await h.call<DeadLetterView>('GET', `/v1/recovery/dead-letters/${id}`)).body.status).toBe('open');
  });
});

describe('disputes and contact standing', () => {
  it('verifies an open dispute, tells the running episode, and refuses one that is not open', async () => {
    const loanId = await borrower({ phone: '+14155550188', email: 'ravi.kumar@example.com' });
    const episode = await runningEpisode(loanId);
    const none = await h.call('POST', `/v1/recovery/disputes/${loanId}/verify`, { by: 'compliance.ravi' });
    expect(none).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/no-open-dispute' } });

    await profiles().recordStandingChange(loanId, { change: 'dispute_opened' }, { source: 'inbound', sourceRef: null, actor: null, reason: 'replied dispute', at: new Date().toISOString() });
    const verified = await h.call<DisputeVerified>('POST', `/v1/recovery/disputes/${loanId}/verify`, { by: 'compliance.ravi', note: 'Statement sent by post' });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ signalled: episode.workflowId, standing: { dispute: { open: false, verifiedBy: 'compliance.ravi', verifiedAt: expect.any(String), openedAt: expect.any(String) } } });
    const [told] = await episode.signals();
    // The note reaches the episode sealed, as it is kept (sealed-note.ts).
    expect(told).toEqual({ name: 'disputeVerified', payload: { by: 'compliance.ravi', note: expect.stringMatching(/^f1:/) } });
    expect(openNotes(new FieldCipher(h.t.keyring), told!.payload).note).toBe('Statement sent by post');
    expect((await h.call('POST', `/v1/recovery/disputes/${loanId}/verify`, { by: 'compliance.ravi' })).status).toBe(409);
    expect((await h.call('POST', `/v1/recovery/disputes/${randomUUID()}/verify`, { by: 'compliance.ravi' })).body).toMatchObject({ status: 404, type: 'https://credence.dev/problems/contact-profile-not-found' });
    expect((await h.call('POST', `/v1/recovery/disputes/${loanId}/verify`, { by: 'not a name!' })).status).toBe(400);
  });

  it('reads the standing with addresses masked and every change, and takes ops flags', async () => {
    const loanId = await borrower({ phone: '+919800000101', email: 'neha.sharma@example.com', country: 'IN', timeZone: 'Asia/Kolkata', language: 'hi' });
    await profiles().recordStandingChange(loanId, { change: 'opt_out', channel: 'sms' }, { source: 'inbound', sourceRef: null, actor: null, reason: 'replied stop', at: new Date(Date.now() - 7_200_000).toISOString() });
    await profiles().recordStandingChange(loanId, { change: 'wrong_number', channel: 'voice' }, { source: 'key_press', sourceRef: null, actor: null, reason: 'pressed wrong_number', at: new Date(Date.now() - 3_600_000).toISOString() });
    const read = await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      loanId,
      optedOutOfAll: false,
      optedOutChannels: ['sms'],
      wrongNumberChannels: ['voice'],
      bankruptcy: false,
      deceased: false,
      timeBarred: false,
      dispute: { open: false, openedAt: null, verifiedAt: null, verifiedBy: null },
      consents: { contact: true, automatedContact: true },
      language: 'hi',
      country: 'IN',
      timeZone: 'Asia/Kolkata',
      phone: '+91•••••••101',
      email: 'n•••@example.com',
    });
    expect(read.body.changes.map((c) => [c.change, c.channel, c.source])).toEqual([['opt_out', 'sms', 'inbound'], ['wrong_number', 'voice', 'key_press']]);
    expect(JSON.stringify(read.body)).not.toMatch(/9800000101|neha\.sharma|Neha/);

    const flagged = await h.call<ContactStandingView>('POST', `/v1/loans/${loanId}/contact-standing/flags`, { flag: 'deceased', value: true, by: 'ops.asha', reason: 'Death certificate received' });
    expect(flagged).toMatchObject({ status: 200, body: { deceased: true } });
    const cleared = await h.call<ContactStandingView>('POST', `/v1/loans/${loanId}/contact-standing/flags`, { flag: 'time_barred', value: false, by: 'ops.asha', reason: 'Limitation period restarted by a payment' });
    expect(cleared.body.changes.slice(-2).map((c) => [c.change, c.source, c.actor, c.reason])).toEqual([
      ['deceased_set', 'api', 'ops.asha', 'Death certificate received'],
      ['time_barred_cleared', 'api', 'ops.asha', 'Limitation period restarted by a payment'],
    ]);

    const bad = await h.call('POST', `/v1/loans/${loanId}/contact-standing/flags`, { flag: 'vip', value: 'yes', by: 'ops.asha', reason: ' ' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors ?? []).map((e) => e.field).sort()).toEqual(['flag', 'reason', 'value']);
    expect((await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`)).body.changes).toHaveLength(4);
    expect((await h.call('GET', `/v1/loans/${randomUUID()}/contact-standing`)).body).toMatchObject({ status: 404, type: 'https://credence.dev/problems/contact-profile-not-found' });
    expect((await h.call('POST', `/v1/loans/${randomUUID()}/contact-standing/flags`, { flag: 'deceased', value: true, by: 'ops.asha', reason: 'x' })).status).toBe(404);
    expect((await h.call('GET', '/v1/loans/nope/contact-standing')).status).toBe(400);
  });
});

describe('one-click unsubscribe', () => {
  const form = (path: string, body: string, contentType = 'application/x-www-form-urlencoded') => fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('shows a page that changes nothing, then opts the borrower out of email once and tells the running episode', async () => {
    const loanId = await borrower({ email: `asha.${randomBytes(3).toString('hex')}@example.com` });
    const episode = await runningEpisode(loanId);
    const sent = await dispatcher.deliver(command(loanId, { channel: 'email', options: { allowed: ['email'], chosen: 'email' } }), { attempt: 1, maxAttempts: 1 });
    expect(sent).toMatchObject({ outcome: 'sent', channel: 'email' });
    const path = `/unsubscribe/${encodeURIComponent((sent as { deliveryKey: string }).deliveryKey)}`;

    // Mail scanners follow links: the page only offers the button.
    const page = await fetch(`${h.base}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await page.text();
    expect(html).toContain('<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect((await profiles().standing(loanId))!.optedOutChannels).toEqual([]);

    const click = await form(path, 'List-Unsubscribe=One-Click');
    expect(click.status).toBe(200);
    expect(await click.text()).toContain('You are unsubscribed');
    const standing = await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`);
    expect(standing.body.optedOutChannels).toEqual(['email']);
    expect(standing.body.changes).toEqual([expect.objectContaining({ change: 'opt_out', channel: 'email', source: 'inbound', reason: 'one-click unsubscribe' })]);
    const signals = await episode.signals();
    expect(signals).toEqual([{ name: 'reply', payload: { channel: 'email', intent: { kind: 'stop' }, inboundId: expect.any(String), receivedAt: expect.any(String) } }]);

    // Again (a mail client retrying, the borrower pressing twice): the same answer, nothing new.
    expect((await form(path, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await h.call<ContactStandingView>('GET', `/v1/loans/${loanId}/contact-standing`)).body.changes).toHaveLength(1);
    expect(await episode.signals()).toHaveLength(1);
  });

  it('answers an unknown key alike, and refuses what is not a one-click post', async () => {
    const unknown = await form(`/unsubscribe/recovery-${randomUUID()}-1-9-email`, 'List-Unsubscribe=One-Click');
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain('You are unsubscribed');
    expect((await fetch(`${h.base}/unsubscribe/${'x'.repeat(500)}`)).status).toBe(200);
    const missing = await form('/unsubscribe/anything', 'List-Unsubscribe=Later');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Problem).errors).toEqual([{ field: 'List-Unsubscribe', message: 'must be One-Click (RFC 8058)' }]);
    expect((await form('/unsubscribe/anything', '{"List-Unsubscribe":"One-Click"}', 'application/json')).status).toBe(415);
  });
});

describe('collectors\' calls and the gate', () => {
  const DAY = 86_400_000;
  const REG_F_AFTER_CONVERSATION = 'us.reg-f.1006.14(b)(2)(i)(B)';
  // The dead letters above open the shared dispatch's Twilio circuit on purpose: these calls get a dispatch whose provider is up.
  let dispatch: ContactDispatcher;
  beforeAll(() => {
    dispatch = workerDispatcher();
  });

  /** A US borrower's running episode handed off to a collector of its own, who accepted the work item. */
  async function handedOff(): Promise<{ loanId: string; workflowId: string; caseId: string; collector: string; episode: Awaited<ReturnType<typeof runningEpisode>> }> {
    const loanId = await borrower({ phone: `+1415555${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}` });
    const episode = await runningEpisode(loanId);
    const collector = `col-${randomBytes(4).toString('hex')}`;
    // A skill only this collector has: the round-robin gives the case to them.
    expect((await h.call('PUT', `/v1/recovery/assignees/${collector}`, { name: 'Asha Rao', kind: 'collector', skills: [collector], capacity: 5 })).status).toBe(200);
    const opened = await createRecoveryCaseActivities({ orm: h.t.orm, signals: () => new EpisodeSignals({ orm: h.t.orm, client: h.t.env.client, log: createLogger('episode-signals') }) }).openCase({ caseId: `case-${episode.workflowId}`, workflowId: episode.workflowId, loanId, queue: 'collections', skills: [collector], priority: 1, at: new Date().toISOString() });
    expect(opened).toMatchObject({ assigneeId: collector });
    const caseId = (opened as { caseId: string }).caseId;
    expect((await h.call<CaseView>('POST', `/v1/desk/cases/${caseId}/accept`, undefined, await authAsUser(collector))).status).toBe(200);
    return { loanId, workflowId: episode.workflowId, caseId, collector, episode };
  }

  /** An outcome at the desk, as the collector themselves (their token). */
  const outcome = async (caseId: string, assigneeId: string, result: string, idempotencyKey?: string) =>
    h.call<CaseView>('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: result, note: 'called from the desk phone' }, { ...(await authAsUser(assigneeId)), ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) });

  async function collectorCalls(loanId: string): Promise<{ deliveryKey: string; contactAt: string; conversation: boolean; decision: string; facts: Record<string, unknown> }[]> {
    const rows = await h.t.orm.em.fork().execute<{ delivery_key: string }[]>(`select delivery_key from contact_deliveries where loan_id = ? and provider = 'collector' order by contact_at, delivery_key`, [loanId]);
    const found = await Promise.all(rows.map((r) => new ContactDeliveryRepository(h.t.orm.em.fork()).find(r.delivery_key)));
    return found.map((d) => ({ deliveryKey: d!.deliveryKey, contactAt: d!.contactAt, conversation: d!.conversation, decision: d!.decision, facts: d!.facts }));
  }

  /** The episode's IVR call, under a policy cap that leaves Reg F's limits to decide. */
  const automatedCall = (loanId: string, at: number) =>
    command(loanId, { kind: 'call', channel: 'voice', template: 'reminder_call', at, weeklyCaps: { sms: 3, voice: 10 }, options: { allowed: ['voice'], chosen: 'voice' } });

  it('a conversation the collector reports blocks the automated call a day later under Reg F, rescheduled to 7 days after it, when it goes out', async () => {
    const { loanId, caseId, collector, episode } = await handedOff();
    const reached = await outcome(caseId, collector, 'reached');
    expect(reached.status).toBe(200);
    const [call, ...more] = await collectorCalls(loanId);
    expect(more).toEqual([]);
    expect(call).toMatchObject({ conversation: true, decision: 'collector', facts: { caseId, outcome: 'reached', by: collector } });
    const signals = await episode.signals();
    expect(signals).toEqual([{ name: 'caseOutcome', payload: { caseId, outcome: 'reached', by: collector, note: expect.stringMatching(/^f1:/), signalId: expect.stringMatching(/^outcome-/) } }]);
    expect(openNotes(new FieldCipher(h.t.keyring), signals[0]!.payload).note).toBe('called from the desk phone');
    const talkedAt = new Date(call!.contactAt).getTime();

    // The episode's next call, a day later in the workflow's clock: blocked, with the rule and when it may go.
    const cmd = automatedCall(loanId, talkedAt + DAY);
    const blocked = await dispatch.deliver(cmd, { attempt: 1, maxAttempts: 1 });
    expect(blocked).toMatchObject({ outcome: 'blocked', channel: 'voice', rule: REG_F_AFTER_CONVERSATION, retryAt: talkedAt + 7 * DAY });
    const logged = await new ContactDeliveryRepository(h.t.orm.em.fork()).find(cmd.deliveryKey);
    expect(logged).toMatchObject({ decision: 'blocked', status: 'blocked', blockRule: REG_F_AFTER_CONVERSATION, retryAt: new Date(talkedAt + 7 * DAY).toISOString() });

    // The workflow sleeps until then and asks again under the same key: the same call goes out.
    const rescheduled = await dispatch.deliver({ ...cmd, at: (blocked as { retryAt: number }).retryAt }, { attempt: 1, maxAttempts: 1 });
    expect(rescheduled).toMatchObject({ outcome: 'sent', channel: 'voice', deliveryKey: cmd.deliveryKey, externalId: expect.stringMatching(/^CA/) });
  });

  it('a text after the collector\'s conversation still goes, with the validation information the collector is not known to have given', async () => {
    const { loanId, caseId, collector } = await handedOff();
    expect((await outcome(caseId, collector, 'promised')).status).toBe(200);
    const [call] = await collectorCalls(loanId);
    const text = await dispatch.deliver(command(loanId, { at: new Date(call!.contactAt).getTime() + DAY }), { attempt: 1, maxAttempts: 1 });
    expect(text).toMatchObject({ outcome: 'sent', channel: 'sms', disclosures: expect.arrayContaining(['us.reg-f.1006.34']) });
  });

  it('calls nobody answered count towards seven in seven days; each outcome is one call, however often it is sent', async () => {
    const { loanId, caseId, collector, episode } = await handedOff();
    for (const result of ['no_answer', 'no_answer', 'wrong_party', 'no_answer', 'no_answer', 'no_answer']) expect((await outcome(caseId, collector, result)).status).toBe(200);
    // The seventh request retried under its Idempotency-Key (its answer lost): one call.
    const key = randomUUID();
    for (let i = 0; i < 2; i++) expect((await outcome(caseId, collector, 'no_answer', key)).status).toBe(200);
    const calls = await collectorCalls(loanId);
    expect(calls.map((c) => c.conversation)).toEqual([false, false, false, false, false, false, false]);
    // ...one outcome on the case, told to the episode once.
    const events = await h.t.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from recovery_case_events where case_id = ? and kind = 'outcome'`, [caseId]);
    expect(Number(events[0]!.n)).toBe(7);
    expect((await episode.signals()).filter((sig) => sig.name === 'caseOutcome')).toHaveLength(7);
    expect((await new ContactDeliveryRepository(h.t.orm.em.fork()).history(loanId)).filter((c) => c.collector)).toHaveLength(7);

    const first = calls[0]!;
    const firstAt = new Date(first.contactAt).getTime();
    const eighth = await dispatch.deliver(automatedCall(loanId, Date.now() + 60_000), { attempt: 1, maxAttempts: 1 });
    expect(eighth).toMatchObject({ outcome: 'blocked', channel: 'voice', rule: 'us.reg-f.1006.14(b)(2)(i)(A)', retryAt: firstAt + 7 * DAY });
  });

  it('a conversation reported on a case that went to someone else meanwhile is refused (409) and still recorded, once however often retried: the automated call a day later is blocked', async () => {
    const { loanId, caseId, collector } = await handedOff();
    // While the collector was on the phone, the case's SLA lapsed and round-robin gave it to a colleague with the same skill.
    const colleague = `col-${randomBytes(4).toString('hex')}`;
    expect((await h.call('PUT', `/v1/recovery/assignees/${colleague}`, { name: 'Ravi Iyer', kind: 'collector', skills: [collector], capacity: 5 })).status).toBe(200);
    expect(await new RecoveryCaseRepository(h.t.orm.em.fork()).breachSla(caseId, 1, new Date().toISOString())).toMatchObject({ case: { assigneeId: colleague } });

    const key = randomUUID();
    for (let i = 0; i < 2; i++) {
      const refused = await outcome(caseId, collector, 'reached', key);
      expect([refused.status, refused.body]).toEqual([409, expect.objectContaining({ detail: expect.stringContaining('held by someone else') })]);
    }
    const [call, ...more] = await collectorCalls(loanId);
    expect(more).toEqual([]);
    expect(call).toMatchObject({ conversation: true, decision: 'collector', facts: { caseId, outcome: 'reached', by: collector } });
    // The case itself took no outcome from them.
    expect((await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from recovery_case_events where case_id = ? and kind = 'outcome'`, [caseId]))[0]!.n).toBe('0');

    const talkedAt = new Date(call!.contactAt).getTime();
    const blocked = await dispatch.deliver(automatedCall(loanId, talkedAt + DAY), { attempt: 1, maxAttempts: 1 });
    expect(blocked).toMatchObject({ outcome: 'blocked', channel: 'voice', rule: REG_F_AFTER_CONVERSATION, retryAt: talkedAt + 7 * DAY });
  });

  it('records no call from a collector who never held the case (404: not theirs to see), on a work item that does not exist, or from a malformed request', async () => {
    const { loanId, caseId, collector } = await handedOff();
    expect((await outcome(caseId, `col-${randomBytes(4).toString('hex')}`, 'reached')).status).toBe(404);
    expect((await outcome(`case-recovery-${randomUUID()}-1`, 'col-anyone', 'reached')).status).toBe(404);
    const malformed = await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'talked' }, await authAsUser(collector));
    expect(malformed.status).toBe(400);
    // Naming someone else in the body is refused: the desk acts as its caller.
    const asSomeoneElse = await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { assigneeId: 'col-someone-else', outcome: 'reached' }, await authAsUser(collector));
    expect(asSomeoneElse.status).toBe(400);
    expect(await collectorCalls(loanId)).toEqual([]);
  });
});
