// The dispatch against the real PostgreSQL (and, for retries, the real Temporal dev server): the
// gate asked once per channel, the delivery recorded before the provider is called, one send per
// delivery key whatever is retried, fallbacks, the circuit breaker and dead letters; and, with the
// real SendGrid adapter and sandbox, a lost email waited for while SendGrid's search cannot show it;
// with the real Lob adapter and sandbox, letters: posted at any hour, refused without an address or
// without the records a validation notice itemizes, a lost answer found and never posted twice.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SendGridChannel } from '../../adapters/sendgrid/sendgrid-channel.js';
import { LOB_TEST_ADDRESSES, SENDGRID_TEST_ADDRESSES } from '../../apps/sandboxes/recovery-borrowers.js';
import { LobChannel } from '../../adapters/lob/lob-channel.js';
import { startLobSandbox, type RunningLobSandbox } from '../../apps/sandboxes/lob/lob-sandbox.js';
import { startSendGridSandbox, type RunningSendGridSandbox } from '../../apps/sandboxes/sendgrid/sendgrid-sandbox.js';
import { SANDBOX_CREDENTIALS } from '../../apps/shared/config.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { quietTemporalRuntime } from '../../apps/testkit/loan-env.js';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { generateKeyring } from '../../apps/shared/temporal/keyring.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository, type ContactProfileInput } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryTemplateRepository } from '../../db/repositories/recovery-template.repository.js';
import { loadTemplateCatalogue } from '../../db/seeder.js';
import { IdentifierHasher } from '../fraud/identifier-hasher.js';
import { ContactDispatcher, ContactDispatchWait, type ContactDispatchDeps } from './contact-dispatcher.js';
import type { DeliverContactCommand, DeliverContactResult } from './deliver-contact.command.js';
import { replayDeadLetter } from './dead-letter-replay.js';
import { createRecoveryContactActivities } from './recovery-contact.activities.js';
import { TestChannel } from './testing/test-channel.js';
import { loadConfig } from '../../apps/shared/config.js';

/** Who the messages name: the development defaults (apps/shared/config.ts). */
const DEVELOPMENT_RECOVERY_IDENTITY = loadConfig({}).recovery;

const db = useTestOrm(4);
const cipher = new FieldCipher(generateKeyring());
const hasher = new IdentifierHasher(randomBytes(32));
const config = { ...DEVELOPMENT_RECOVERY_IDENTITY, publicBaseUrl: 'https://pay.credence.test', lenderName: 'Credence Finance', agentName: 'Credence Collections' };

/** 2026-12-07 11:00 IST */
const IST_11 = Date.UTC(2026, 11, 7, 5, 30);
/** 2026-12-07 20:00 IST */
const IST_20 = Date.UTC(2026, 11, 7, 14, 30);

function channels() {
  const twilio = new TestChannel(['sms', 'whatsapp', 'voice'], 'twilio');
  const sendgrid = new TestChannel(['email'], 'sendgrid');
  return { twilio, sendgrid, ports: { sms: twilio, whatsapp: twilio, voice: twilio, email: sendgrid } };
}

function deps(ports: ContactDispatchDeps['channels'], circuit?: ContactDispatchDeps['circuit']): ContactDispatchDeps {
  return { orm: db.orm, channels: ports, cipher, hasher, config, ...(circuit ? { circuit } : {}) };
}

