import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GATEWAY_TEST_ACCOUNTS } from '../../apps/sandboxes/gateway/test-accounts.js';
import { application } from '../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { capitalPool, journals, ledgerBalances, loanEvents, loanRow, reservation } from '../../apps/testkit/read-model.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

const account = (accountNumber: string) => ({ accountNumber, routingCode: 'HDFC0001234', holderName: 'Priya Sharma' });

describe('disbursement saga', () => {
  it('a payout the bank refuses unwinds the ledger and the capital reservation, and the loan ends disbursement_failed', async () => {
    const poolBefore = await capitalPool(t.orm, 'INR');
    const loanId = await t.startLoan(application('approved', { bankAccount: account(GATEWAY_TEST_ACCOUNTS.accountClosed.accountNumber) }));
    await t.loans.awaitDecision(loanId);
    const after = await t.loans.acceptOffer(loanId);
    expect(after).toMatchObject({ status: 'disbursement_failed', closedReason: 'account_closed' });

    const events = (await loanEvents(t.orm, loanId)).filter((e) => e.type.startsWith('disbursement.'));
    expect(events.map((e) => [e.type, e.data.step ?? null])).toEqual([
      ['disbursement.funds_reserved', null],
      ['disbursement.ledger_posted', null],
      ['disbursement.failed', null],
      ['disbursement.compensated', 'reverse_ledger'],
      ['disbursement.compensated', 'release_funds'],
    ]);
    expect((await journals(t.orm, loanId)).map((j) => j.kind)).toEqual(['disbursement', 'disbursement']);
    const balances = await ledgerBalances(t.orm, loanId);
    expect(Object.values(balances).every((b) => b === 0)).toBe(true);
    expect(await reservation(t.orm, loanId)).toMatchObject({ status: 'released' });
    expect(await capitalPool(t.orm, 'INR')).toEqual(poolBefore);
    expect((await loanRow(t.orm, loanId))?.status).toBe('disbursement_failed');
  });

  it('a payout whose answer is lost is retried with the same key and paid exactly once', async () => {
    const poolBefore = await capitalPool(t.orm, 'INR');
    const loanId = await t.startLoan(application('newToCredit', { bankAccount: account(GATEWAY_TEST_ACCOUNTS.timeoutAfterCommitOnce.accountNumber) }));
    const decided = await t.loans.awaitDecision(loanId);
    const active = await t.loans.acceptOffer(loanId);
    expect(active.status).toBe('active');
    const payouts = await fetch(`${t.sandboxes.gateway.url}/v1/payouts?reference=${loanId}`, { headers: { authorization: `Bearer ${t.config.gateway.secretKey}` } });
    const body = (await payouts.json()) as { data: { amount: number }[] };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]!.amount).toBe(decided.offer!.principal - decided.offer!.originationFee);
    expect(await reservation(t.orm, loanId)).toMatchObject({ status: 'consumed' });
    const pool = await capitalPool(t.orm, 'INR');
    expect(pool!.available).toBe(poolBefore!.available - decided.offer!.principal);
    expect(pool!.reserved).toBe(0);
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });
});
