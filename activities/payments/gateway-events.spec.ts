import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { startGatewaySandbox, type RunningGatewaySandbox } from '../../apps/sandboxes/gateway/gateway-sandbox.js';
import { GATEWAY_TEST_ACCOUNTS } from '../../apps/sandboxes/gateway/test-accounts.js';
import { startTestWebhookReceiver, type TestWebhookReceiver } from '../../apps/sandboxes/gateway/test-webhook-receiver.js';
import { GATEWAY_SIGNATURE_HEADER, MalformedGatewayEventError, parseGatewayEvent, verifyGatewaySignature } from './gateway-events.js';
import { PaymentGatewayClient } from './gateway-client.js';

const WEBHOOK_SECRET = 'whsec_events';
const sign = (body: string, t: number, secret = WEBHOOK_SECRET) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
const at = (unixSeconds: number) => new Date(unixSeconds * 1000);

describe('verifyGatewaySignature', () => {
  const body = '{"id":"evt_1","object":"event"}';
  const t = 1_800_000_000;

  it('accepts the right secret within the tolerance', () => {
    expect(verifyGatewaySignature(body, sign(body, t), WEBHOOK_SECRET, { now: at(t + 299) })).toEqual({ valid: true, timestamp: t });
  });

  it('rejects a wrong secret, an altered body and a stale or future timestamp', () => {
    expect(verifyGatewaySignature(body, sign(body, t, 'whsec_other'), WEBHOOK_SECRET, { now: at(t) })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyGatewaySignature(body.replace('evt_1', 'evt_2'), sign(body, t), WEBHOOK_SECRET, { now: at(t) })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyGatewaySignature(body, sign(body, t), WEBHOOK_SECRET, { now: at(t + 301) })).toEqual({ valid: false, reason: 'stale' });
    expect(verifyGatewaySignature(body, sign(body, t), WEBHOOK_SECRET, { now: at(t + 30), toleranceSeconds: 10 })).toEqual({ valid: false, reason: 'stale' });
    expect(verifyGatewaySignature(body, sign(body, t + 3_600), WEBHOOK_SECRET, { now: at(t) })).toEqual({ valid: false, reason: 'stale' });
  });

  it('rejects a missing or malformed header', () => {
    expect(verifyGatewaySignature(body, undefined, WEBHOOK_SECRET)).toEqual({ valid: false, reason: 'missing' });
    expect(verifyGatewaySignature(body, 'v1=abc', WEBHOOK_SECRET)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyGatewaySignature(body, `t=${t}`, WEBHOOK_SECRET)).toEqual({ valid: false, reason: 'malformed' });
    expect(verifyGatewaySignature(body, `t=${t},v1=zz`, WEBHOOK_SECRET)).toEqual({ valid: false, reason: 'malformed' });
  });

  it('accepts any listed v1 signature and any of several secrets (rotation)', () => {
    const header = `${sign(body, t, 'whsec_old')},v1=${'0'.repeat(64)}`;
    expect(verifyGatewaySignature(body, header, ['whsec_new', 'whsec_old'], { now: at(t) }).valid).toBe(true);
    expect(verifyGatewaySignature(body, header, 'whsec_new', { now: at(t) }).valid).toBe(false);
  });
});

