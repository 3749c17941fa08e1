import { describe, expect, it } from '@jest/globals';
import { applyArrangementTerms, arrangementTermsProblems, evenPlan, owedNow, seasonalPlan } from './arrangement-schedule.js';
import { isBalanced, settlementWriteDownJournal, writeOffJournal } from './ledger.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import { applyPayment, isPaidOff, openAccount, outstandingPrincipal, payoffQuote, type LoanAccount } from './servicing.js';

// The hand-worked loan of servicing.spec.ts: 1,000.00 at 12% over 12 months from 2025-01-15,
// instalments of 8885 (interest 1000, 921, 842, ...). Nothing paid by 2025-04-20: three
// instalments due (26655, of which 2763 interest), and interest accrued on the whole 100,000 for
// the 5 days since 15 April: 100000 x 1200 x 5 / 3,650,000 = 164.38, so 164. Owed: 102,927.
const DISBURSED = '2025-01-15';
const ASOF = '2025-04-20';
const OWED = { fees: 0, interest: 2763 + 164, principal: 100_000, total: 102_927 };

function loan(): LoanAccount {
  return openAccount({ currency: 'INR', aprBps: 1200, disbursedOn: DISBURSED, schedule: buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: firstDueDateFor(DISBURSED) }) });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('what is owed', () => {
  it('is the payoff quote of the day', () => {
    expect(owedNow(loan(), ASOF)).toMatchObject(OWED);
  });
});

describe('plans', () => {
  const plan = evenPlan(OWED.total, 4, '2025-05-01');

  it('splits evenly, the last instalment carrying the remainder', () => {
    // 102927 / 4 = 25731.75: three of 25731 and one of 102927 - 3 x 25731 = 25734.
    expect(plan.map((i) => i.amountMinor)).toEqual([25731, 25731, 25731, 25734]);
    expect(plan.map((i) => i.dueOn)).toEqual(['2025-05-01', '2025-06-01', '2025-07-01', '2025-08-01']);
  });

  it('replaces what is unpaid: fees, interest, principal in date order, with no further interest', () => {
    const { account, writeDown, fromCredit } = applyArrangementTerms(loan(), { kind: 'plan', instalments: plan }, ASOF);
    expect(fromCredit.fromCredit).toBe(0);
    expect(writeDown.total).toBe(0);
    expect(account.aprBps).toBe(0);
    // The three due instalments keep their numbers, cut down to what was paid on them (nothing).
    expect(account.installments.slice(0, 3).map((i) => [i.seq, i.principal + i.interest + i.fees])).toEqual([[1, 0], [2, 0], [3, 0]]);
    const rows = account.installments.slice(3);
    expect(rows.map((i) => [i.seq, i.dueDate, i.interest, i.principal, i.fees])).toEqual([
      [4, '2025-05-01', 2927, 25731 - 2927, 0],
      [5, '2025-06-01', 0, 25731, 0],
      [6, '2025-07-01', 0, 25731, 0],
      [7, '2025-08-01', 0, 25734, 0],
    ]);
    expect(outstandingPrincipal(account)).toBe(100_000);
    expect(payoffQuote(account, ASOF).total).toBe(OWED.total);
  });

  it('takes payments by the waterfall, and an early payoff waives none of the interest it carries', () => {
    let { account } = applyArrangementTerms(loan(), { kind: 'plan', instalments: plan }, ASOF);
    const first = applyPayment(account, 25731, '2025-05-01');
    expect(first.allocation).toMatchObject({ interest: 2927, principal: 22804, toCredit: 0 });
    account = first.account;
    // Between instalments, the quote is the rest of the plan: nothing accrues, nothing is waived.
    const quote = payoffQuote(account, '2025-06-10');
    expect(quote.total).toBe(OWED.total - 25731);
    const payoff = applyPayment(account, quote.total, '2025-06-10');
    expect(payoff.allocation).toMatchObject({ paidOff: true, interestWaived: 0, overpayment: 0, principal: 100_000 - 22804 });
  });

  it('seasonal: instalments only in the income months', () => {
    const seasonal = seasonalPlan(OWED.total, 3, [10, 11], ASOF, 15);
    expect(seasonal).toEqual([
      { dueOn: '2025-10-15', amountMinor: 34309 },
      { dueOn: '2025-11-15', amountMinor: 34309 },
      { dueOn: '2026-10-15', amountMinor: 34309 },
    ]);
    const { account } = applyArrangementTerms(loan(), { kind: 'plan', instalments: seasonal }, ASOF);
    expect(account.installments.slice(3).map((i) => i.dueDate)).toEqual(['2025-10-15', '2025-11-15', '2026-10-15']);
    expect(sum(account.installments.map((i) => i.principal + i.interest))).toBe(OWED.total);
  });

  it('spends a credit balance on what is owed first', () => {
    // 11885 on the first due date: 8885 pays it, 3000 is held. On 1 March, 14 days of interest on
    // 92115 = 423.98 -> 424; the credit pays that and 2576 of principal.
    const paid = applyPayment(loan(), 11_885, '2025-02-15').account;
    expect(paid.creditBalance).toBe(3000);
    const owed = owedNow(paid, '2025-03-01');
    expect(owed).toMatchObject({ interest: 424, principal: 92_115, credit: 3000, total: 89_539 });
    const { account, fromCredit } = applyArrangementTerms(paid, { kind: 'plan', instalments: [{ dueOn: '2025-03-10', amountMinor: 89_539 }] }, '2025-03-01');
    expect(fromCredit).toMatchObject({ interest: 424, principal: 2576, fromCredit: 3000 });
    expect(account.creditBalance).toBe(0);
    expect(account.installments.map((i) => [i.seq, i.principal, i.interest, i.paidPrincipal])).toEqual([
      [1, 7885, 1000, 7885],
      [2, 89_539, 0, 0],
    ]);
    expect(isPaidOff(applyPayment(account, 89_539, '2025-03-10').account)).toBe(true);
  });
});

