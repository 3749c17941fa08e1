// The inbox against the real PostgreSQL and the real Temporal dev server: replies understood and
// applied to the standing in one transaction, the running episode signalled (a tiny recorder
// workflow stands in for the recovery workflow), replayed callbacks changing nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { generateKeyring } from '../../apps/shared/temporal/keyring.js';
import { TemporalRecoveryNotifier } from '../../apps/shared/temporal/recovery-notifier.js';
import { quietTemporalRuntime } from '../../apps/testkit/loan-env.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryTemplateRepository } from '../../db/repositories/recovery-template.repository.js';
import { loadTemplateCatalogue } from '../../db/seeder.js';
import { IdentifierHasher } from '../fraud/identifier-hasher.js';
import { ContactDispatcher } from './contact-dispatcher.js';
import { RecoveryInbox } from './recovery-inbox.js';
import { verifyDispute } from './verify-dispute.js';
import { TestChannel } from './testing/test-channel.js';
import { loadConfig } from '../../apps/shared/config.js';

/** Who the messages name: the development defaults (apps/shared/config.ts). */
const DEVELOPMENT_RECOVERY_IDENTITY = loadConfig({}).recovery;

/** What the recorder workflow saw: a signal's name and payload. */
type Seen = { name: string; payload: Record<string, unknown> };

const db = useTestOrm(4);
const cipher = new FieldCipher(generateKeyring());
const hasher = new IdentifierHasher(randomBytes(32));
const taskQueue = `recovery-inbox-${randomBytes(4).toString('hex')}`;
let worker: Worker;
let running: Promise<void>;
let connection: Connection;
let client: Client;
let inbox: RecoveryInbox;

beforeAll(async () => {
  quietTemporalRuntime();
  const address = process.env.CREDENCE_TEST_TEMPORAL_ADDRESS!;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./testing/contact-test.workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
  worker = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue, workflowBundle });
  running = worker.run();
  connection = await Connection.connect({ address });
  client = new Client({ connection });
  inbox = new RecoveryInbox({ orm: db.orm, cipher, hasher, notifier: new TemporalRecoveryNotifier(client) });
  await new RecoveryTemplateRepository(db.orm.em.fork()).seed(loadTemplateCatalogue());
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await connection?.close();
});

/** A borrower with a running episode whose workflow records the signals it gets. */
async function episode(phone: string, options: { language?: 'en' | 'hi'; running?: boolean } = {}) {
  const loanId = randomUUID();
  const workflowId = `recovery-${loanId}-1`;
  const profiles = new ContactProfileRepository(db.orm.em.fork(), cipher, hasher);
  await profiles.upsert({ loanId, name: 'Asha Verma', phone, email: `asha.${loanId.slice(0, 8)}@example.com`, language: options.language ?? 'en', country: 'IN', timeZone: 'Asia/Kolkata', consents: { contact: true, automatedContact: true } });
  if (options.running !== false) {
    await client.workflow.start('signalRecorder', { taskQueue, workflowId });
    await db.orm.em.fork().execute(
      `insert into recovery_episodes (workflow_id, loan_id, episode, status, stage, currency, product, country, bucket_at_start, bucket, dpd, delinquent_minor, outstanding_minor, started_at, version, updated_at)
       values (?, ?, 1, 'running', 'running', 'INR', 'personal-loan', 'IN', '1-30', '1-30', 12, 1454457, 30000000, now(), 1, now())`,
      [workflowId, loanId],
    );
  }
  const signals = () => client.workflow.getHandle(workflowId).query<Seen[]>('signalsSeen');
  return { loanId, workflowId, signals, standing: () => profiles.standing(loanId) };
}