async function borrower(overrides: Partial<ContactProfileInput> = {}): Promise<string> {
  const loanId = randomUUID();
  await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).upsert({
    name: 'Priya Sharma',
    phone: `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    email: `priya.${loanId.slice(0, 8)}@example.com`,
    language: 'en',
    country: 'IN',
    timeZone: 'Asia/Kolkata',
    consents: { contact: true, automatedContact: true },
    ...overrides,
    loanId,
  });
  return loanId;
}

function command(loanId: string, overrides: Partial<DeliverContactCommand> = {}): DeliverContactCommand {
  const workflowId = `recovery-${loanId}-1`;
  return {
    deliveryKey: `${workflowId}-${Math.floor(Math.random() * 1e6)}`,
    loanId,
    workflowId,
    kind: 'send',
    channel: 'sms',
    fallbacks: ['whatsapp', 'email'],
    template: 'reminder',
    automated: true,
    threatensSuit: false,
    at: IST_11,
    weeklyCaps: { sms: 3, whatsapp: 3, email: 3, voice: 4 },
    segment: 'reminder',
    policy: { version: 3, ruleId: 'reminder', stepIndex: 0 },
    facts: { currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 30_000_000, dueOn: '2026-11-20', dpd: 17 },
    options: { allowed: ['sms', 'whatsapp', 'email'], chosen: 'sms' },
    ...overrides,
  };
}

const once = { attempt: 1, maxAttempts: 8 };
const deliveries = () => new ContactDeliveryRepository(db.orm.em.fork());

beforeAll(async () => {
  await new RecoveryTemplateRepository(db.orm.em.fork()).seed(loadTemplateCatalogue());
});

describe('contact dispatch', () => {
  it('records an allowed contact before it leaves, sends it once with the gate\'s disclosures, and answers a retry with the first send', async () => {
    const { twilio, ports } = channels();
    const loanId = await borrower();
    const cmd = command(loanId);
    const seenBySend: string[] = [];
    const recording = { ...ports, sms: { channels: twilio.channels, find: twilio.find.bind(twilio), send: async (c: Parameters<TestChannel['send']>[0]) => {
      seenBySend.push((await deliveries().find(cmd.deliveryKey))!.status);
      return twilio.send(c);
    } } };
    const first = await new ContactDispatcher(deps(recording)).deliver(cmd, once);
    expect(first).toMatchObject({ outcome: 'sent', channel: 'sms', deliveryKey: cmd.deliveryKey, disclosures: ['in.rbi.identity', 'credence.opt-out'] });
    expect(seenBySend).toEqual(['sending']);
    const [sms] = twilio.sends();
    expect(sms).toMatchObject({ channel: 'sms', deliveryKey: cmd.deliveryKey });
    const body = (sms as { body: string }).body;
    expect(body).toContain('Dear Priya, your payment of INR 14,544.57 was due on 20 November 2026.');
    expect(body).toContain(`https://pay.credence.test/pay/${loanId}`);
    expect(body).toContain('From Credence Finance; collections by Credence Collections.');
    expect(body).toMatch(/Reply STOP to opt out\.$/);

    const again = await new ContactDispatcher(deps(ports)).deliver(cmd, { attempt: 2, maxAttempts: 8 });
    expect(again).toEqual(first);
    expect(twilio.calls.filter((c) => c.op === 'send')).toHaveLength(1);
    const row = await deliveries().find(cmd.deliveryKey);
    expect(row).toMatchObject({ status: 'sent', decision: 'allowed', jurisdiction: 'IN', policyVersion: 3, ruleId: 'reminder', stepIndex: 0, optionsAllowed: ['sms', 'whatsapp', 'email'], optionChosen: 'sms', tone: 'neutral', language: 'en' });
    expect(cipher.decrypt(row!.bodySealed!, 'contact_deliveries.body')).toBe(body);
  });

  it('reconciles a send whose answer was lost through find() instead of sending again', async () => {
    const { twilio, ports } = channels();
    const cmd = command(await borrower());
    twilio.willBehave('lose_answer');
    const dispatcher = new ContactDispatcher(deps(ports));
    const before = Date.now();
    await expect(dispatcher.deliver(cmd, once)).rejects.toThrow('socket hang up');
    const claimed = await deliveries().find(cmd.deliveryKey);
    expect(claimed?.status).toBe('sending');
    // The provider is asked only about sends since the claim, which came before the send.
    expect(Date.parse(claimed!.claimedAt)).toBeGreaterThanOrEqual(before - 1);
    const result = await dispatcher.deliver(cmd, { attempt: 2, maxAttempts: 8 });
    expect(result).toMatchObject({ outcome: 'sent', externalId: twilio.accepted.get(cmd.deliveryKey)!.receipt.externalId });
    expect(twilio.calls).toEqual([{ op: 'send', deliveryKey: cmd.deliveryKey }, { op: 'find', deliveryKey: cmd.deliveryKey, claimedAt: claimed!.claimedAt }]);
    // As the real adapters, the provider answers only for sends since the claim it is given.
    const [sms] = twilio.sends();
    expect(await twilio.find(sms!, new Date(Date.now() + 1000).toISOString())).toBeNull();
  });

  it('resends under a new claim: the provider is next asked about sends since the resend', async () => {
    const { twilio, ports } = channels();
    const cmd = command(await borrower());
    twilio.willBehave('transient', 'lose_answer');
    const dispatcher = new ContactDispatcher(deps(ports));
    await expect(dispatcher.deliver(cmd, once)).rejects.toThrow('503');
    const first = (await deliveries().find(cmd.deliveryKey))!.claimedAt;
    await expect(dispatcher.deliver(cmd, { attempt: 2, maxAttempts: 8 })).rejects.toThrow('socket hang up');
    const resent = await deliveries().find(cmd.deliveryKey);
    expect(resent).toMatchObject({ status: 'sending', attempts: 2 });
    expect(Date.parse(resent!.claimedAt)).toBeGreaterThan(Date.parse(first));
    expect(Date.parse(resent!.claimedAt)).toBeLessThanOrEqual(Date.parse(twilio.accepted.get(cmd.deliveryKey)!.receipt.at));
    expect(await dispatcher.deliver(cmd, { attempt: 3, maxAttempts: 8 })).toMatchObject({ outcome: 'sent', externalId: twilio.accepted.get(cmd.deliveryKey)!.receipt.externalId });
    expect(twilio.calls.filter((c) => c.op === 'find').map((c) => c.claimedAt)).toEqual([first, resent!.claimedAt]);
  });

  it('while the provider cannot tell yet whether a lost send left, neither sends again nor falls back, and its breaker does not count it', async () => {
    const lagging = new TestChannel(['email'], 'sendgrid', { recordsLagMs: 60_000 });
    const { twilio } = channels();
    // Two failures in a row open the breaker here: the lost answer is one, and an answer that cannot tell yet must not be the second.
    const dispatcher = new ContactDispatcher(deps({ email: lagging, sms: twilio }, { failureThreshold: 2, coolDownMs: 60_000 }));
    const cmd = command(await borrower(), { channel: 'email', fallbacks: ['sms'], automated: false });
    lagging.willBehave('lose_answer');
    await expect(dispatcher.deliver(cmd, once)).rejects.toThrow('socket hang up');
    const { claimedAt } = (await deliveries().find(cmd.deliveryKey))!;
    for (const attempt of [2, 3]) {
      const wait = await dispatcher.deliver(cmd, { attempt, maxAttempts: 8 }).catch((e: unknown) => e);
      expect(wait).toBeInstanceOf(ContactDispatchWait);
      expect((wait as ContactDispatchWait).retryAt).toBe(Date.parse(claimedAt) + 60_000);
    }
    expect(lagging.calls.map((c) => c.op)).toEqual(['send', 'find', 'find']);
    expect(twilio.calls).toEqual([]);
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'sending', attempts: 1, lastError: expect.stringContaining('ContactDispatchWait: email: ') });
    // Still not known on the last attempt: dead-lettered for ops to replay, not sent blind.
    expect(await dispatcher.deliver(cmd, { attempt: 8, maxAttempts: 8 })).toMatchObject({ outcome: 'dead_lettered', channel: 'email', reason: expect.stringContaining('ContactDispatchWait') });
    expect(lagging.sends()).toHaveLength(1);
  });

  it('sends what was recorded when the provider has no record of the lost attempt', async () => {
    const { twilio, ports } = channels();
    const cmd = command(await borrower());
    twilio.willBehave('transient');
    const dispatcher = new ContactDispatcher(deps(ports));
    await expect(dispatcher.deliver(cmd, once)).rejects.toThrow('503');
    expect(await dispatcher.deliver(cmd, { attempt: 2, maxAttempts: 8 })).toMatchObject({ outcome: 'sent', channel: 'sms' });
    expect(twilio.calls.map((c) => c.op)).toEqual(['send', 'find', 'send']);
    expect(twilio.sends()).toHaveLength(1);
  });

  it('falls back to email when the borrower opted out of SMS, and logs both attempts', async () => {
    const { twilio, sendgrid, ports } = channels();
    const loanId = await borrower();
    await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).recordStandingChange(loanId, { change: 'opt_out', channel: 'sms' }, { source: 'api', sourceRef: null, actor: 'test', reason: 'STOP', at: new Date().toISOString() });
    const cmd = command(loanId, { fallbacks: ['email'] });
    const result = await new ContactDispatcher(deps(ports)).deliver(cmd, once);
    expect(result).toMatchObject({ outcome: 'sent', channel: 'email', deliveryKey: `${cmd.deliveryKey}-email` });
    expect(twilio.sends()).toHaveLength(0);
    const [email] = sendgrid.sends() as Extract<ReturnType<TestChannel['sends']>[number], { channel: 'email' }>[];
    expect(email!.subject).toBe('Your payment of INR 14,544.57 is due');
    expect(email!.text).toContain(`To stop these emails, unsubscribe here: https://pay.credence.test/unsubscribe/${cmd.deliveryKey}-email`);
    expect(email!.unsubscribeUrl).toBe(`https://pay.credence.test/unsubscribe/${cmd.deliveryKey}-email`);
    const attempts = await deliveries().attemptsOf(cmd.deliveryKey);
    expect(attempts.map((a) => [a.channel, a.status, a.blockRule])).toEqual([
      ['sms', 'blocked', 'common.opt-out'],
      ['email', 'sent', null],
    ]);
  });

  it('blocks an Indian borrower at 20:00 IST under the RBI rule until 08:00 IST the next day', async () => {
    const { twilio, ports } = channels();
    const cmd = command(await borrower(), { at: IST_20 });
    const result = await new ContactDispatcher(deps(ports)).deliver(cmd, once);
    expect(result).toEqual({
      outcome: 'blocked',
      channel: 'sms',
      rule: 'in.rbi.recovery-hours',
      citation: expect.stringContaining('RBI'),
      reason: expect.stringContaining('08:00-19:00'),
      retryAt: Date.UTC(2026, 11, 8, 2, 30),
      tried: [{ channel: 'sms', rule: 'in.rbi.recovery-hours', reason: expect.any(String) }],
    });
    expect(twilio.calls).toHaveLength(0);
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'blocked', decision: 'blocked', blockRule: 'in.rbi.recovery-hours', retryAt: '2026-12-08T02:30:00.000Z' });
    // Asked again when the rules allow it: the same key goes out.
    expect(await new ContactDispatcher(deps(ports)).deliver({ ...cmd, at: Date.UTC(2026, 11, 8, 2, 30) }, once)).toMatchObject({ outcome: 'sent', deliveryKey: cmd.deliveryKey });
  });

  it('holds a US borrower whose time zone is unknown to hours convenient in every US zone, with the Reg F disclosures', async () => {
    const { twilio, ports } = channels();
    const loanId = await borrower({ country: 'US', timeZone: null, language: 'es' });
    const cmd = command(loanId, { at: Date.UTC(2026, 11, 7, 15, 0), facts: { currency: 'USD', amountDueMinor: 12_550, outstandingMinor: 250_000, dueOn: '2026-11-20', dpd: 17 } });
    const blocked = await new ContactDispatcher(deps(ports)).deliver(cmd, once);
    // 08:00 in Honolulu is the first moment it is between 08:00 and 21:00 everywhere.
    expect(blocked).toMatchObject({ outcome: 'blocked', rule: 'us.reg-f.1006.6(b)(1)(i)', retryAt: Date.UTC(2026, 11, 7, 18, 0) });
    const sent = await new ContactDispatcher(deps(ports)).deliver({ ...cmd, at: Date.UTC(2026, 11, 7, 18, 0) }, once);
    expect(sent).toMatchObject({ outcome: 'sent', disclosures: ['us.reg-f.1006.18(e)', 'us.reg-f.1006.34', 'us.reg-f.1006.6(e)', 'credence.opt-out'] });
    const body = (twilio.sends()[0] as { body: string }).body;
    expect(body).toContain('Buen día, Priya, su pago de USD 125.50 venció el 20 de noviembre de 2026.');
    expect(body).toContain('Esta es una comunicación de un cobrador de deudas.');
    expect(body).toContain(`Su aviso de validación: https://pay.credence.test/validation/${loanId}`);
    expect(body).toContain('Responda STOP para no recibir más mensajes.');
  });

  it('treats a provider whose circuit is open as down and falls back to the next channel', async () => {
    const { twilio, sendgrid, ports } = channels();
    const dispatcher = new ContactDispatcher(deps(ports, { failureThreshold: 2, coolDownMs: 60_000 }));
    twilio.willBehave('transient', 'transient');
    for (const _ of [1, 2]) await expect(dispatcher.deliver(command(await borrower(), { fallbacks: ['email'] }), once)).rejects.toThrow('503');
    const cmd = command(await borrower(), { fallbacks: ['email'] });
    const result = await dispatcher.deliver(cmd, once);
    expect(result).toMatchObject({ outcome: 'sent', channel: 'email' });
    expect(twilio.calls.filter((c) => c.deliveryKey.startsWith(cmd.deliveryKey))).toHaveLength(0);
    expect(sendgrid.sends()).toHaveLength(1);
    expect((await deliveries().find(cmd.deliveryKey))).toMatchObject({ status: 'skipped', decision: 'skipped', blockRule: 'credence.channel-down' });
  });

  it('marks a refused address failed and tries the next channel', async () => {
    const { twilio, sendgrid, ports } = channels();
    twilio.willBehave('refuse');
    const cmd = command(await borrower(), { fallbacks: ['email'] });
    expect(await new ContactDispatcher(deps(ports)).deliver(cmd, once)).toMatchObject({ outcome: 'sent', channel: 'email' });
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'failed', lastError: '21614: the number is not a mobile number' });
    expect(sendgrid.sends()).toHaveLength(1);
    expect(twilio.sends()).toHaveLength(0);
  });

  it('answers a blocked contact when no channel can reach the borrower, with every channel tried', async () => {
    const { ports } = channels();
    const loanId = await borrower({ email: null, consents: { contact: true, automatedContact: true } });
    await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).recordStandingChange(loanId, { change: 'opt_out_all' }, { source: 'api', sourceRef: null, actor: 'test', reason: 'asked', at: new Date().toISOString() });
    const result = await new ContactDispatcher(deps(ports)).deliver(command(loanId), once);
    expect(result).toMatchObject({
      outcome: 'blocked',
      rule: 'common.opt-out',
      retryAt: null,
      tried: [
        { channel: 'sms', rule: 'common.opt-out' },
        { channel: 'whatsapp', rule: 'common.opt-out' },
        { channel: 'email', rule: 'credence.no-address' },
      ],
    });
  });

  it('the table holds no plaintext phone, email, postal address or message body', async () => {
    const { ports } = channels();
    const loanId = await borrower({ phone: '+919820011001', email: 'plain.text@example.com', postalAddress: { line1: '14 Carter Road, Bandra West', city: 'Mumbai', region: 'MH', postalCode: '400050', country: 'IN' } });
    await new ContactDispatcher(deps(ports)).deliver(command(loanId), once);
    const em = db.orm.em.fork();
    const [profile] = await em.execute<Record<string, unknown>[]>(`select * from contact_profiles where loan_id = ?`, [loanId]);
    const [delivery] = await em.execute<Record<string, unknown>[]>(`select * from contact_deliveries where loan_id = ?`, [loanId]);
    const raw = JSON.stringify([profile, delivery]);
    for (const secret of ['9820011001', 'plain.text@example.com', 'Priya', 'was due on', 'Carter Road', '400050']) expect(raw).not.toContain(secret);
    expect(String(profile!.phone_sealed)).toMatch(/^f1:k-[0-9a-f]+:/);
    expect(String(profile!.postal_address_sealed)).toMatch(/^f1:k-[0-9a-f]+:/);
    expect((await new ContactProfileRepository(em, cipher, hasher).find(loanId))!.postalAddress).toEqual({ line1: '14 Carter Road, Bandra West', city: 'Mumbai', region: 'MH', postalCode: '400050', country: 'IN' });
    expect(await new ContactProfileRepository(em, cipher, hasher).byPhone('+91 98200 11001')).toEqual([loanId]);
  });
});

