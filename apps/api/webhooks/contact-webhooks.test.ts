// Provider callbacks through the real API: the Twilio, SendGrid and Lob sandboxes, driven by the real
// adapters, post their signed callbacks and their test borrowers' replies to the API, which
// verifies them, de-duplicates them in PostgreSQL and hands them to ContactEvents. ContactEvents
// is our own port: here a recording implementation stands behind it (the recovery inbox is
// another component); everything else is real.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { createContactChannels } from '../../../adapters/channels/create-contact-channels.js';
import type { ContactChannel, ContactEvents, DeliveryEvent, InboundContact, KeyPress } from '../../../adapters/channels/contact-channels.js';
import { openOrm, type Orm } from '../../../db/orm.js';
import { understandReply } from '../../../domain/recovery/inbound-reply.js';
import { ModelRegistry } from '../../../models/registry/index.js';
import { RECOVERY_BORROWERS } from '../../sandboxes/recovery-borrowers.js';
import { EventSigner } from '../../sandboxes/sendgrid/event-signer.js';
import { signed as lobSigned } from '../../sandboxes/lob/lob-router.js';
import { LOB_TEST_ADDRESSES } from '../../sandboxes/recovery-borrowers.js';
import { startSandboxes, type Sandboxes } from '../../sandboxes/start-sandboxes.js';
import { twilioSignature } from '../../sandboxes/twilio/twilio-signature.js';
import { loadConfig, SANDBOX_CREDENTIALS, type CredenceConfig } from '../../shared/config.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { createTestDatabase, type TestDatabase } from '../../testkit/postgres.js';
import { createApi } from '../create-api.js';

class RecordingContactEvents implements ContactEvents {
  deliveries: DeliveryEvent[] = [];
  inbounds: InboundContact[] = [];
  presses: KeyPress[] = [];
  failNext = 0;

  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('the inbox is down');
    }
  }
  delivery(event: DeliveryEvent): Promise<void> {
    this.maybeFail();
    this.deliveries.push(event);
    return Promise.resolve();
  }
  inbound(message: InboundContact): Promise<void> {
    this.maybeFail();
    this.inbounds.push(message);
    return Promise.resolve();
  }
  keyPress(press: KeyPress): Promise<void> {
    this.maybeFail();
    this.presses.push(press);
    return Promise.resolve();
  }
}

const phone = (key: string) => RECOVERY_BORROWERS.find((b) => b.key === key)!.phone;
const email = (key: string) => RECOVERY_BORROWERS.find((b) => b.key === key)!.email;
const key = () => `recovery-${randomUUID()}-1-send`;