const phone = () => `+9197${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const sms = (from: string, body: string, externalId = `SM${randomBytes(8).toString('hex')}`) => ({ provider: 'twilio' as const, channel: 'sms' as const, from, body, externalId, receivedAt: '2026-12-07T06:00:00.000Z' });

describe('recovery inbox', () => {
  it('takes STOP in English as an opt-out of texts to that number (SMS and WhatsApp), logs why, and signals the running episode', async () => {
    const number = phone();
    const b = await episode(number);
    await inbox.inbound(sms(number.replace('+91', '+91 '), 'STOP'));
    expect(await b.standing()).toMatchObject({ optedOutChannels: ['sms', 'whatsapp'], optedOutOfAll: false });
    const changes = await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).changes(b.loanId);
    expect(changes).toEqual([
      expect.objectContaining({ change: 'opt_out', channel: 'sms', source: 'inbound', reason: 'replied stop' }),
      expect.objectContaining({ change: 'opt_out', channel: 'whatsapp', source: 'inbound', reason: 'replied stop' }),
    ]);
    const [inbound] = await db.orm.em.fork().execute<{ id: string; outcome: string }[]>(`select id, outcome from contact_inbound where loan_ids @> ?::jsonb`, [JSON.stringify([b.loanId])]);
    expect(inbound!.outcome).toBe('signalled');
    expect(changes[0]!.sourceRef).toBe(inbound!.id);
    expect(await b.signals()).toEqual([{ name: 'reply', payload: { channel: 'sms', intent: { kind: 'stop' }, inboundId: inbound!.id, receivedAt: '2026-12-07T06:00:00.000Z' } }]);
  });

  it('takes बंद करो (Hindi) as an opt-out too, and STOPALL as an opt-out of everything', async () => {
    const hindi = await episode(phone(), { language: 'hi' });
    const number = phone();
    const all = await episode(number);
    const hindiNumber = (await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).find(hindi.loanId))!.phone!;
    await inbox.inbound(sms(hindiNumber, 'बंद करो'));
    await inbox.inbound(sms(number, 'STOPALL'));
    expect(await hindi.standing()).toMatchObject({ optedOutChannels: ['sms', 'whatsapp'] });
    expect((await hindi.signals())[0]).toMatchObject({ name: 'reply', payload: { intent: { kind: 'stop' } } });
    expect(await all.standing()).toMatchObject({ optedOutOfAll: true });
  });

  it('signals a promise with its amount in minor units and its day', async () => {
    const number = phone();
    const b = await episode(number);
    await inbox.inbound(sms(number, 'I will pay 5000 on Friday'));
    // 2026-12-07 is a Monday.
    expect(await b.signals()).toEqual([{ name: 'reply', payload: expect.objectContaining({ intent: { kind: 'promise', amountMinor: 500_000, on: '2026-12-11' } }) }]);
  });

  it('records a reply from an unknown sender and drops it with a reason', async () => {
    const message = sms(phone(), 'PAY');
    await inbox.inbound(message);
    const [row] = await db.orm.em.fork().execute<{ outcome: string; reason: string; loan_ids: string[] }[]>(`select outcome, reason, loan_ids from contact_inbound where external_id = ?`, [message.externalId]);
    expect(row).toEqual({ outcome: 'unknown_sender', reason: 'no contact profile has this sender', loan_ids: [] });
  });

  it('records a reply on a loan without a running episode, without signalling', async () => {
    const number = phone();
    const b = await episode(number, { running: false });
    const message = sms(number, 'wrong number');
    await inbox.inbound(message);
    expect(await b.standing()).toMatchObject({ wrongNumberChannels: ['sms', 'voice', 'whatsapp'] });
    const [row] = await db.orm.em.fork().execute<{ outcome: string; reason: string }[]>(`select outcome, reason from contact_inbound where external_id = ?`, [message.externalId]);
    expect(row).toEqual({ outcome: 'recorded', reason: 'no running recovery episode' });
  });

  it('a replayed provider callback changes nothing', async () => {
    const number = phone();
    const b = await episode(number);
    const message = sms(number, 'dispute');
    await inbox.inbound(message);
    await inbox.inbound(message);
    expect(await b.signals()).toHaveLength(1);
    expect(await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).changes(b.loanId)).toHaveLength(1);
    expect(await b.standing()).toMatchObject({ disputeOpen: true });

    // A delivery event: a bounce marks the address bad once and tells the workflow once.
    const twilio = new TestChannel(['sms'], 'twilio');
    const deliveryKey = `${b.workflowId}-7`;
    await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).recordStandingChange(b.loanId, { change: 'dispute_verified' }, { source: 'api', sourceRef: null, actor: 'compliance', reason: 'verified', at: '2026-12-07T06:01:00.000Z' });
    const sent = await new ContactDispatcher({ orm: db.orm, channels: { sms: twilio }, cipher, hasher, config: { ...DEVELOPMENT_RECOVERY_IDENTITY, publicBaseUrl: 'https://pay.test', lenderName: 'Credence', agentName: 'Credence' } }).deliver(
      { deliveryKey, loanId: b.loanId, workflowId: b.workflowId, kind: 'send', channel: 'sms', fallbacks: [], template: 'reminder', automated: true, threatensSuit: false, at: Date.UTC(2026, 11, 7, 6), weeklyCaps: {}, segment: null, policy: { version: 1, ruleId: 'reminder', stepIndex: 0 }, facts: { currency: 'INR', amountDueMinor: 100_000, outstandingMinor: 1_000_000, dueOn: '2026-11-20', dpd: 17 }, options: { allowed: ['sms'], chosen: 'sms' } },
      { attempt: 1, maxAttempts: 8 },
    );
    expect(sent.outcome).toBe('sent');
    const event = { provider: 'twilio' as const, externalId: (sent as { externalId: string }).externalId, deliveryKey: null, status: 'failed' as const, permanent: true, errorCode: '30005', at: '2026-12-07T06:02:00.000Z', eventId: `EV${randomBytes(6).toString('hex')}` };
    await inbox.delivery(event);
    await inbox.delivery(event);
    expect(await new ContactDeliveryRepository(db.orm.em.fork()).find(deliveryKey)).toMatchObject({ status: 'failed', lastError: '30005' });
    expect((await b.standing())?.wrongNumberChannels).toEqual(['sms']);
    expect((await b.signals()).filter((s) => s.name === 'deliveryFailed')).toEqual([{ name: 'deliveryFailed', payload: { deliveryKey, channel: 'sms', reason: 'failed: 30005' } }]);
  });

  it('maps IVR key 1 to a promise of the amount due in 7 days and 9 to an opt-out of calls', async () => {
    const number = phone();
    const b = await episode(number);
    const deliveryKey = `${b.workflowId}-3`;
    const twilio = new TestChannel(['voice'], 'twilio');
    const sent = await new ContactDispatcher({ orm: db.orm, channels: { voice: twilio }, cipher, hasher, config: { ...DEVELOPMENT_RECOVERY_IDENTITY, publicBaseUrl: 'https://pay.test', lenderName: 'Credence', agentName: 'Credence' } }).deliver(
      { deliveryKey, loanId: b.loanId, workflowId: b.workflowId, kind: 'call', channel: 'voice', fallbacks: [], template: 'reminder_call', automated: true, threatensSuit: false, at: Date.UTC(2026, 11, 7, 6), weeklyCaps: {}, segment: 'restructure', policy: { version: 1, ruleId: 'restructure', stepIndex: 3 }, facts: { currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 30_000_000, dueOn: '2026-11-20', dpd: 17 }, options: { allowed: ['voice'], chosen: 'voice' } },
      { attempt: 1, maxAttempts: 8 },
    );
    const twiml = (twilio.sends()[0] as { twiml: string }).twiml;
    expect(twiml).toContain(`<Gather numDigits="1" action="https://pay.test/v1/webhooks/twilio/voice/gather?d=${encodeURIComponent(deliveryKey)}" method="POST" timeout="8">`);
    expect(twiml).toContain('Press 1 to promise to pay the amount due within 7 days. Press 2 to talk to a person. Press 9 to stop these calls.');
    const callSid = (sent as { externalId: string }).externalId;
    await inbox.keyPress({ provider: 'twilio', callExternalId: callSid, deliveryKey, from: number, digits: '1', receivedAt: '2026-12-07T06:03:00.000Z' });
    await inbox.keyPress({ provider: 'twilio', callExternalId: callSid, deliveryKey: null, from: number, digits: '9', receivedAt: '2026-12-07T06:03:10.000Z' });
    const signals = await b.signals();
    expect(signals.map((s) => s.payload.intent)).toEqual([{ kind: 'promise', amountMinor: 1_454_457, on: '2026-12-14' }, { kind: 'stop' }]);
    expect(await b.standing()).toMatchObject({ optedOutChannels: ['voice'] });
    expect(await new ContactDeliveryRepository(db.orm.em.fork()).find(deliveryKey)).toMatchObject({ conversation: true });
  });

  it('records a verified dispute and tells the running episode', async () => {
    const number = phone();
    const b = await episode(number);
    await inbox.inbound(sms(number, 'This is not my loan, I dispute it'));
    expect(await b.standing()).toMatchObject({ disputeOpen: true });
    const answer = await verifyDispute({ orm: db.orm, cipher, hasher, notifier: new TemporalRecoveryNotifier(client) }, { loanId: b.loanId, by: 'compliance.ravi', note: 'statement sent', at: '2026-12-08T10:00:00.000Z' });
    expect(answer).toEqual({ kind: 'verified', signalled: b.workflowId });
    expect(await b.standing()).toMatchObject({ disputeOpen: false });
    expect((await b.signals()).map((s) => s.name)).toEqual(['reply', 'disputeVerified']);
    expect((await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).changes(b.loanId)).map((c) => [c.change, c.actor])).toEqual([['dispute_opened', null], ['dispute_verified', 'compliance.ravi']]);
  });

  it('keeps the sender and the body sealed', async () => {
    const number = phone();
    await episode(number);
    const message = sms(number, 'I will pay 7777 tomorrow');
    await inbox.inbound(message);
    const [row] = await db.orm.em.fork().execute<Record<string, unknown>[]>(`select * from contact_inbound where external_id = ?`, [message.externalId]);
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(number.slice(3));
    expect(raw).not.toContain('7777 tomorrow');
    expect(cipher.decrypt(String(row!.body_sealed), 'contact_inbound.body')).toBe('I will pay 7777 tomorrow');
  });
});