describe('contact dispatch on the real Temporal server', () => {
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  let connection: Connection;
  const taskQueue = `recovery-contact-${randomBytes(4).toString('hex')}`;
  const { twilio, sendgrid, ports } = channels();

  beforeAll(async () => {
    quietTemporalRuntime();
    const address = process.env.CREDENCE_TEST_TEMPORAL_ADDRESS!;
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./testing/contact-test.workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
    worker = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue, workflowBundle, activities: createRecoveryContactActivities(deps(ports, { failureThreshold: 100, coolDownMs: 1 })) });
    running = worker.run();
    connection = await Connection.connect({ address });
    client = new Client({ connection });
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
  });

  const run = (cmd: DeliverContactCommand): Promise<DeliverContactResult> => client.workflow.execute<(c: DeliverContactCommand) => Promise<DeliverContactResult>>('deliverOnce', { taskQueue, workflowId: `deliver-${cmd.deliveryKey}`, args: [cmd] });

  it('retries transient failures with backoff and sends once', async () => {
    const cmd = command(await borrower());
    twilio.willBehave('transient', 'lose_answer');
    const result: unknown = await run(cmd);
    expect(result).toMatchObject({ outcome: 'sent', channel: 'sms', deliveryKey: cmd.deliveryKey });
    expect(twilio.calls.filter((c) => c.deliveryKey === cmd.deliveryKey).map((c) => c.op)).toEqual(['send', 'find', 'send', 'find']);
    expect([...twilio.accepted.keys()].filter((k) => k === cmd.deliveryKey)).toHaveLength(1);
  });

  it('dead-letters the contact on the last allowed attempt instead of failing the workflow', async () => {
    const cmd = command(await borrower(), { fallbacks: [], maxAttempts: 3 });
    twilio.willBehave('transient', 'transient', 'transient');
    const result: unknown = await run(cmd);
    expect(result).toEqual({ outcome: 'dead_lettered', channel: 'sms', reason: 'Error: 503 from the provider' });
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'dead_lettered', attempts: 3 });
    const [letter] = await db.orm.em.fork().execute<{ status: string; attempts: number; delivery_key: string }[]>(`select status, attempts, delivery_key from contact_dead_letters where delivery_key = ?`, [cmd.deliveryKey]);
    expect(letter).toEqual({ status: 'open', attempts: 3, delivery_key: cmd.deliveryKey });
    // The same key asked again (a retried workflow task) does not send: the contact is dead-lettered until ops replay it.
    expect(await run({ ...cmd, deliveryKey: cmd.deliveryKey })).toMatchObject({ outcome: 'dead_lettered' });
    expect(sendgrid.sends()).toHaveLength(0);

    // Ops replay it once the provider is back: the same key, through the gate, sent once; a second replay is refused.
    const [row] = await db.orm.em.fork().execute<{ id: string }[]>(`select id from contact_dead_letters where delivery_key = ?`, [cmd.deliveryKey]);
    const id = row!.id;
    const dispatcher = new ContactDispatcher(deps(ports));
    // The gate judges the replay's own moment (an hour after the first ask, still within Indian recovery hours).
    const replayed = await replayDeadLetter({ orm: db.orm, dispatcher, now: () => IST_11 + 3_600_000 }, id, 'ops.asha');
    expect(replayed).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent', channel: 'sms', deliveryKey: cmd.deliveryKey }, letter: { status: 'replayed', replayedBy: 'ops.asha' } });
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now: () => IST_11 + 3_600_000 }, id, 'ops.asha')).toMatchObject({ kind: 'already_replayed' });
    expect([...twilio.accepted.keys()].filter((k) => k === cmd.deliveryKey)).toHaveLength(1);
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'sent' });
  });
});

