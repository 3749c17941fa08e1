import { describe, expect, it } from '@jest/globals';
import { addDays, compareIsoDates, parseIsoDate } from './calendar.js';
import { isBalanced, refundJournal, repaymentJournal, unappliedApplicationJournal, unappliedReceiptJournal } from './ledger.js';
import type { LoanEventRecord } from './loan-view.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import { applyCredit, applyPayment, openAccount, payoffQuote, type Allocation } from './servicing.js';
import { seededRandom } from './testing/seeded-random.js';
import { applicationPaymentId, decideClaim, itemIdOfApplication, suspenseAccount, unappliedFromLoanEvents, type ClaimableItem } from './unapplied-cash.js';

const LOAN = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
const ITEM = '6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const AT = '2026-11-21T10:00:00.000Z';
const event = (seq: number, type: string, data: Record<string, unknown>): LoanEventRecord => ({ seq, type, data, occurredAt: AT });

/** As servicing.ts emits payment.applied: the allocation's amounts beside the payment. */
function applied(seq: number, externalId: string, source: string, amount: number, allocation: Allocation): LoanEventRecord {
  const { paidOff, ...amounts } = allocation;
  return event(seq, 'payment.applied', { externalId, source, amount, ...amounts, paidOff });
}

describe("unapplied cash from a loan's events", () => {
  it('holds every rupee a payoff paid beyond the quote, the released credit balance included', () => {
    const disbursedOn = '2025-01-15';
    const schedule = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: firstDueDateFor(disbursedOn) });
    const opened = openAccount({ currency: 'INR', aprBps: 1200, disbursedOn, schedule });
    // An advance sits as credit, then a payment larger than the whole payoff closes the loan.
    const advance = applyPayment(opened, 5_000, '2025-01-20');
    expect(advance.account.creditBalance).toBe(5_000);
    const quote = payoffQuote(advance.account, '2025-02-01');
    const payoff = applyPayment(advance.account, quote.total + 9_999_999, '2025-02-01');
    expect(payoff.allocation).toMatchObject({ paidOff: true, fromCredit: 5_000 });

    const items = unappliedFromLoanEvents(LOAN, 'INR', [applied(7, 'pay_a', 'webhook', 5_000, advance.allocation), applied(8, 'pay_b', 'webhook', quote.total + 9_999_999, payoff.allocation)]);
    expect(items).toEqual([
      expect.objectContaining({ originKey: `loan:${LOAN}:pay_b:overpayment`, amount: 9_999_999, currency: 'INR', reason: 'overpayment', gatewayPaymentId: 'pay_b', loanReference: LOAN, source: 'loan_workflow' }),
    ]);
    // What the repayment journal puts in refunds_payable is exactly what the item holds.
    const journal = repaymentJournal('k', LOAN, 'INR', quote.total + 9_999_999, payoff.allocation);
    const payable = journal.lines.filter((l) => l.account === 'refunds_payable').reduce((s, l) => s + l.credit - l.debit, 0);
    expect(payable).toBe(items[0]!.amount);
  });

  it('leaves nothing in refunds_payable that is not an item, over 300 generated loans with advances, payoffs and credit applied on due dates', () => {
    // As servicing.ts runs a loan: credit applied on each due date (journal, no payment event),
    // payments applied by the waterfall or paying off (payment.applied), payments after the payoff.
    const random = seededRandom(4_242);
    let overpaid = 0;
    let creditsApplied = 0;
    for (let c = 0; c < 300; c++) {
      const disbursedOn = random.pick(['2025-01-15', '2025-01-31', '2026-02-28']);
      const aprBps = random.int(0, 3600);
      const schedule = buildSchedule({ principal: random.logInt(10_000, 100_000_000), aprBps, termMonths: random.int(1, 18), firstDueDate: firstDueDateFor(disbursedOn), dueDay: parseIsoDate(disbursedOn).day });
      let account = openAccount({ currency: 'INR', aprBps, disbursedOn, schedule });
      const events: LoanEventRecord[] = [];
      let payable = 0;
      const journal = (received: number, allocation: Allocation) => {
        payable += repaymentJournal('k', LOAN, 'INR', received, allocation).lines.filter((l) => l.account === 'refunds_payable').reduce((sum, l) => sum + l.credit - l.debit, 0);
      };
      let day = disbursedOn;
      let payments = 0;
      const lastDue = schedule.at(-1)!.dueDate;
      while (compareIsoDates(day, addDays(lastDue, 60)) <= 0 && events.length < 60) {
        const next = addDays(day, random.int(1, 40));
        for (const i of account.installments) {
          if (compareIsoDates(i.dueDate, day) > 0 && compareIsoDates(i.dueDate, next) <= 0) {
            const credit = applyCredit(account, i.dueDate);
            if (credit.allocation.fromCredit > 0 || credit.allocation.overpayment > 0) {
              creditsApplied++;
              journal(0, credit.allocation);
            }
            account = credit.account;
          }
        }
        day = next;
        const quote = account.closedOn ? 0 : payoffQuote(account, day).total;
        const amount = random.next() < 0.15 ? quote + random.int(0, 5_000_000) : random.logInt(1, Math.max(2, quote));
        if (amount <= 0) continue;
        const paid = applyPayment(account, amount, day);
        journal(amount, paid.allocation);
        events.push(applied(++payments, `pay_${c}_${payments}`, 'webhook', amount, paid.allocation));
        account = paid.account;
      }
      const held = unappliedFromLoanEvents(LOAN, 'INR', events).reduce((sum, i) => sum + i.amount, 0);
      expect([c, held]).toEqual([c, payable]);
      overpaid += held;
    }
    // the generator reaches payoffs beyond the quote, payments after the payoff, and credit applied on due dates
    expect(overpaid).toBeGreaterThan(0);
    expect(creditsApplied).toBeGreaterThan(50);
  });

  it('holds a payment to a closed account in full, and knows which overpayments can go back through the gateway', () => {
    const closedAllocation: Allocation = { fees: 0, interest: 0, principal: 0, fromCredit: 0, toCredit: 0, overpayment: 40_000, interestWaived: 0, paidOff: true };
    const items = unappliedFromLoanEvents(LOAN, 'INR', [applied(1, 'col_1', 'autopay', 40_000, closedAllocation), applied(2, 'utr-9', 'api', 40_000, closedAllocation)]);
    expect(items.map((i) => [i.paymentReference, i.amount, i.gatewayPaymentId])).toEqual([
      ['col_1', 40_000, 'col_1'],
      ['utr-9', 40_000, null],
    ]);
  });

  it("holds payments the loan recorded as unapplied, with the reason in our words and the loan's beside it", () => {
    const items = unappliedFromLoanEvents(LOAN, 'INR', [
      event(3, 'payment.unapplied', { externalId: 'pay_1', amount: 1_000, currency: 'USD', reason: 'currency_mismatch' }),
      event(4, 'payment.unapplied', { externalId: 'pay_2', amount: 2_000, currency: 'INR', reason: 'loan_withdrawn' }),
      event(5, 'payment.unapplied', { externalId: 'pay_3', amount: 3_000, currency: 'INR', reason: 'loan_offered' }),
      event(6, 'payment.unapplied', { externalId: 'pay_4', amount: 0, currency: 'INR', reason: 'loan_withdrawn' }),
      event(7, 'status.changed', { from: 'active', to: 'paid_off' }),
    ]);
    expect(items.map((i) => [i.paymentReference, i.currency, i.reason, i.reasonDetail, i.gatewayPaymentId])).toEqual([
      ['pay_1', 'USD', 'currency_mismatch', 'currency_mismatch', 'pay_1'],
      ['pay_2', 'INR', 'loan_closed', 'loan_withdrawn', 'pay_2'],
      ['pay_3', 'INR', 'loan_not_servicing', 'loan_offered', 'pay_3'],
    ]);
  });

  it('refunds through the gateway only what came through it: a payment reported by API and held at close has no gateway id', () => {
    const items = unappliedFromLoanEvents(LOAN, 'INR', [
      event(3, 'payment.unapplied', { externalId: 'utr-77', amount: 5_000, currency: 'INR', source: 'api', reason: 'loan_paid_off' }),
      event(4, 'payment.unapplied', { externalId: 'pay_9', amount: 6_000, currency: 'INR', source: 'webhook', reason: 'loan_paid_off' }),
      event(5, 'payment.unapplied', { externalId: 'col_3', amount: 7_000, currency: 'USD', source: 'autopay', reason: 'currency_mismatch' }),
    ]);
    expect(items.map((i) => [i.paymentReference, i.amount, i.gatewayPaymentId])).toEqual([
      ['utr-77', 5_000, null],
      ['pay_9', 6_000, 'pay_9'],
      ['col_3', 7_000, 'col_3'],
    ]);
  });

  it('names the item behind an application, and no other payment', () => {
    expect(itemIdOfApplication(applicationPaymentId(ITEM, 2))).toBe(ITEM);
    expect(itemIdOfApplication('utr-2026-000123')).toBeUndefined();
  });
});

