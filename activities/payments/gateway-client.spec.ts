import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGatewaySandbox, type RunningGatewaySandbox } from '../../apps/sandboxes/gateway/gateway-sandbox.js';
import { GATEWAY_TEST_ACCOUNTS as ACCOUNTS } from '../../apps/sandboxes/gateway/test-accounts.js';
import type { BankAccount } from '../../domain/application.js';
import { PaymentGatewayClient } from './gateway-client.js';
import { PaymentGatewayRequestError, PaymentGatewayUnavailableError } from './payment-gateway.js';

const SECRET = 'sk_test_client';
let gateway: RunningGatewaySandbox;
let client: PaymentGatewayClient;

beforeAll(async () => {
  gateway = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'whsec_client' });
  client = new PaymentGatewayClient({ baseUrl: `${gateway.url}/`, secretKey: SECRET, timeoutMs: 2_000 });
});
afterAll(() => gateway.close());

let n = 0;
const key = (step: string) => `loan-c${++n}-${step}`;
const bank = (accountNumber: string = ACCOUNTS.success.accountNumber): BankAccount => ({ accountNumber, routingCode: 'HDFC0000001', holderName: 'Asha Rao' });
const payout = (accountNumber?: string, reference = `L-${n}`) => ({ amount: 2_500_000, currency: 'INR', destination: bank(accountNumber), reference });
const collection = (accountNumber?: string, reference = `L-${n}`) => ({ amount: 230_000, currency: 'INR', source: bank(accountNumber), reference, mandate: 'mdt_77' });

async function countPayouts(reference: string): Promise<number> {
  const res = await fetch(`${gateway.url}/v1/payouts?reference=${reference}`, { headers: { authorization: `Bearer ${SECRET}` } });
  return ((await res.json()) as { data: unknown[] }).data.length;
}

describe('PaymentGatewayClient against the gateway sandbox', () => {
  it('creates a payout and reads it back as our receipt', async () => {
    const receipt = await client.createPayout({ ...payout(undefined, 'L-client'), metadata: { loanId: 'L-client' } }, key('disburse'));
    expect(receipt).toEqual({ externalId: expect.stringMatching(/^po_/), status: 'paid', amount: 2_500_000, currency: 'INR', reference: 'L-client', at: expect.any(String) });
    expect(await client.getPayout(receipt.externalId)).toEqual(receipt);
  });

  it('returns the same receipt for the same key and moves the money once', async () => {
    const k = key('disburse');
    const first = await client.createPayout(payout(undefined, 'L-twice'), k);
    expect(await client.createPayout(payout(undefined, 'L-twice'), k)).toEqual(first);
    expect(await countPayouts('L-twice')).toBe(1);
  });

  it.each([
    [ACCOUNTS.accountClosed.accountNumber, 'account_closed'],
    [ACCOUNTS.invalidAccount.accountNumber, 'invalid_account'],
  ])('reports a payout to %s as failed with %s', async (accountNumber, failureCode) => {
    expect(await client.createPayout(payout(accountNumber), key('disburse'))).toMatchObject({ status: 'failed', failureCode, failureMessage: expect.any(String) });
  });

  it.each([
    [ACCOUNTS.insufficientFunds.accountNumber, 'insufficient_funds'],
    [ACCOUNTS.mandateRevoked.accountNumber, 'mandate_revoked'],
    [ACCOUNTS.accountClosed.accountNumber, 'account_closed'],
  ])('reports a collection from %s as failed with %s', async (accountNumber, failureCode) => {
    const receipt = await client.createCollection(collection(accountNumber), key('collect-1'));
    expect(receipt).toMatchObject({ status: 'failed', failureCode });
    expect(await client.getCollection(receipt.externalId)).toEqual(receipt);
  });

  it('collects from an ordinary account', async () => {
    expect(await client.createCollection(collection(), key('collect-1'))).toMatchObject({ externalId: expect.stringMatching(/^col_/), status: 'succeeded' });
  });

  it('turns a 503 into a transient error, and the retry under the same key pays once', async () => {
    const k = key('disburse');
    const request = payout(ACCOUNTS.unavailableOnce.accountNumber, 'L-503');
    const failure = await client.createPayout(request, k).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PaymentGatewayUnavailableError);
    expect((failure as PaymentGatewayUnavailableError).status).toBe(503);
    expect(await client.createPayout(request, k)).toMatchObject({ status: 'paid' });
    expect(await countPayouts('L-503')).toBe(1);
  });

  it('retries through a lost answer (504 after the money moved) without paying twice', async () => {
    const k = key('disburse');
    const request = payout(ACCOUNTS.timeoutAfterCommitOnce.accountNumber, 'L-504');
    await expect(client.createPayout(request, k)).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
    expect(await countPayouts('L-504')).toBe(1);
    expect(await client.createPayout(request, k)).toMatchObject({ status: 'paid' });
    expect(await countPayouts('L-504')).toBe(1);
  });

  it('refuses invalid requests with the provider code and field errors', async () => {
    const failure = (await client.createPayout({ ...payout(), amount: 0, currency: 'EURO' }, key('disburse')).catch((e: unknown) => e)) as PaymentGatewayRequestError;
    expect(failure).toBeInstanceOf(PaymentGatewayRequestError);
    expect(failure.status).toBe(400);
    expect(failure.code).toBe('parameter_invalid');
    expect(failure.fieldErrors.map((e) => e.field)).toEqual(['amount', 'currency']);
  });

  it('refuses a key reused for a different payout', async () => {
    const k = key('disburse');
    await client.createPayout(payout(), k);
    await expect(client.createPayout({ ...payout(), amount: 1 }, k)).rejects.toMatchObject({ name: 'PaymentGatewayRequestError', status: 422, code: 'idempotency_key_reused' });
  });

  it('refuses a wrong secret key (401) and an unknown id (404) as request errors', async () => {
    const stranger = new PaymentGatewayClient({ baseUrl: gateway.url, secretKey: 'sk_test_wrong' });
    await expect(stranger.createPayout(payout(), key('disburse'))).rejects.toMatchObject({ name: 'PaymentGatewayRequestError', status: 401, code: 'unauthorized' });
    await expect(client.getPayout('po_nope')).rejects.toMatchObject({ status: 404, code: 'resource_missing' });
  });

  it('treats a gateway that does not answer in time as transient', async () => {
    const slow = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'w', processingDelayMs: 500 });
    try {
      const impatient = new PaymentGatewayClient({ baseUrl: slow.url, secretKey: SECRET, timeoutMs: 50 });
      await expect(impatient.createPayout(payout(), key('disburse'))).rejects.toThrow(/no answer within 50 ms/);
      await expect(impatient.createPayout(payout(), key('disburse'))).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
    } finally {
      await slow.close();
    }
  });

  it('treats a gateway it cannot reach as transient', async () => {
    const gone = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'w' });
    await gone.close();
    const orphan = new PaymentGatewayClient({ baseUrl: gone.url, secretKey: SECRET });
    await expect(orphan.createCollection(collection(), key('collect-1'))).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
  });
});