describe("an email lost mid-send, while SendGrid's activity search lags (the real adapter and sandbox, on the real Temporal server)", () => {
  /** the sandbox's search shows an email this long after taking it */
  const SEARCH_LAG_MS = 1500;
  /** the adapter's allowance for that lag, counted with its request timeout from the claim */
  const ALLOWED_LAG_MS = 2000;
  const TIMEOUT_MS = 500;
  let sendgrid: RunningSendGridSandbox;
  let worker: Worker;
  let running: Promise<void>;
  let client: Client;
  let connection: Connection;
  const taskQueue = `recovery-contact-lag-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    quietTemporalRuntime();
    sendgrid = await startSendGridSandbox({ port: 0, apiKey: SANDBOX_CREDENTIALS.sendgridApiKey, eventPrivateKey: SANDBOX_CREDENTIALS.sendgridEventPrivateKey, timing: { stepMs: 1, replyDelayMs: 0 }, activityLagMs: SEARCH_LAG_MS });
    const email = new SendGridChannel({ url: sendgrid.url, apiKey: SANDBOX_CREDENTIALS.sendgridApiKey, from: SANDBOX_CREDENTIALS.sendgridFrom, timeoutMs: TIMEOUT_MS, activityLagMs: ALLOWED_LAG_MS });
    const address = process.env.CREDENCE_TEST_TEMPORAL_ADDRESS!;
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./testing/contact-test.workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
    worker = await Worker.create({ connection: await NativeConnection.connect({ address }), taskQueue, workflowBundle, activities: createRecoveryContactActivities(deps({ email })) });
    running = worker.run();
    connection = await Connection.connect({ address });
    client = new Client({ connection });
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await connection?.close();
    await sendgrid?.close();
  });

  // deliverOnce retries every 50 ms, 8 attempts: without the waits below they would all be spent in under a second.
  const run = (cmd: DeliverContactCommand): Promise<DeliverContactResult> => client.workflow.execute<(c: DeliverContactCommand) => Promise<DeliverContactResult>>('deliverOnce', { taskQueue, workflowId: `deliver-${cmd.deliveryKey}`, args: [cmd] });
  const mailsOf = async (deliveryKey: string) => {
    const { mails } = (await (await fetch(`${sendgrid.url}/_sandbox/activity`)).json()) as { mails: { msgId: string; createdAt: string; customArgs: Record<string, string> }[] };
    return mails.filter((m) => m.customArgs['delivery_key'] === deliveryKey);
  };
  const emailCommand = async (email: string) => command(await borrower({ email }), { channel: 'email', fallbacks: [], automated: false });

  it('an email SendGrid took, whose answer was lost, is waited for until the search shows it, and not sent again', async () => {
    const cmd = await emailCommand(SENDGRID_TEST_ADDRESSES.answerLost);
    const result = await run(cmd);
    const mails = await mailsOf(cmd.deliveryKey);
    expect(mails).toHaveLength(1);
    expect(result).toMatchObject({ outcome: 'sent', channel: 'email', deliveryKey: cmd.deliveryKey, externalId: mails[0]!.msgId });
    // The retry right after the lost answer found nothing yet, and waited rather than sending again.
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'sent', attempts: 1, lastError: expect.stringContaining("SendGrid's Email Activity does not show the email") });
  });

  it('an email that never reached SendGrid goes again only once the search could have shown it, and once', async () => {
    const loanEmail = `held.${randomBytes(4).toString('hex')}@example.com`;
    const cmd = await emailCommand(loanEmail);
    expect((await fetch(`${sendgrid.url}/_sandbox/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: loanEmail, stage: 'received' }) })).status).toBe(201);
    const before = Date.now();
    // The first request is held until it times out (500 ms) and never takes effect.
    expect(await run(cmd)).toMatchObject({ outcome: 'sent', channel: 'email', deliveryKey: cmd.deliveryKey });
    const mails = await mailsOf(cmd.deliveryKey);
    expect(mails).toHaveLength(1);
    // Not before the first request could have been taken (its timeout) and shown (the allowance).
    expect(Date.parse(mails[0]!.createdAt)).toBeGreaterThanOrEqual(before + TIMEOUT_MS + ALLOWED_LAG_MS);
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'sent', attempts: 2, externalId: mails[0]!.msgId });
  });
});