describe('who may act on an item', () => {
  const item = (over: Partial<ClaimableItem>): ClaimableItem => ({ status: 'open', targetLoanId: null, gatewayPaymentId: 'pay_1', ...over });
  const apply = { kind: 'apply', loanId: LOAN } as const;
  const other = { kind: 'apply', loanId: ITEM } as const;
  const refund = { kind: 'refund' } as const;

  it('lets the first action claim an open item, and carries on or confirms the same action later', () => {
    expect(decideClaim(item({}), apply)).toEqual({ kind: 'claim', resume: false });
    expect(decideClaim(item({}), refund)).toEqual({ kind: 'claim', resume: false });
    expect(decideClaim(item({ status: 'applying', targetLoanId: LOAN }), apply)).toEqual({ kind: 'claim', resume: true });
    expect(decideClaim(item({ status: 'refunding' }), refund)).toEqual({ kind: 'claim', resume: true });
    expect(decideClaim(item({ status: 'applied', targetLoanId: LOAN }), apply)).toEqual({ kind: 'done' });
    expect(decideClaim(item({ status: 'refunded' }), refund)).toEqual({ kind: 'done' });
  });

  it('never lets one item be both applied and refunded, or applied to two loans', () => {
    expect(decideClaim(item({ status: 'applied', targetLoanId: LOAN }), refund)).toMatchObject({ kind: 'refused', code: 'already_applied' });
    expect(decideClaim(item({ status: 'applied', targetLoanId: LOAN }), other)).toMatchObject({ kind: 'refused', code: 'already_applied' });
    expect(decideClaim(item({ status: 'refunded' }), apply)).toMatchObject({ kind: 'refused', code: 'already_refunded' });
    expect(decideClaim(item({ status: 'applying', targetLoanId: LOAN }), refund)).toMatchObject({ kind: 'refused', code: 'in_progress' });
    expect(decideClaim(item({ status: 'applying', targetLoanId: LOAN }), other)).toMatchObject({ kind: 'refused', code: 'in_progress' });
    expect(decideClaim(item({ status: 'refunding' }), apply)).toMatchObject({ kind: 'refused', code: 'in_progress' });
  });

  it('refuses to refund money that did not come through the gateway', () => {
    expect(decideClaim(item({ gatewayPaymentId: null }), refund)).toMatchObject({ kind: 'refused', code: 'not_refundable' });
    expect(decideClaim(item({ gatewayPaymentId: null }), apply)).toEqual({ kind: 'claim', resume: false });
  });
});

describe('unapplied cash journals', () => {
  it('balance, and take an item out of the suspense it waits in', () => {
    const receipt = unappliedReceiptJournal('r', ITEM, 'INR', 9_999_999);
    const application = unappliedApplicationJournal('a', ITEM, null, suspenseAccount('unknown_loan'), 'INR', 9_999_999);
    const refund = refundJournal('f', ITEM, LOAN, suspenseAccount('overpayment'), 'INR', 9_999_999);
    for (const j of [receipt, application, refund]) expect(isBalanced(j)).toBe(true);
    expect(receipt.lines).toEqual([
      { account: 'collections_clearing', debit: 9_999_999, credit: 0 },
      { account: 'unapplied_cash', debit: 0, credit: 9_999_999 },
    ]);
    expect(application.lines[0]).toEqual({ account: 'unapplied_cash', debit: 9_999_999, credit: 0 });
    expect(refund.lines[0]).toEqual({ account: 'refunds_payable', debit: 9_999_999, credit: 0 });
    expect(refund).toMatchObject({ loanId: LOAN, unappliedCashId: ITEM, kind: 'refund' });
  });
});
