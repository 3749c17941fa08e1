import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGatewaySandbox, type RunningGatewaySandbox } from './gateway-sandbox.js';
import { GATEWAY_TEST_ACCOUNTS as ACCOUNTS } from './test-accounts.js';

const SECRET = 'sk_test_router';

/** The fields these tests read from any of the API's answers. */
interface Reply {
  id: string;
  object: string;
  status: string;
  failureMessage?: string;
  error: { code: string; fieldErrors: { field: string; message: string }[] };
  data: { type: string; data: { object: { reference: string; externalId?: string } } }[];
}
let gateway: RunningGatewaySandbox;

beforeAll(async () => {
  // The processing delay opens the window in which two requests under one key would both pay.
  gateway = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'whsec_router', processingDelayMs: 25 });
});
afterAll(() => gateway.close());

let n = 0;
const uniqueKey = () => `loan-${++n}-${Date.now()}-disburse`;
const account = (accountNumber: string = ACCOUNTS.success.accountNumber) => ({ accountNumber, routingCode: 'HDFC0001234', holderName: 'Asha Rao' });
const payout = (over: Record<string, unknown> = {}) => ({ amount: 5_000_000, currency: 'INR', destination: account(), reference: `L-${n}`, ...over });
const collection = (accountNumber: string) => ({ amount: 450_000, currency: 'INR', source: account(accountNumber), reference: `L-${n}`, mandate: 'mdt_1' });

async function post(path: string, body: unknown, key?: string, secret = SECRET) {
  const headers: Record<string, string> = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };
  if (key) headers['Idempotency-Key'] = key;
  const res = await fetch(gateway.url + path, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as Reply, replayed: res.headers.get('idempotent-replayed') };
}

async function get(path: string) {
  const res = await fetch(gateway.url + path, { headers: { authorization: `Bearer ${SECRET}` } });
  return { status: res.status, json: (await res.json()) as Reply };
}

