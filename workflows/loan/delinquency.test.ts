import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GATEWAY_TEST_ACCOUNTS } from '../../apps/sandboxes/gateway/test-accounts.js';
import { application } from '../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { journals, ledgerBalances, loanEvents, loanRow } from '../../apps/testkit/read-model.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
beforeAll(async () => {
  // A small history limit makes the long delinquent walk continue as new several times.
  t = await createLoanTestEnv({ historyLimit: 400 });
});
afterAll(async () => {
  await t?.teardown();
});

describe('delinquency', () => {
  it('a borrower who stops paying walks every bucket and is charged off at the threshold', async () => {
    const insufficientFunds = GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber;
    const loanId = await t.startLoan(
      application('approved', { loan: { termMonths: 12 }, bankAccount: { accountNumber: insufficientFunds, routingCode: 'HDFC0001234', holderName: 'Priya Sharma' } }),
    );
    await t.loans.awaitDecision(loanId);
    const active = await t.loans.acceptOffer(loanId);
    expect(active.status).toBe('active');
    const firstRun = (await t.loans.handle(loanId).describe()).runId;

    const outcome = await t.loans.handle(loanId).result();
    expect(outcome).toEqual({ loanId, status: 'charged_off', closedReason: 'days_past_due_threshold' });

    const events = await loanEvents(t.orm, loanId);
    const transitions = events.filter((e) => e.type === 'delinquency.bucket_changed').map((e) => e.data.to);
    expect(transitions).toEqual(['1-15', '16-30', '31-60', '61-90', '90+']);
    const chargeOff = events.find((e) => e.type === 'loan.charged_off');
    expect(chargeOff?.data.daysPastDue).toBe(t.product.chargeOffDpd);
    // Autopay was tried on each due date and on the product's retry days, and failed each time.
    const autopay = events.filter((e) => e.type === 'autopay.failed');
    expect(autopay.length).toBeGreaterThanOrEqual(3);
    expect(autopay.every((e) => e.data.failureCode === 'insufficient_funds')).toBe(true);
    expect(events.filter((e) => e.type === 'late_fee.assessed').length).toBeGreaterThanOrEqual(5);
    // Statuses followed the buckets, and the read model shows the end.
    const statuses = events.filter((e) => e.type === 'status.changed').map((e) => e.data.to);
    expect(statuses).toEqual(['under_review', 'offered', 'disbursing', 'active', 'delinquent', 'charged_off']);
    const row = await loanRow(t.orm, loanId);
    expect(row?.status).toBe('charged_off');
    expect(row?.bucket).toBeNull();
    expect(chargeOff?.data.bucket).toBe('90+');
    // The written-off principal left the receivable for credit losses.
    const balances = await ledgerBalances(t.orm, loanId);
    expect(balances.loans_receivable).toBe(0);
    expect(balances.credit_losses).toBe(active.principal);
    expect((await journals(t.orm, loanId)).map((j) => j.kind)).toEqual(['disbursement', 'charge_off']);
    // Six months of daily checks did not fit one run: it continued as new and kept its state.
    const lastRun = (await t.loans.handle(loanId).describe()).runId;
    expect(lastRun).not.toBe(firstRun);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
  });

  it('a late payment cures the delinquency and the loan returns to current', async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
    await t.loans.awaitDecision(loanId);
    const active = await t.loans.acceptOffer(loanId);
    const first = active.schedule![0]!;
    await t.env.sleep('40 days');
    const late = await t.loans.state(loanId);
    expect(late.status).toBe('delinquent');
    const fee = t.product.lateFee[active.currency]!;
    const paid = await t.loans.recordPayment(loanId, { externalId: `late-${loanId}`, amount: first.amountDue + fee, currency: active.currency, source: 'api' });
    expect(paid.allocation.fees).toBe(fee);
    expect(paid.status).toBe('active');
    const transitions = (await loanEvents(t.orm, loanId)).filter((e) => e.type === 'delinquency.bucket_changed').map((e) => e.data.to);
    expect(transitions.at(-1)).toBe('current');
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });
});