describe('letters (the real Lob adapter and sandbox)', () => {
  let lob: RunningLobSandbox;
  let letters: LobChannel;
  const ADDRESS = { line1: '22 FC Road', city: 'Pune', region: 'MH', postalCode: '411004', country: 'IN' };
  const letterDeps = () => {
    const { ports } = channels();
    return deps({ ...ports, letter: letters });
  };
  const heldLetters = async (deliveryKey: string) => {
    const { letters: held } = (await (await fetch(`${lob.url}/_sandbox/activity`)).json()) as { letters: { letter: { id: string; description: string; metadata: Record<string, string>; to: Record<string, string> }; file: string }[] };
    return held.filter((l) => l.letter.metadata['delivery_key'] === deliveryKey);
  };

  beforeAll(async () => {
    lob = await startLobSandbox({ port: 0, apiKey: SANDBOX_CREDENTIALS.lobApiKey, webhookSecret: SANDBOX_CREDENTIALS.lobWebhookSecret, timing: { stepMs: 1 } });
    letters = new LobChannel({ url: lob.url, apiKey: SANDBOX_CREDENTIALS.lobApiKey, from: loadConfig({}).lob.from, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await lob?.close();
  });

  it('posts a letter at any hour, to the postal address on the profile, the document sealed; a retry answers the first letter', async () => {
    const loanId = await borrower({ postalAddress: ADDRESS });
    // 20:00 in Kolkata: past RBI's hours for a text or a call, not for a letter.
    const cmd = command(loanId, { channel: 'letter', fallbacks: [], automated: false, at: IST_20, template: 'firm_reminder', weeklyCaps: { letter: 1 }, options: { allowed: ['letter'], chosen: 'letter' } });
    const first = await new ContactDispatcher(letterDeps()).deliver(cmd, once);
    expect(first).toMatchObject({ outcome: 'sent', channel: 'letter', deliveryKey: cmd.deliveryKey, externalId: expect.stringMatching(/^ltr_/), disclosures: ['in.rbi.identity', 'credence.opt-out'] });
    const [held] = await heldLetters(cmd.deliveryKey);
    expect(held!.letter).toMatchObject({ description: 'firm_reminder', to: { name: 'Priya Sharma', address_line1: '22 FC Road', address_city: 'Pune', address_zip: '411004', address_country: 'IN' } });
    expect(held!.file).toContain('Account: ' + loanId);
    const row = (await deliveries().find(cmd.deliveryKey))!;
    expect(row).toMatchObject({ status: 'sent', provider: 'lob', externalId: first.outcome === 'sent' ? first.externalId : null });
    expect(cipher.decrypt(row.bodySealed!, 'contact_deliveries.body')).toBe(held!.file);
    // The same contact asked again: answered with the letter that went, none posted.
    expect(await new ContactDispatcher(letterDeps()).deliver(cmd, { attempt: 2, maxAttempts: 8 })).toEqual(first);
    expect(await heldLetters(cmd.deliveryKey)).toHaveLength(1);
    // The week's cap of one letter holds the next collection letter, not the validation notice.
    const next = await new ContactDispatcher(letterDeps()).deliver({ ...cmd, deliveryKey: `${cmd.deliveryKey}-next` }, once);
    expect(next).toMatchObject({ outcome: 'blocked', rule: 'common.weekly-cap' });
  });

  it('refuses a letter with no postal address on the profile, and one that would give the validation information without the loan\'s records to itemize', async () => {
    const nowhere = await borrower();
    expect(await new ContactDispatcher(letterDeps()).deliver(command(nowhere, { channel: 'letter', fallbacks: [], automated: false }), once)).toMatchObject({
      outcome: 'blocked',
      rule: 'credence.no-address',
      reason: 'no postal address on record',
      retryAt: null,
    });
    // A US borrower never written to: the letter would carry the notice, and this loan has no records; the email takes it instead.
    const us = await borrower({ country: 'US', timeZone: 'America/Chicago', postalAddress: { line1: '233 S Wacker Drive', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' } });
    const { sendgrid, twilio } = channels();
    const cmd = command(us, { channel: 'letter', fallbacks: ['email'], automated: false, at: Date.UTC(2026, 11, 7, 16), facts: { currency: 'USD', amountDueMinor: 12_000, outstandingMinor: 150_000, dueOn: '2026-11-20', dpd: 17 } });
    const result = await new ContactDispatcher(deps({ sms: twilio, whatsapp: twilio, voice: twilio, email: sendgrid, letter: letters })).deliver(cmd, once);
    expect(result).toMatchObject({ outcome: 'sent', channel: 'email', disclosures: expect.arrayContaining(['us.reg-f.1006.34']) });
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ channel: 'letter', status: 'blocked', blockRule: 'credence.no-loan-records' });
    expect(await heldLetters(cmd.deliveryKey)).toHaveLength(0);
  });

  it('finds a letter whose answer was lost and posts no second one', async () => {
    const loanId = await borrower({ postalAddress: { ...ADDRESS, line1: LOB_TEST_ADDRESSES.answerLost } });
    const cmd = command(loanId, { channel: 'letter', fallbacks: [], automated: false, template: 'reminder' });
    await expect(new ContactDispatcher(letterDeps()).deliver(cmd, once)).rejects.toThrow('Lob could not be reached');
    expect(await deliveries().find(cmd.deliveryKey)).toMatchObject({ status: 'sending' });
    const again = await new ContactDispatcher(letterDeps()).deliver(cmd, { attempt: 2, maxAttempts: 8 });
    const held = await heldLetters(cmd.deliveryKey);
    expect(held).toHaveLength(1);
    expect(again).toMatchObject({ outcome: 'sent', channel: 'letter', externalId: held[0]!.letter.id });
  });
});