describe('parseGatewayEvent', () => {
  const envelope = (type: string, object: Record<string, unknown>) => ({ id: 'evt_9', object: 'event', type, created: 1_800_000_000, data: { object } });
  const payout = { id: 'po_1', object: 'payout', amount: 100_000, currency: 'INR', reference: 'L-1', createdAt: '2026-11-21T10:00:00.000Z' };

  it.each([
    ['payout.paid', { ...payout, status: 'paid' }, 'payout_paid'],
    ['payout.failed', { ...payout, status: 'failed', failureCode: 'account_closed' }, 'payout_failed'],
    ['collection.succeeded', { ...payout, id: 'col_1', object: 'collection', status: 'succeeded' }, 'collection_succeeded'],
    ['collection.failed', { ...payout, id: 'col_1', object: 'collection', status: 'failed', failureCode: 'insufficient_funds' }, 'collection_failed'],
  ])('maps %s onto %s', (type, object, kind) => {
    const result = parseGatewayEvent(envelope(type, object));
    expect(result).toEqual({
      status: 'accepted',
      event: { eventId: 'evt_9', kind, reference: 'L-1', amount: 100_000, currency: 'INR', externalId: object.id, occurredAt: '2026-11-21T10:00:00.000Z', ...('failureCode' in object ? { failureCode: object.failureCode } : {}) },
    });
  });

  it('maps payment.received, from a raw string body too', () => {
    const body = JSON.stringify(envelope('payment.received', { id: 'pay_1', object: 'payment', status: 'received', amount: 5_000, currency: 'INR', reference: 'L-2', channel: 'upi', externalId: 'UTR1', receivedAt: '2026-11-21T11:00:00.000Z' }));
    expect(parseGatewayEvent(body)).toEqual({
      status: 'accepted',
      event: { eventId: 'evt_9', kind: 'payment_received', reference: 'L-2', amount: 5_000, currency: 'INR', externalId: 'pay_1', occurredAt: '2026-11-21T11:00:00.000Z', channel: 'upi' },
    });
  });

  it('ignores event types we do not handle instead of throwing', () => {
    expect(parseGatewayEvent(envelope('payout.reversed', payout))).toEqual({ status: 'ignored', eventId: 'evt_9', type: 'payout.reversed', reason: expect.stringContaining('payout.reversed') });
    expect(parseGatewayEvent(envelope('toString', payout)).status).toBe('ignored');
  });

  it('throws on a body that is not an event, or a handled event missing its fields', () => {
    expect(() => parseGatewayEvent('not json')).toThrow(MalformedGatewayEventError);
    expect(() => parseGatewayEvent({ hello: 'world' })).toThrow(MalformedGatewayEventError);
    expect(() => parseGatewayEvent(envelope('payout.paid', { ...payout, amount: '100000' }))).toThrow(/payout.paid event evt_9/);
  });

  it.each([
    ['a zero amount', { amount: 0 }, /amount 0/],
    ['a negative amount', { amount: -500 }, /amount -500/],
    ['a fractional amount', { amount: 10.5 }, /lacks its id, amount/],
    ['an amount beyond safe integers', { amount: 2 ** 60 }, /lacks its id, amount/],
    ['an unknown currency', { currency: 'XXX' }, /currency "XXX"/],
    ['an empty payment id', { id: ' ' }, /payment id/],
  ])('refuses a payment with %s', (_label, change, message) => {
    const received = { id: 'pay_1', object: 'payment', amount: 5_000, currency: 'INR', reference: 'L-2', receivedAt: '2026-11-21T11:00:00.000Z' };
    expect(() => parseGatewayEvent(envelope('payment.received', { ...received, ...change }))).toThrow(message);
  });
});

describe('gateway webhooks end to end', () => {
  let gateway: RunningGatewaySandbox;
  let receiver: TestWebhookReceiver;
  let client: PaymentGatewayClient;

  beforeAll(async () => {
    receiver = await startTestWebhookReceiver((n) => (n === 1 ? 500 : 200));
    gateway = await startGatewaySandbox({ port: 0, secretKey: 'sk_test_e2e', webhookSecret: WEBHOOK_SECRET, webhookUrl: receiver.url, webhookRetry: { baseDelayMs: 10 } });
    client = new PaymentGatewayClient({ baseUrl: gateway.url, secretKey: 'sk_test_e2e' });
  });
  afterAll(async () => {
    await gateway.close();
    await receiver.close();
  });

  it('delivers events that verify with the webhook secret, survive a receiver 500, and parse into ours', async () => {
    const bank = { accountNumber: GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber, routingCode: 'UTIB0000003', holderName: 'Dev P' };
    const receipt = await client.createCollection({ amount: 310_000, currency: 'INR', source: bank, reference: 'L-e2e' }, 'loan-L-e2e-collect-3');
    await gateway.webhooksSettled();

    expect(receiver.received.map((r) => r.status)).toEqual([500, 200]);
    const delivery = receiver.received[1]!;
    const header = delivery.headers[GATEWAY_SIGNATURE_HEADER] as string;
    expect(verifyGatewaySignature(delivery.rawBody, header, WEBHOOK_SECRET)).toMatchObject({ valid: true });
    expect(verifyGatewaySignature(delivery.rawBody, header, 'whsec_wrong')).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyGatewaySignature(delivery.rawBody, header, WEBHOOK_SECRET, { now: new Date(Date.now() + 600_000) })).toEqual({ valid: false, reason: 'stale' });

    const [first, second] = receiver.received.map((r) => parseGatewayEvent(r.rawBody));
    expect(second).toEqual(first);
    expect(second).toEqual({
      status: 'accepted',
      event: { eventId: expect.stringMatching(/^evt_/), kind: 'collection_failed', reference: 'L-e2e', amount: 310_000, currency: 'INR', externalId: receipt.externalId, occurredAt: receipt.at, failureCode: 'insufficient_funds' },
    });
  });
});