describe('PaymentGatewayClient refunds against the gateway sandbox', () => {
  async function incomingPayment(amount: number): Promise<string> {
    const res = await fetch(`${gateway.url}/_sandbox/incoming-payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: `L-${++n}`, amount, currency: 'INR', channel: 'upi' }),
    });
    return ((await res.json()) as { id: string }).id;
  }

  it('refunds an incoming payment once per key and reads the refund back', async () => {
    const payment = await incomingPayment(300_000);
    const k = key('refund');
    const receipt = await client.refund({ payment, amount: 120_000, currency: 'INR', reference: 'uc-1', reason: 'overpayment', metadata: { unappliedCashId: 'uc-1' } }, k);
    expect(receipt).toEqual({ externalId: expect.stringMatching(/^re_/), status: 'succeeded', payment, amount: 120_000, currency: 'INR', reference: 'uc-1', at: expect.any(String) });
    expect(await client.refund({ payment, amount: 120_000, currency: 'INR', reference: 'uc-1', reason: 'overpayment', metadata: { unappliedCashId: 'uc-1' } }, k)).toEqual(receipt);
    expect(await client.getRefund(receipt.externalId)).toEqual(receipt);
  });

  it('retries through a lost refund answer without refunding twice, and reports a refund the bank declines', async () => {
    const collected = await client.createCollection(collection(ACCOUNTS.success.accountNumber), key('collect-1'));
    const closing = await client.createCollection(collection(ACCOUNTS.closedBeforeRefund.accountNumber), key('collect-1'));
    expect(await client.refund({ payment: closing.externalId, amount: 1_000, currency: 'INR', reference: 'uc-2' }, key('refund'))).toMatchObject({ status: 'failed', failureCode: 'account_closed' });

    const lostKey = key('refund');
    const lost = await client.createCollection(collection(ACCOUNTS.timeoutAfterCommitOnce.accountNumber), lostKey).catch(() => client.createCollection(collection(ACCOUNTS.timeoutAfterCommitOnce.accountNumber), lostKey));
    const k = key('refund');
    const request = { payment: lost.externalId, amount: 230_000, currency: 'INR', reference: 'uc-3' };
    await expect(client.refund(request, k)).rejects.toBeInstanceOf(PaymentGatewayUnavailableError);
    expect(await client.refund(request, k)).toMatchObject({ status: 'succeeded', amount: 230_000 });
    await expect(client.refund({ ...request, amount: 1 }, key('refund'))).rejects.toMatchObject({ name: 'PaymentGatewayRequestError', status: 400, code: 'amount_too_large' });
    await expect(client.refund({ payment: collected.externalId, amount: 1, currency: 'USD', reference: 'uc-4' }, key('refund'))).rejects.toMatchObject({ status: 400, code: 'parameter_invalid' });
  });
});