describe('gateway sandbox API', () => {
  it('answers /health without credentials and refuses everything else without the secret key', async () => {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    const wrong = await post('/v1/payouts', payout(), uniqueKey(), 'sk_test_wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('unauthorized');
    expect((await fetch(`${gateway.url}/v1/payouts/po_x`)).status).toBe(401);
  });

  it('pays a payout and serves it back by id and by reference', async () => {
    const key = uniqueKey();
    const res = await post('/v1/payouts', payout({ reference: 'L-paid' }), key);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ object: 'payout', status: 'paid', amount: 5_000_000, currency: 'INR', reference: 'L-paid' });
    expect(res.json.id).toMatch(/^po_[0-9a-f]{24}$/);
    expect(res.replayed).toBeNull();
    expect((await get(`/v1/payouts/${res.json.id}`)).json).toEqual(res.json);
    expect((await get('/v1/payouts?reference=L-paid')).json.data).toEqual([res.json]);
    expect((await get('/v1/payouts/po_missing')).status).toBe(404);
  });

  it('reports every invalid field at once, and stores nothing under the key', async () => {
    const key = uniqueKey();
    const bad = await post('/v1/payouts', { amount: 12.5, currency: 'inr', destination: { accountNumber: '12', routingCode: 'HDFC0001234' }, reference: 'L-1', refrence: 'x' }, key);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('parameter_invalid');
    expect(bad.json.error.fieldErrors.map((e) => e.field).sort()).toEqual(['amount', 'currency', 'destination.accountNumber', 'destination.holderName', 'refrence']);
    expect((await post('/v1/payouts', payout({ amount: -1 }), uniqueKey())).json.error.fieldErrors).toEqual([{ field: 'amount', message: expect.stringContaining('positive integer') }]);
    expect((await post('/v1/payouts', payout({ currency: 'ABC' }), uniqueKey())).json.error.fieldErrors[0]!.field).toBe('currency');
    // Validation never executed, so the corrected request may use the same key.
    expect((await post('/v1/payouts', payout(), key)).status).toBe(200);
  });

  it('requires an Idempotency-Key on POSTs', async () => {
    const res = await post('/v1/payouts', payout());
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('idempotency_key_required');
  });

  it('replays the first response byte for byte under the same key and pays once', async () => {
    const key = uniqueKey();
    const body = payout({ reference: 'L-replay' });
    const first = await post('/v1/payouts', body, key);
    // Same parameters, keys in another order: still the same request.
    const second = await post('/v1/payouts', { reference: body.reference, destination: body.destination, currency: body.currency, amount: body.amount }, key);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.replayed).toBe('true');
    expect((await get('/v1/payouts?reference=L-replay')).json.data).toHaveLength(1);
    expect((await get('/_sandbox/events?type=payout.paid')).json.data.filter((e) => e.data.object.reference === 'L-replay')).toHaveLength(1);
  });

  it('refuses a key reused with other parameters or on another endpoint', async () => {
    const key = uniqueKey();
    await post('/v1/payouts', payout(), key);
    const other = await post('/v1/payouts', payout({ amount: 5_000_001 }), key);
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('idempotency_key_reused');
    expect((await post('/v1/collections', collection(ACCOUNTS.success.accountNumber), key)).status).toBe(422);
  });

  it('runs ten concurrent requests under one key once, and all ten get the same answer', async () => {
    const key = uniqueKey();
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/v1/payouts', payout({ reference: 'L-race' }), key)));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.filter((r) => r.replayed === 'true')).toHaveLength(9);
    expect((await get('/v1/payouts?reference=L-race')).json.data).toHaveLength(1);
  });

  it.each([
    ['payout', ACCOUNTS.accountClosed.accountNumber, 'account_closed'],
    ['payout', ACCOUNTS.invalidAccount.accountNumber, 'invalid_account'],
    ['collection', ACCOUNTS.insufficientFunds.accountNumber, 'insufficient_funds'],
    ['collection', ACCOUNTS.mandateRevoked.accountNumber, 'mandate_revoked'],
    ['collection', ACCOUNTS.accountClosed.accountNumber, 'account_closed'],
  ])('a %s against test account %s fails with %s, recorded and replayable', async (op, accountNumber, failureCode) => {
    const key = uniqueKey();
    const body = op === 'payout' ? payout({ destination: account(accountNumber) }) : collection(accountNumber);
    const res = await post(`/v1/${op}s`, body, key);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ object: op, status: 'failed', failureCode });
    expect(res.json.failureMessage).toEqual(expect.any(String));
    expect((await post(`/v1/${op}s`, body, key)).text).toBe(res.text);
  });

  it('collects from ordinary accounts, and pays out to accounts whose collections fail', async () => {
    expect((await post('/v1/collections', collection(ACCOUNTS.success.accountNumber), uniqueKey())).json).toMatchObject({ object: 'collection', status: 'succeeded', mandate: 'mdt_1' });
    expect((await post('/v1/payouts', payout({ destination: account(ACCOUNTS.insufficientFunds.accountNumber) }), uniqueKey())).json.status).toBe('paid');
  });

  it('answers 503 once per key for the unavailable account, executing nothing, then succeeds', async () => {
    const key = uniqueKey();
    const body = payout({ destination: account(ACCOUNTS.unavailableOnce.accountNumber), reference: 'L-flaky' });
    const first = await post('/v1/payouts', body, key);
    expect(first.status).toBe(503);
    expect((await get('/v1/payouts?reference=L-flaky')).json.data).toHaveLength(0);
    const retry = await post('/v1/payouts', body, key);
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBeNull();
    expect((await post('/v1/payouts', body, uniqueKey())).status).toBe(503);
  });

  it('moves the money but loses the first answer (504) for the timeout account; the retry replays it', async () => {
    const key = uniqueKey();
    const body = collection(ACCOUNTS.timeoutAfterCommitOnce.accountNumber);
    body.reference = 'L-lost';
    expect((await post('/v1/collections', body, key)).status).toBe(504);
    const retry = await post('/v1/collections', body, key);
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBe('true');
    expect(retry.json.status).toBe('succeeded');
    expect((await get('/v1/collections?reference=L-lost')).json.data).toHaveLength(1);
  });

  it('records an incoming payment once per network reference', async () => {
    const body = { reference: 'L-upi', amount: 450_000, currency: 'INR', channel: 'upi', externalId: 'UTR-4471' };
    const first = await post('/_sandbox/incoming-payments', body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ object: 'payment', status: 'received', channel: 'upi', externalId: 'UTR-4471' });
    const again = await post('/_sandbox/incoming-payments', body);
    expect(again.json).toEqual(first.json);
    expect((await get('/_sandbox/events?type=payment.received')).json.data.filter((e) => e.data.object.externalId === 'UTR-4471')).toHaveLength(1);
    expect((await post('/_sandbox/incoming-payments', { ...body, channel: 'cheque' })).json.error.fieldErrors[0]!.field).toBe('channel');
  });
});

