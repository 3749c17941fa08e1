import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { application } from '../../apps/testkit/applications.js';
import { toIsoDate } from '../../domain/calendar.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { journals, ledgerBalances, loanEvents, loanPayments, loanRow } from '../../apps/testkit/read-model.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

async function activeLoan(consents: { autopay: boolean }, termMonths = 12) {
  const loanId = await t.startLoan(application('approved', { loan: { termMonths }, consents }));
  const decided = await t.loans.awaitDecision(loanId);
  expect(decided.decision?.outcome).toBe('approved');
  const active = await t.loans.acceptOffer(loanId);
  expect(active.status).toBe('active');
  return { loanId, active };
}

describe('repayment', () => {
  it('a 12-month loan collected by autopay on every due date ends paid_off, with the ledger settled', async () => {
    const { loanId, active } = await activeLoan({ autopay: true });
    expect(active.schedule).toHaveLength(12);
    const outcome = await t.loans.handle(loanId).result();
    expect(outcome).toEqual({ loanId, status: 'paid_off', closedReason: 'paid_in_full' });

    const row = await loanRow(t.orm, loanId);
    expect(row?.status).toBe('paid_off');
    expect(Number(row?.outstanding_total)).toBe(0);
    const payments = await loanPayments(t.orm, loanId);
    expect(payments).toHaveLength(12);
    expect(payments.every((p) => p.source === 'autopay')).toBe(true);
    const paid = payments.reduce((sum, p) => sum + Number(p.amount), 0);
    const scheduled = (active.schedule ?? []).reduce((sum, line) => sum + line.amountDue, 0);
    expect(paid).toBe(scheduled);
    const balances = await ledgerBalances(t.orm, loanId);
    expect(balances.loans_receivable).toBe(0);
    expect(balances.interest_income).toBe(-(scheduled - active.principal!));
    const types = (await loanEvents(t.orm, loanId)).map((e) => e.type);
    expect(types.filter((x) => x === 'installment.due')).toHaveLength(12);
    expect(types.filter((x) => x === 'autopay.succeeded')).toHaveLength(12);
    expect(types.at(-1)).toBe('status.changed');
  });

  it('instalments paid through the API before each due date keep the loan current and pay it off', async () => {
    const { loanId, active } = await activeLoan({ autopay: false }, 6);
    for (const line of active.schedule ?? []) {
      await t.env.sleep('29 days');
      const result = await t.loans.recordPayment(loanId, { externalId: `upi-${loanId}-${line.seq}`, amount: line.amountDue, currency: active.currency, source: 'api' });
      expect(result.duplicate).toBe(false);
      expect(result.allocation.fees).toBe(0);
    }
    const outcome = await t.loans.handle(loanId).result();
    expect(outcome.status).toBe('paid_off');
    const events = await loanEvents(t.orm, loanId);
    expect(events.some((e) => e.type === 'delinquency.bucket_changed')).toBe(false);
  });

  it('the same payment reported by webhook and twice through the API posts once', async () => {
    const { loanId, active } = await activeLoan({ autopay: false });
    const command = { externalId: `utr-${loanId}`, amount: 5000, currency: active.currency, source: 'api' as const };
    await t.loans.notifyPayment(loanId, { ...command, source: 'webhook' });
    const first = await t.loans.recordPayment(loanId, command);
    const replay = await t.loans.recordPayment(loanId, command);
    const other = await t.loans.recordPayment(loanId, { ...command, externalId: `utr-${loanId}-2`, amount: 1000 });
    // The webhook's signal applied it; the API's report of the same payment is a duplicate, and
    // the API retrying its request gets the same answer again.
    expect(first.duplicate).toBe(true);
    expect(replay).toEqual(first);
    expect(other.duplicate).toBe(false);
    expect(other.allocation.toCredit).toBe(1000);
    const payments = await loanPayments(t.orm, loanId);
    expect(payments.map((p) => [p.external_id, Number(p.amount)])).toEqual([
      [`utr-${loanId}`, 5000],
      [`utr-${loanId}-2`, 1000],
    ]);
    const repaymentJournals = (await journals(t.orm, loanId)).filter((j) => j.kind === 'repayment');
    expect(repaymentJournals).toHaveLength(2);
    expect((await ledgerBalances(t.orm, loanId)).borrower_advances).toBe(-6000);
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });

  it('early payoff charges only the interest accrued to the day and closes the loan', async () => {
    const { loanId, active } = await activeLoan({ autopay: true });
    await t.env.sleep('75 days');
    // A query sees the workflow's last wake-up time, so the quote names its date explicitly.
    const today = toIsoDate(await t.env.currentTimeMs());
    const { quote } = await t.loans.payoffQuote(loanId, today);
    expect(quote?.asOf).toBe(today);
    expect(quote).not.toBeNull();
    expect(quote!.principal).toBeGreaterThan(0);
    const result = await t.loans.recordPayment(loanId, { externalId: `payoff-${loanId}`, amount: quote!.total, currency: active.currency, source: 'api' });
    expect(result.allocation.overpayment).toBe(0);
    expect(result.allocation.interestWaived).toBeGreaterThan(0);
    expect(result.allocation.principal).toBe(quote!.principal);
    const outcome = await t.loans.handle(loanId).result();
    expect(outcome.status).toBe('paid_off');
    expect((await ledgerBalances(t.orm, loanId)).loans_receivable).toBe(0);
    const events = await loanEvents(t.orm, loanId);
    expect(events.find((e) => e.type === 'payment.applied' && e.data.externalId === `payoff-${loanId}`)?.data.paidOff).toBe(true);
  });
});
