import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { startGatewaySandbox, type RunningGatewaySandbox } from '../../apps/sandboxes/gateway/gateway-sandbox.js';
import { GATEWAY_TEST_ACCOUNTS as ACCOUNTS } from '../../apps/sandboxes/gateway/test-accounts.js';
import { PaymentGatewayClient } from './gateway-client.js';
import { createPaymentActivities, type PaymentActivities } from './payment.activities.js';

const SECRET = 'sk_test_activities';
let gateway: RunningGatewaySandbox;
let activities: PaymentActivities;

beforeAll(async () => {
  gateway = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'whsec_activities' });
  activities = createPaymentActivities({ gateway: new PaymentGatewayClient({ baseUrl: gateway.url, secretKey: SECRET }) });
});
afterAll(() => gateway.close());

const bank = (accountNumber: string = ACCOUNTS.success.accountNumber) => ({ accountNumber, routingCode: 'KKBK0000004', holderName: 'Nisha T' });
const payoutInput = (loanId: string, accountNumber?: string) => ({ loanId, idempotencyKey: `loan-${loanId}-disburse-1`, amount: 9_800_000, currency: 'INR', destination: bank(accountNumber) });
const collectInput = (loanId: string, accountNumber?: string) => ({ loanId, idempotencyKey: `loan-${loanId}-collect-1`, amount: 880_000, currency: 'INR', source: bank(accountNumber), mandate: 'mdt_9' });

async function payoutsFor(loanId: string): Promise<{ metadata: Record<string, string> }[]> {
  const res = await fetch(`${gateway.url}/v1/payouts?reference=${loanId}`, { headers: { authorization: `Bearer ${SECRET}` } });
  return ((await res.json()) as { data: { metadata: Record<string, string> }[] }).data;
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the activity to fail');
    },
    (err: unknown) => err,
  );
}

describe('payment activities', () => {
  it('sendPayout pays the borrower, referenced by loan id, and a retry returns the same payout', async () => {
    const result = await activities.sendPayout(payoutInput('A1'));
    expect(result).toEqual({ payoutId: expect.stringMatching(/^po_/), status: 'paid', paidAt: expect.any(String) });
    expect(await activities.sendPayout(payoutInput('A1'))).toEqual(result);
    expect(await payoutsFor('A1')).toEqual([expect.objectContaining({ metadata: { loanId: 'A1', purpose: 'disbursement' } })]);
  });

  it.each([
    [ACCOUNTS.accountClosed.accountNumber, 'account_closed'],
    [ACCOUNTS.invalidAccount.accountNumber, 'invalid_account'],
  ])('sendPayout to %s fails non-retryably as PayoutFailed with %s', async (accountNumber, failureCode) => {
    const failure = await failureOf(activities.sendPayout(payoutInput(`A-${failureCode}`, accountNumber)));
    expect(failure).toBeInstanceOf(ApplicationFailure);
    const af = failure as ApplicationFailure;
    expect(af.nonRetryable).toBe(true);
    expect(af.type).toBe('PayoutFailed');
    expect(af.details).toEqual([{ failureCode, payoutId: expect.stringMatching(/^po_/) }]);
  });

  it('sendPayout surfaces an outage as a plain retryable error, and the retry pays once', async () => {
    const input = payoutInput('A503', ACCOUNTS.unavailableOnce.accountNumber);
    const failure = await failureOf(activities.sendPayout(input));
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect(await activities.sendPayout(input)).toMatchObject({ status: 'paid' });
    expect(await payoutsFor('A503')).toHaveLength(1);
  });

  it('sendPayout retried after a lost answer returns the payout that was made', async () => {
    const input = payoutInput('A504', ACCOUNTS.timeoutAfterCommitOnce.accountNumber);
    expect(await failureOf(activities.sendPayout(input))).not.toBeInstanceOf(ApplicationFailure);
    const result = await activities.sendPayout(input);
    expect(await payoutsFor('A504')).toHaveLength(1);
    expect(result.payoutId).toMatch(/^po_/);
  });

  it('a request the gateway refuses fails non-retryably as PaymentRequestRejected', async () => {
    const failure = (await failureOf(activities.sendPayout({ ...payoutInput('A400'), currency: 'INRX' }))) as ApplicationFailure;
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.type).toBe('PaymentRequestRejected');
    expect(failure.details).toEqual([{ status: 400, code: 'parameter_invalid', fieldErrors: [{ field: 'currency', message: expect.any(String) }] }]);

    await activities.sendPayout(payoutInput('A422'));
    const reused = (await failureOf(activities.sendPayout({ ...payoutInput('A422'), amount: 1 }))) as ApplicationFailure;
    expect([reused.type, reused.nonRetryable]).toEqual(['PaymentRequestRejected', true]);
  });

  it('rejected credentials stay retryable: the loan waits for the configuration fix', async () => {
    const misconfigured = createPaymentActivities({ gateway: new PaymentGatewayClient({ baseUrl: gateway.url, secretKey: 'sk_test_rotated' }) });
    const failure = await failureOf(misconfigured.sendPayout(payoutInput('A401')));
    expect(failure).not.toBeInstanceOf(ApplicationFailure);
    expect((failure as Error).message).toMatch(/401 unauthorized/);
  });

  it('collectInstallment returns a successful collection', async () => {
    const result = await activities.collectInstallment(collectInput('C1'));
    expect(result).toEqual({ collectionId: expect.stringMatching(/^col_/), status: 'succeeded', collectedAt: expect.any(String) });
    expect(await activities.collectInstallment(collectInput('C1'))).toEqual(result);
  });

  it.each([
    [ACCOUNTS.insufficientFunds.accountNumber, 'insufficient_funds'],
    [ACCOUNTS.mandateRevoked.accountNumber, 'mandate_revoked'],
  ])('collectInstallment from %s returns status failed with %s instead of throwing', async (accountNumber, failureCode) => {
    expect(await activities.collectInstallment(collectInput(`C-${failureCode}`, accountNumber))).toEqual({
      collectionId: expect.stringMatching(/^col_/),
      status: 'failed',
      failureCode,
      collectedAt: expect.any(String),
    });
  });

  it('collectInstallment surfaces an outage as a plain retryable error', async () => {
    const input = collectInput('C503', ACCOUNTS.unavailableOnce.accountNumber);
    expect(await failureOf(activities.collectInstallment(input))).not.toBeInstanceOf(ApplicationFailure);
    expect((await activities.collectInstallment(input)).status).toBe('succeeded');
  });
});