let db: TestDatabase;
let orm: Orm;
let models: ModelRegistry;
let temporal: Client;
let sandboxes: Sandboxes;
let config: CredenceConfig;
let app: INestApplication;
let base: string;
let channels: ContactChannel;
const events = new RecordingContactEvents();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function postForm(path: string, params: URLSearchParams, headers: Record<string, string>) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: params.toString() });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function postEvents(rawBody: string, headers: Record<string, string>) {
  const res = await fetch(`${base}/v1/webhooks/sendgrid/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({ databaseUrl: db.url, poolSize: 4 });
  models = await ModelRegistry.load();
  const port = await freePort();
  sandboxes = await startSandboxes({ ports: { bureau: 0, aggregator: 0, gateway: 0, twilio: 0, sendgrid: 0, lob: 0 }, replyDelayMs: 0, apiUrl: `http://127.0.0.1:${port}` });
  config = loadConfig({ ...sandboxes.env, PORT: String(port), DATABASE_URL: db.url });
  // No route here reaches Temporal: the client's connection is never opened.
  temporal = new Client();
  const loans = new LoanClient(temporal, { taskQueue: config.temporal.taskQueue, bureauTaskQueue: config.temporal.bureauTaskQueue });
  app = await createApi({ config, orm, loans, models, logger: pino({ level: 'silent' }), contactEvents: events });
  await app.listen(port, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  channels = createContactChannels(config);
});

afterAll(async () => {
  await app?.close();
  await sandboxes?.close();
  await models?.dispose();
  await orm?.close();
  await temporal?.connection.close();
  await db?.drop();
});

beforeEach(() => {
  events.failNext = 0;
});

describe('Twilio callbacks through the API', () => {
  it('hands on the status callbacks of an SMS, naming the delivery, and the STOP its borrower replies', async () => {
    const deliveryKey = key();
    const receipt = await channels.send({ channel: 'sms', to: phone('stopper'), body: 'Your EMI of INR 14,544.57 is overdue. Reply STOP to opt out.', deliveryKey });
    await sandboxes.twilio.settled();
    expect(events.deliveries.filter((d) => d.externalId === receipt.externalId).map((d) => [d.status, d.deliveryKey])).toEqual([
      ['queued', deliveryKey],
      ['sent', deliveryKey],
      ['delivered', deliveryKey],
    ]);
    const stop = events.inbounds.find((m) => m.from === phone('stopper') && m.channel === 'sms');
    expect(stop).toMatchObject({ provider: 'twilio', body: 'STOP', externalId: expect.stringMatching(/^SM/) });
    expect(understandReply(stop!.body, '2026-12-03')).toEqual({ kind: 'stop' });
  });

  it('hands on a Hindi promise (WhatsApp), a dispute and a wrong-number report, as the borrowers wrote them', async () => {
    await channels.send({ channel: 'whatsapp', to: phone('promiserHindi'), body: 'आपकी EMI बकाया है।', deliveryKey: key() });
    await channels.send({ channel: 'sms', to: phone('disputer'), body: 'Your EMI is overdue.', deliveryKey: key() });
    await channels.send({ channel: 'sms', to: phone('wrongNumber'), body: 'Your EMI is overdue.', deliveryKey: key() });
    await sandboxes.twilio.settled();
    const from = (p: string) => events.inbounds.find((m) => m.from === p)!;
    expect(from(phone('promiserHindi'))).toMatchObject({ channel: 'whatsapp', body: 'मैं शुक्रवार को 5000 दूंगा' });
    // Thursday 3 December 2026: "on Friday" is the next day.
    expect(understandReply(from(phone('promiserHindi')).body, '2026-12-03')).toEqual({ kind: 'promise', amountMinor: 500_000, on: '2026-12-04' });
    expect(understandReply(from(phone('disputer')).body, '2026-12-03')).toEqual({ kind: 'dispute' });
    expect(understandReply(from(phone('wrongNumber')).body, '2026-12-03')).toEqual({ kind: 'wrong_number' });
  });

  it('hands on the IVR press of 1 with its delivery, and answers TwiML confirming the promise', async () => {
    const deliveryKey = key();
    const receipt = await channels.send({ channel: 'voice', to: phone('ivrPromiser'), twiml: '<Response><Gather numDigits="1"><Say>Press 1 to promise to pay.</Say></Gather></Response>', deliveryKey });
    await sandboxes.twilio.settled();
    expect(events.presses.find((p) => p.callExternalId === receipt.externalId)).toMatchObject({ provider: 'twilio', deliveryKey, from: phone('ivrPromiser'), digits: '1' });
    const activity = (await (await fetch(`${sandboxes.twilio.url}/_sandbox/activity`)).json()) as { calls: { sid: string; gatherAnswer: string }[] };
    expect(activity.calls.find((c) => c.sid === receipt.externalId)!.gatherAnswer).toMatch(/^<\?xml[^>]*><Response><Say>Thank you\. We have recorded your promise to pay/);
    expect(events.deliveries.filter((d) => d.externalId === receipt.externalId).map((d) => d.status)).toEqual(['queued', 'sent', 'answered', 'completed']);
  });

  it('refuses a forged callback with 403 and hands nothing on', async () => {
    const before = events.deliveries.length;
    const params = new URLSearchParams({ MessageSid: `SM${'0'.repeat(32)}`, MessageStatus: 'delivered', To: phone('payer'), From: config.twilio.fromNumber });
    const url = `${base}/v1/webhooks/twilio/status?d=forged`;
    const forged = await postForm('/v1/webhooks/twilio/status?d=forged', params, { 'X-Twilio-Signature': twilioSignature('not_the_auth_token_000000000000', url, params) });
    expect(forged.status).toBe(403);
    expect(forged.type).toContain('application/problem+json');
    expect(JSON.parse(forged.text)).toMatchObject({ type: 'https://credence.dev/problems/forged-callback', status: 403 });
    // A real signature moved to another delivery's URL is a forgery too.
    const moved = await postForm('/v1/webhooks/twilio/status?d=another', params, { 'X-Twilio-Signature': twilioSignature(SANDBOX_CREDENTIALS.twilioAuthToken, url, params) });
    expect(moved.status).toBe(403);
    const unsigned = await postForm('/v1/webhooks/twilio/inbound', new URLSearchParams({ MessageSid: 'SMx', From: phone('payer'), Body: 'STOP' }), {});
    expect(unsigned.status).toBe(403);
    expect(events.deliveries.length).toBe(before);
  });

  it('acknowledges a replayed callback and hands it on once', async () => {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const params = new URLSearchParams({ MessageSid: sid, MessageStatus: 'delivered', To: phone('payer'), From: config.twilio.fromNumber });
    const path = '/v1/webhooks/twilio/status?d=replayed-key';
    const headers = { 'X-Twilio-Signature': twilioSignature(SANDBOX_CREDENTIALS.twilioAuthToken, `${base}${path}`, params), 'I-Twilio-Idempotency-Token': `${sid}-token` };
    const first = await postForm(path, params, headers);
    const again = await postForm(path, params, headers);
    expect([first.status, JSON.parse(first.text)]).toEqual([200, { eventId: `${sid}-token`, handedOn: true }]);
    expect([again.status, JSON.parse(again.text)]).toEqual([200, { eventId: `${sid}-token`, handedOn: false }]);
    expect(events.deliveries.filter((d) => d.externalId === sid)).toHaveLength(1);
  });

  it('leaves no trace when the inbox fails, so the retry is handed on', async () => {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const params = new URLSearchParams({ MessageSid: sid, From: phone('promiser'), To: config.twilio.fromNumber, Body: 'I will pay 5000 on Friday' });
    const path = '/v1/webhooks/twilio/inbound';
    const headers = { 'X-Twilio-Signature': twilioSignature(SANDBOX_CREDENTIALS.twilioAuthToken, `${base}${path}`, params) };
    events.failNext = 1;
    expect((await postForm(path, params, headers)).status).toBe(500);
    const retry = await postForm(path, params, headers);
    expect(retry.status).toBe(200);
    expect(retry.text).toContain('<Response></Response>');
    expect(events.inbounds.filter((m) => m.externalId === sid)).toHaveLength(1);
  });

  it('takes forms only, and refuses a signed callback that is not one', async () => {
    const json = await fetch(`${base}/v1/webhooks/twilio/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const params = new URLSearchParams({ Foo: 'bar' });
    const path = '/v1/webhooks/twilio/status';
    const signed = await postForm(path, params, { 'X-Twilio-Signature': twilioSignature(SANDBOX_CREDENTIALS.twilioAuthToken, `${base}${path}`, params) });
    expect(signed.status).toBe(400);
  });
});

describe('SendGrid events through the API', () => {
  it("hands on the bouncer's bounce as a permanent failure, and the stopper's unsubscribe as STOP", async () => {
    const bounceKey = key();
    const bounced = await channels.send({ channel: 'email', to: email('bouncer'), subject: 'Your EMI', text: 'INR 100.00 is overdue', deliveryKey: bounceKey, unsubscribeUrl: `${base}/unsubscribe/x` });
    await channels.send({ channel: 'email', to: email('stopper'), subject: 'Your EMI', text: 'INR 100.00 is overdue', deliveryKey: key(), unsubscribeUrl: `${base}/unsubscribe/y` });
    await sandboxes.sendgrid.settled();
    expect(events.deliveries.find((d) => d.externalId === bounced.externalId && d.status === 'bounced')).toMatchObject({ provider: 'sendgrid', deliveryKey: bounceKey, permanent: true, errorCode: '5.1.1' });
    expect(events.inbounds.find((m) => m.provider === 'sendgrid' && m.from === email('stopper'))).toMatchObject({ channel: 'email', body: 'STOP' });
  });

  it('refuses forged and stale batches with 401, and hands a replayed event on once', async () => {
    const eventId = `evt-${randomUUID()}`;
    const body = JSON.stringify([{ email: email('payer'), timestamp: Math.floor(Date.now() / 1000), event: 'delivered', sg_event_id: eventId, sg_message_id: 'abcDEF123.filter-1.0', delivery_key: 'k-replay' }]);
    const signer = new EventSigner(SANDBOX_CREDENTIALS.sendgridEventPrivateKey);
    const now = Math.floor(Date.now() / 1000);

    const forged = await postEvents(body, { ...signer.headers(body.replace('delivered', 'bounce'), now) });
    expect([forged.status, forged.type.includes('problem+json'), forged.body['type']]).toEqual([401, true, 'https://credence.dev/problems/invalid-signature']);
    const stale = await postEvents(body, signer.headers(body, now - 600));
    expect(stale.status).toBe(401);
    expect(events.deliveries.some((d) => d.eventId === eventId)).toBe(false);

    const first = await postEvents(body, signer.headers(body, now));
    const replay = await postEvents(body, signer.headers(body, now + 1));
    expect(first.body).toEqual({ received: 1, handedOn: 1, replayed: 0, ignored: 0 });
    expect(replay.body).toEqual({ received: 1, handedOn: 0, replayed: 1, ignored: 0 });
    expect(events.deliveries.filter((d) => d.eventId === eventId)).toEqual([expect.objectContaining({ externalId: 'abcDEF123', deliveryKey: 'k-replay', status: 'delivered' })]);
    const count = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from provider_webhook_events where provider = 'sendgrid' and event_id = ?`, [eventId]);
    expect(Number(count[0]!.n)).toBe(1);
  });
});

describe('Lob events through the API', () => {
  const letter = (line1: string, deliveryKey = key()) =>
    ({ channel: 'letter', to: { name: 'Michael Brown', address: { line1, city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' } }, html: '<html><body><p>Notice</p></body></html>', deliveryKey, description: 'validation_notice' }) as const;
  const postLob = async (rawBody: string, headers: Record<string, string>) => {
    const res = await fetch(`${base}/v1/webhooks/lob/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
  };

  it("hands on a letter's journey to the door, naming the delivery, and a returned letter as a permanent failure", async () => {
    const deliveryKey = key();
    const receipt = await channels.send(letter('44 Elm Street', deliveryKey));
    const returned = await channels.send(letter(LOB_TEST_ADDRESSES.returned));
    await sandboxes.lob.settled();
    expect(events.deliveries.filter((d) => d.externalId === receipt.externalId).map((d) => [d.provider, d.status, d.deliveryKey])).toEqual([
      ['lob', 'queued', deliveryKey],
      ['lob', 'sent', deliveryKey],
      ['lob', 'in_transit', deliveryKey],
      ['lob', 'in_transit', deliveryKey],
      ['lob', 'in_transit', deliveryKey],
      ['lob', 'delivered', deliveryKey],
    ]);
    expect(events.deliveries.filter((d) => d.externalId === returned.externalId).at(-1)).toMatchObject({ status: 'bounced', permanent: true, errorCode: 'letter.returned_to_sender' });
  });

  it('refuses forged and stale events with 401, hands a replayed one on once, and acknowledges what it does not track', async () => {
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    const body = JSON.stringify({ id: eventId, body: { id: 'ltr_0123456789abcdef', metadata: { delivery_key: 'k-lob-replay' }, object: 'letter' }, reference_id: 'ltr_0123456789abcdef', event_type: { id: 'letter.delivered', enabled_for_test: true, resource: 'letters', object: 'event_type' }, date_created: new Date().toISOString(), object: 'event' });
    const secret = SANDBOX_CREDENTIALS.lobWebhookSecret;
    const now = Date.now();

    const forged = await postLob(body, lobSigned('not-the-secret', body, now));
    expect([forged.status, forged.type.includes('problem+json'), forged.body['type']]).toEqual([401, true, 'https://credence.dev/problems/invalid-signature']);
    const altered = await postLob(body.replace('letter.delivered', 'letter.returned_to_sender'), lobSigned(secret, body, now));
    expect(altered.status).toBe(401);
    // A request captured and sent again ten minutes later, its signature intact.
    const stale = await postLob(body, lobSigned(secret, body, now - 600_000));
    expect(stale.status).toBe(401);
    expect(events.deliveries.some((d) => d.eventId === eventId)).toBe(false);

    const first = await postLob(body, lobSigned(secret, body, now));
    const replay = await postLob(body, lobSigned(secret, body, now + 1));
    expect(first.body).toEqual({ eventId, type: 'letter.delivered', handedOn: true });
    expect(replay.body).toEqual({ eventId, type: 'letter.delivered', handedOn: false });
    expect(events.deliveries.filter((d) => d.eventId === eventId)).toEqual([expect.objectContaining({ provider: 'lob', externalId: 'ltr_0123456789abcdef', deliveryKey: 'k-lob-replay', status: 'delivered' })]);

    const rendered = JSON.stringify({ ...JSON.parse(body), id: `${eventId}x`, event_type: { id: 'letter.rendered_pdf' } });
    expect((await postLob(rendered, lobSigned(secret, rendered))).body).toEqual({ eventId: `${eventId}x`, type: 'letter.rendered_pdf', handedOn: false });
    const malformed = JSON.stringify({ id: 'evt_x' });
    expect((await postLob(malformed, lobSigned(secret, malformed))).status).toBe(400);
  });
});

describe('without a recovery inbox', () => {
  it('verifies, then refuses with 503 so the provider retries', async () => {
    const bare = await createApi({ config, orm, loans: new LoanClient(temporal, { taskQueue: 'x', bureauTaskQueue: 'y' }), models, logger: pino({ level: 'silent' }) });
    await bare.listen(0, '127.0.0.1');
    try {
      const url = await bare.getUrl();
      const body = JSON.stringify([{ email: email('payer'), timestamp: 1, event: 'open', sg_event_id: `evt-${randomUUID()}`, sg_message_id: 'm.1' }]);
      const res = await fetch(`${url}/v1/webhooks/sendgrid/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...new EventSigner(SANDBOX_CREDENTIALS.sendgridEventPrivateKey).headers(body) }, body });
      expect(res.status).toBe(503);
    } finally {
      await bare.close();
    }
  });
});