describe('settlements', () => {
  it('carries less than is owed; the rest is the write-down', () => {
    const instalments = [
      { dueOn: '2025-05-01', amountMinor: 30_000 },
      { dueOn: '2025-06-01', amountMinor: 30_000 },
    ];
    const { account, writeDown } = applyArrangementTerms(loan(), { kind: 'settlement', instalments }, ASOF);
    expect(account.installments.slice(3).map((i) => [i.interest, i.principal])).toEqual([
      [2927, 27_073],
      [0, 30_000],
    ]);
    expect(writeDown).toEqual({ fees: 0, interest: 0, principal: 100_000 - 57_073, total: OWED.total - 60_000 });
    let after = applyPayment(account, 30_000, '2025-05-01').account;
    after = applyPayment(after, 30_000, '2025-06-01').account;
    expect(isPaidOff(after)).toBe(true);
    const journal = settlementWriteDownJournal('k', 'loan', 'INR', writeDown.principal);
    expect(isBalanced(journal)).toBe(true);
    expect(journal.lines).toEqual([
      { account: 'credit_losses', debit: 42_927, credit: 0 },
      { account: 'loans_receivable', debit: 0, credit: 42_927 },
    ]);
  });
});

describe('restructures', () => {
  it('re-amortises the principal after a holiday, over a longer term at a lower rate, the arrears on the first instalment', () => {
    const { account } = applyArrangementTerms(loan(), { kind: 'restructure', extraMonths: 6, holidayMonths: 2, aprBps: 600 }, ASOF);
    // 12 instalments unpaid + 6 = 18; the next due date is 15 May, two months' holiday: from 15 July.
    const expected = buildSchedule({ principal: 100_000, aprBps: 600, termMonths: 18, firstDueDate: '2025-07-15', dueDay: 15 });
    const rows = account.installments.slice(3);
    expect(rows).toHaveLength(18);
    expect(rows[0]).toMatchObject({ seq: 4, dueDate: '2025-07-15', principal: expected[0]!.principal, interest: 500 + 2927, earnedInterest: 2927 });
    expect(rows.slice(1).map((r) => [r.dueDate, r.principal, r.interest])).toEqual(expected.slice(1).map((r) => [r.dueDate, r.principal, r.interest]));
    expect(sum(rows.map((r) => r.principal))).toBe(100_000);
    expect(account.aprBps).toBe(600);
  });

  it('without a holiday charges each day of the current period once: accrued to today, then from today to the first due date', () => {
    const terms = { kind: 'restructure', extraMonths: 6, holidayMonths: 0 } as const;
    const { account } = applyArrangementTerms(loan(), terms, ASOF);
    const expected = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 18, firstDueDate: '2025-05-15', dueDay: 15 });
    const rows = account.installments.slice(3);
    // 15-20 April is in the 2927 owed (164 accrued); 20 April to 15 May is 25 days:
    // 100000 x 1200 x 25 / 3,650,000 = 821.92, so 822, not the schedule's month of 1000.
    expect(rows[0]).toMatchObject({ seq: 4, dueDate: '2025-05-15', principal: expected[0]!.principal, interest: 2927 + 822, earnedInterest: 2927 });
    expect(expected[0]!.interest).toBe(1000);
    expect(rows.slice(1).map((r) => [r.dueDate, r.principal, r.interest])).toEqual(expected.slice(1).map((r) => [r.dueDate, r.principal, r.interest]));
    expect(sum(rows.map((r) => r.principal))).toBe(100_000);
    // A workflow replaying a restructure applied before the fix keeps the whole period (164 charged twice).
    expect(applyArrangementTerms(loan(), terms, ASOF, { interestOnce: false }).account.installments[3]!.interest).toBe(2927 + 1000);
  });

  it('an early payoff accrues the first instalment over the days it charges: from today, none in a holiday', () => {
    const noHoliday = applyArrangementTerms(loan(), { kind: 'restructure', extraMonths: 6, holidayMonths: 0 }, ASOF).account;
    // 1 May: 2927 earned, and 11 days from 20 April: 100000 x 1200 x 11 / 3,650,000 = 361.64, so 362 (not from 15 April, which would charge 15-20 April again).
    expect(payoffQuote(noHoliday, '2025-05-01')).toMatchObject({ interest: 2927 + 362, principal: 100_000, total: 103_289 });
    // On its due date the whole of its interest: 2927 + 822.
    expect(payoffQuote(noHoliday, '2025-05-15')).toMatchObject({ interest: 2927 + 822 });
    const holiday = applyArrangementTerms(loan(), { kind: 'restructure', extraMonths: 6, holidayMonths: 2, aprBps: 600 }, ASOF).account;
    // 1 June is in the holiday (to 15 June): nothing more than the 2927 earned.
    expect(payoffQuote(holiday, '2025-06-01')).toMatchObject({ interest: 2927, total: 102_927 });
    // 25 June: 10 days after the holiday at 6%: 100000 x 600 x 10 / 3,650,000 = 164.38, so 164.
    expect(payoffQuote(holiday, '2025-06-25')).toMatchObject({ interest: 2927 + 164 });
  });
});