describe('gateway sandbox refunds', () => {
  const refund = (payment: string, over: Record<string, unknown> = {}) => ({ payment, amount: 100_000, currency: 'INR', reference: `R-${n}`, reason: 'overpayment', ...over });
  const incoming = async (amount = 450_000) => (await post('/_sandbox/incoming-payments', { reference: `L-${++n}`, amount, currency: 'INR', channel: 'upi' })).json.id;

  it('refunds part of an incoming payment, once per key, with its event, and serves it back', async () => {
    const payment = await incoming();
    const key = uniqueKey();
    const first = await post('/v1/refunds', refund(payment, { reference: 'R-once' }), key);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ object: 'refund', status: 'succeeded', payment, amount: 100_000, currency: 'INR', reason: 'overpayment', reference: 'R-once' });
    expect(first.json.id).toMatch(/^re_[0-9a-f]{24}$/);
    const again = await post('/v1/refunds', refund(payment, { reference: 'R-once' }), key);
    expect(again.text).toBe(first.text);
    expect(again.replayed).toBe('true');
    expect((await get(`/v1/refunds/${first.json.id}`)).json).toEqual(first.json);
    expect((await get(`/v1/refunds?payment=${payment}`)).json.data).toEqual([first.json]);
    expect((await get('/_sandbox/events?type=refund.succeeded')).json.data.filter((e) => e.data.object.reference === 'R-once')).toHaveLength(1);
  });

  it('never refunds more than the payment brought in, across keys', async () => {
    const payment = await incoming(150_000);
    const [a, b] = await Promise.all([post('/v1/refunds', refund(payment), uniqueKey()), post('/v1/refunds', refund(payment), uniqueKey())]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    expect([a, b].find((r) => r.status === 400)!.json.error.code).toBe('amount_too_large');
    expect((await post('/v1/refunds', refund(payment, { amount: 50_000 }), uniqueKey())).json.status).toBe('succeeded');
    expect((await post('/v1/refunds', refund(payment, { amount: 1 }), uniqueKey())).json.error.code).toBe('amount_too_large');
  });

  it('refuses an unknown payment, another currency, a failed collection and bad fields, storing nothing', async () => {
    expect((await post('/v1/refunds', refund('pay_missing'), uniqueKey())).json.error.code).toBe('resource_missing');
    expect((await post('/v1/refunds', refund(await incoming(), { currency: 'USD' }), uniqueKey())).json.error.fieldErrors).toEqual([{ field: 'currency', message: expect.stringContaining('INR') }]);
    const failed = (await post('/v1/collections', collection(ACCOUNTS.insufficientFunds.accountNumber), uniqueKey())).json.id;
    expect((await post('/v1/refunds', refund(failed, { amount: 1 }), uniqueKey())).json.error.code).toBe('payment_not_refundable');
    const key = uniqueKey();
    const bad = await post('/v1/refunds', { payment: 'po_1', amount: 0, currency: 'INR', reference: 'R 1', reason: 'Too Much', extra: 1 }, key);
    expect(bad.status).toBe(400);
    expect(bad.json.error.fieldErrors.map((e) => e.field).sort()).toEqual(['amount', 'extra', 'payment', 'reason', 'reference']);
    expect((await post('/v1/refunds', refund(await incoming()), key)).status).toBe(200);
    expect((await post('/v1/refunds', refund('pay_x'))).json.error.code).toBe('idempotency_key_required');
  });

  it('refunds a collection to the account it came from, which may since have closed', async () => {
    const ok = (await post('/v1/collections', collection(ACCOUNTS.success.accountNumber), uniqueKey())).json.id;
    expect((await post('/v1/refunds', refund(ok), uniqueKey())).json).toMatchObject({ status: 'succeeded', payment: ok });
    const closing = (await post('/v1/collections', collection(ACCOUNTS.closedBeforeRefund.accountNumber), uniqueKey())).json;
    expect(closing.status).toBe('succeeded');
    const key = uniqueKey();
    const declined = await post('/v1/refunds', refund(closing.id), key);
    expect(declined.json).toMatchObject({ object: 'refund', status: 'failed', failureCode: 'account_closed' });
    expect((await post('/v1/refunds', refund(closing.id), key)).text).toBe(declined.text);
    // A failed refund returned nothing, so the whole collection is still refundable.
    expect((await post('/v1/refunds', refund(closing.id, { amount: 450_000 }), uniqueKey())).json.status).toBe('failed');
  });

  it('refunds once when the first answer is lost (504) and the caller retries under the same key', async () => {
    const collectionKey = uniqueKey();
    expect((await post('/v1/collections', collection(ACCOUNTS.timeoutAfterCommitOnce.accountNumber), collectionKey)).status).toBe(504);
    const payment = (await post('/v1/collections', collection(ACCOUNTS.timeoutAfterCommitOnce.accountNumber), collectionKey)).json.id;
    expect(payment).toMatch(/^col_/);
    const key = uniqueKey();
    expect((await post('/v1/refunds', refund(payment), key)).status).toBe(504);
    const retry = await post('/v1/refunds', refund(payment), key);
    expect(retry).toMatchObject({ status: 200, replayed: 'true', json: { status: 'succeeded' } });
    expect((await get(`/v1/refunds?payment=${payment}`)).json.data).toHaveLength(1);
  });
});
