import { afterEach, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { startGatewaySandbox, type RunningGatewaySandbox } from './gateway-sandbox.js';
import { GATEWAY_TEST_ACCOUNTS } from './test-accounts.js';
import { startTestWebhookReceiver, type TestWebhookReceiver } from './test-webhook-receiver.js';

const SECRET = 'sk_test_hooks';
const WEBHOOK_SECRET = 'whsec_hooks';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function setup(statusFor?: (n: number) => number, maxAttempts = 4): Promise<{ gateway: RunningGatewaySandbox; receiver: TestWebhookReceiver }> {
  const receiver = await startTestWebhookReceiver(statusFor);
  const gateway = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: WEBHOOK_SECRET, webhookUrl: receiver.url, webhookRetry: { baseDelayMs: 10, maxAttempts } });
  open.push(gateway, receiver);
  return { gateway, receiver };
}

interface Listed {
  type: string;
  delivery: { outcome: string; attempts: { attempt: number; status: number; at: string }[] };
}

async function call(gateway: RunningGatewaySandbox, method: string, path: string, body?: unknown, key?: string): Promise<{ data: Listed[]; error?: { code: string } }> {
  const headers: Record<string, string> = { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) };
  const res = await fetch(gateway.url + path, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
  return (await res.json()) as { data: Listed[]; error?: { code: string } };
}

const bank = (accountNumber: string) => ({ accountNumber, routingCode: 'SBIN0000001', holderName: 'Ravi K' });

// Recomputed here from the documented scheme rather than with the sandbox's own signer.
function expectSignedBy(secret: string, rawBody: string, header: unknown): void {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
  expect(match).not.toBeNull();
  const [, t, v1] = match!;
  expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
  expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
}

describe('gateway webhooks', () => {
  it('delivers a signed event for each operation and for an incoming payment', async () => {
    const { gateway, receiver } = await setup();
    await call(gateway, 'POST', '/v1/payouts', { amount: 100_000, currency: 'INR', destination: bank('1234567890'), reference: 'L-9' }, 'k-payout');
    await call(gateway, 'POST', '/v1/payouts', { amount: 100_000, currency: 'INR', destination: bank(GATEWAY_TEST_ACCOUNTS.accountClosed.accountNumber), reference: 'L-9' }, 'k-payout-2');
    await call(gateway, 'POST', '/v1/collections', { amount: 20_000, currency: 'INR', source: bank('1234567890'), reference: 'L-9' }, 'k-col');
    await call(gateway, 'POST', '/v1/collections', { amount: 20_000, currency: 'INR', source: bank(GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber), reference: 'L-9' }, 'k-col-2');
    await call(gateway, 'POST', '/_sandbox/incoming-payments', { amount: 20_000, currency: 'INR', reference: 'L-9', channel: 'bank_transfer' });
    await gateway.webhooksSettled();

    const events = receiver.received.map((r) => JSON.parse(r.rawBody) as { id: string; type: string; data: { object: { reference: string } } });
    expect(events.map((e) => e.type).sort()).toEqual(['collection.failed', 'collection.succeeded', 'payment.received', 'payout.failed', 'payout.paid']);
    for (const r of receiver.received) expectSignedBy(WEBHOOK_SECRET, r.rawBody, r.headers['gateway-signature']);
    expect(events.every((e) => e.id.startsWith('evt_') && e.data.object.reference === 'L-9')).toBe(true);
    const listed = (await call(gateway, 'GET', '/_sandbox/events')).data;
    expect(listed.map((e) => e.delivery.outcome)).toEqual(Array(5).fill('delivered'));
  });

  it('retries a failing receiver with backoff under the same event id, re-signed each time', async () => {
    const { gateway, receiver } = await setup((n) => (n <= 2 ? 500 : 200));
    await call(gateway, 'POST', '/_sandbox/incoming-payments', { amount: 5_000, currency: 'INR', reference: 'L-7', channel: 'upi' });
    await gateway.webhooksSettled();

    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.received.map((r) => r.rawBody)).size).toBe(1);
    const [event] = (await call(gateway, 'GET', '/_sandbox/events')).data;
    expect(event!.delivery.outcome).toBe('delivered');
    expect(event!.delivery.attempts.map((a) => [a.attempt, a.status])).toEqual([[1, 500], [2, 500], [3, 200]]);
    const [a1, a2, a3] = event!.delivery.attempts.map((a) => Date.parse(a.at));
    // 10 ms, then 20 ms (base 10 ms, doubling); timers may fire a millisecond early by the clock
    expect(a2! - a1!).toBeGreaterThanOrEqual(9);
    expect(a3! - a2!).toBeGreaterThanOrEqual(19);
  });

  it('gives up after the last attempt and records the failure', async () => {
    const { gateway, receiver } = await setup(() => 503, 3);
    await call(gateway, 'POST', '/_sandbox/incoming-payments', { amount: 5_000, currency: 'INR', reference: 'L-8', channel: 'card' });
    await gateway.webhooksSettled();
    expect(receiver.received).toHaveLength(3);
    expect((await call(gateway, 'GET', '/_sandbox/events')).data[0]!.delivery.outcome).toBe('failed');
  });

  it('sends to an endpoint set at runtime, and records events without one as undelivered', async () => {
    const { gateway, receiver } = await setup();
    await call(gateway, 'POST', '/_sandbox/webhook-endpoint', { url: null });
    await call(gateway, 'POST', '/_sandbox/incoming-payments', { amount: 1_000, currency: 'INR', reference: 'L-1', channel: 'upi' });
    await gateway.webhooksSettled();
    expect(receiver.received).toHaveLength(0);

    expect(await call(gateway, 'POST', '/_sandbox/webhook-endpoint', { url: 'ftp://nowhere' })).toMatchObject({ error: { code: 'parameter_invalid' } });
    await call(gateway, 'POST', '/_sandbox/webhook-endpoint', { url: receiver.url });
    await call(gateway, 'POST', '/_sandbox/incoming-payments', { amount: 2_000, currency: 'INR', reference: 'L-2', channel: 'upi' });
    await gateway.webhooksSettled();
    expect(receiver.received).toHaveLength(1);
    expect((await call(gateway, 'GET', '/_sandbox/events')).data.map((e) => e.delivery.outcome)).toEqual(['no_endpoint', 'delivered']);
  });
});