describe('terms refused', () => {
  const problems = (terms: unknown) => arrangementTermsProblems(loan(), terms, ASOF).map((p) => p.field);
  it('names the field at fault', () => {
    expect(problems({ kind: 'plan', instalments: [{ dueOn: '2025-05-01', amountMinor: 100 }] })).toEqual(['terms.instalments']);
    expect(problems({ kind: 'plan', instalments: [{ dueOn: ASOF, amountMinor: 100 }] })).toEqual(['terms.instalments[0].dueOn']);
    expect(problems({ kind: 'plan', instalments: [{ dueOn: '2025-06-01', amountMinor: 1 }, { dueOn: '2025-05-01', amountMinor: -1 }] })).toEqual(['terms.instalments[1].amountMinor', 'terms.instalments[1].dueOn']);
    expect(problems({ kind: 'settlement', instalments: [{ dueOn: '2025-05-01', amountMinor: OWED.total }] })).toEqual(['terms.instalments']);
    expect(problems({ kind: 'restructure', extraMonths: 0, holidayMonths: 0 })).toEqual(['terms']);
    expect(problems({ kind: 'restructure', extraMonths: 1, holidayMonths: 0, aprBps: 1300 })).toEqual(['terms.aprBps']);
    expect(problems({ kind: 'restructure', extraMonths: 470, holidayMonths: 13 })).toEqual(['terms.holidayMonths']);
    expect(problems({ kind: 'restructure', extraMonths: 470, holidayMonths: 0 })).toEqual(['terms.extraMonths']);
    expect(problems({ kind: 'holiday' })).toEqual(['terms.kind']);
    expect(problems(null)).toEqual(['terms']);
    expect(problems({ kind: 'plan', instalments: plan() })).toEqual([]);
  });
  function plan() {
    return evenPlan(OWED.total, 2, '2025-05-01');
  }
});

describe('write-off journal', () => {
  it('writes the principal down and owes the credit back', () => {
    const journal = writeOffJournal('k', 'loan', 'INR', 50_000, 1200);
    expect(isBalanced(journal)).toBe(true);
    expect(journal.lines).toEqual([
      { account: 'credit_losses', debit: 50_000, credit: 0 },
      { account: 'loans_receivable', debit: 0, credit: 50_000 },
      { account: 'borrower_advances', debit: 1200, credit: 0 },
      { account: 'refunds_payable', debit: 0, credit: 1200 },
    ]);
  });
});
