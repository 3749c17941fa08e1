// Generated servicing histories: random loans, random payments on random days, credit applied on
// every due date and late fees assessed, with the bookkeeping checked after every operation.
import { describe, it, expect } from '@jest/globals';
import { addDays, compareIsoDates, parseIsoDate } from './calendar.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import {
  applyCredit,
  applyPayment,
  assessLateFee,
  dueAsOf,
  isPaidOff,
  openAccount,
  payoffQuote,
  type InstallmentAccount,
  type LoanAccount,
  type ServicingResult,
} from './servicing.js';
import { seededRandom, type SeededRandom } from './testing/seeded-random.js';

const DISBURSEMENT_DAYS = ['2024-01-31', '2024-02-29', '2025-01-15', '2025-03-30', '2025-12-31', '2026-06-01'];

function randomLoan(random: SeededRandom): LoanAccount {
  const disbursedOn = random.pick(DISBURSEMENT_DAYS);
  const aprBps = random.int(0, 3600);
  const schedule = buildSchedule({
    principal: random.logInt(10_000, 1_000_000_000),
    aprBps,
    termMonths: random.int(1, 24),
    firstDueDate: firstDueDateFor(disbursedOn),
    dueDay: parseIsoDate(disbursedOn).day,
  });
  return openAccount({ currency: random.pick(['INR', 'JPY', 'KWD']), aprBps, disbursedOn, schedule });
}

const unpaidTotal = (i: InstallmentAccount): number => i.fees - i.paidFees + (i.interest - i.paidInterest) + (i.principal - i.paidPrincipal);
const sumOf = (items: InstallmentAccount[], pick: (i: InstallmentAccount) => number): number => items.reduce((s, i) => s + pick(i), 0);

/** Everything an operation must respect, as a list of broken promises (empty when all hold). */
function problemsWith(before: LoanAccount, amount: number, asOf: string, { account: after, allocation }: ServicingResult): string[] {
  const problems: string[] = [];
  const a = allocation;
  const parts = [a.fees, a.interest, a.principal, a.fromCredit, a.toCredit, a.overpayment, a.interestWaived];
  if (!parts.every((p) => Number.isSafeInteger(p) && p >= 0)) problems.push(`negative or unsafe allocation ${JSON.stringify(a)}`);
  if (a.fees + a.interest + a.principal + a.toCredit + a.overpayment !== amount + a.fromCredit) problems.push('allocation does not add up');
  if (a.fromCredit > 0 && a.toCredit > 0) problems.push('money moved both from and to credit');
  if (after.creditBalance !== before.creditBalance - a.fromCredit + a.toCredit) problems.push('credit balance does not follow the allocation');
  if (JSON.stringify(JSON.parse(JSON.stringify(after))) !== JSON.stringify(after)) problems.push('state is not plain JSON');
  after.installments.forEach((i, index) => {
    const was = before.installments[index]!;
    for (const [paid, owed] of [[i.paidFees, i.fees], [i.paidInterest, i.interest], [i.paidPrincipal, i.principal]] as const) {
      if (!(paid >= 0 && paid <= owed)) problems.push(`instalment ${i.seq} paid ${paid} of ${owed}`);
    }
    if (i.principal !== was.principal || i.fees !== was.fees || i.interest > was.interest) problems.push(`instalment ${i.seq} charges changed`);
    if (i.paidFees < was.paidFees || i.paidInterest < was.paidInterest || i.paidPrincipal < was.paidPrincipal) problems.push(`instalment ${i.seq} lost a payment`);
  });
  const delta = (pick: (i: InstallmentAccount) => number): number => sumOf(after.installments, pick) - sumOf(before.installments, pick);
  if (delta((i) => i.paidFees) !== a.fees || delta((i) => i.paidInterest) !== a.interest || delta((i) => i.paidPrincipal) !== a.principal) {
    problems.push('allocation differs from what the instalments record');
  }
  if (before.closedOn !== undefined) {
    if (after !== before || a.overpayment !== amount) problems.push('a closed loan changed or kept money');
    return problems;
  }
  const quote = payoffQuote(before, asOf);
  const owed = quote.principal + quote.interest + quote.fees;
  if (a.paidOff !== (amount + before.creditBalance >= owed)) problems.push(`paidOff ${a.paidOff} with ${amount} + credit ${before.creditBalance} against ${owed}`);
  if (a.paidOff) {
    if (!isPaidOff(after) || after.closedOn !== asOf || after.creditBalance !== 0) problems.push('paid off but not closed cleanly');
    if (a.overpayment !== amount + before.creditBalance - owed) problems.push(`overpayment ${a.overpayment}`);
    if (a.interestWaived !== delta((i) => -i.interest)) problems.push('waived interest is not the interest removed');
    if (a.fees !== quote.fees || a.interest !== quote.interest || a.principal !== quote.principal) problems.push('payoff differs from the quote');
  } else {
    if (after.closedOn !== undefined || isPaidOff(after) || a.overpayment !== 0 || a.interestWaived !== 0) problems.push('closed without paying off');
    if (after.creditBalance > 0 && dueAsOf(after, asOf).total !== 0) problems.push('credit held while something is due');
    problems.push(...waterfallOrderProblems(before, after, asOf));
  }
  return problems;
}

/** No money reaches a later kind (fees, interest, principal) or a later instalment while an earlier one stays unpaid. */
function waterfallOrderProblems(before: LoanAccount, after: LoanAccount, asOf: string): string[] {
  const problems: string[] = [];
  const kinds = [['fees', 'paidFees'], ['interest', 'paidInterest'], ['principal', 'paidPrincipal']] as const;
  const dueAfter = after.installments.filter((i) => compareIsoDates(i.dueDate, asOf) <= 0);
  kinds.forEach(([owed, paid], rank) => {
    after.installments.forEach((i, index) => {
      if (i[paid] === before.installments[index]![paid]) return;
      if (compareIsoDates(i.dueDate, asOf) > 0) problems.push(`instalment ${i.seq} paid before it was due`);
      const earlierKindOpen = kinds.slice(0, rank).some(([o, p]) => dueAfter.some((d) => d[o] > d[p]));
      const olderOpen = dueAfter.some((d) => d.seq < i.seq && d[owed] > d[paid]);
      if (earlierKindOpen || olderOpen) problems.push(`${owed} of instalment ${i.seq} paid out of order`);
    });
  });
  return problems;
}

describe('servicing invariants over generated histories', () => {
  it('keep the books straight through 400 random loans with random payments, credit and late fees', () => {
    const random = seededRandom(31_337);
    let payoffs = 0;
    let creditsApplied = 0;
    for (let c = 0; c < 400; c++) {
      let account = randomLoan(random);
      const label = `seed 31337 loan ${c}`;
      const level = account.installments[0]!.principal + account.installments[0]!.interest;
      const lastDue = account.installments[account.installments.length - 1]!.dueDate;
      let day = account.disbursedOn;
      let paidIn = 0;
      let refunded = 0;
      const step = (amount: number, asOf: string, result: ServicingResult): void => {
        expect([label, asOf, problemsWith(account, amount, asOf, result)]).toEqual([label, asOf, []]);
        paidIn += amount;
        refunded += result.allocation.overpayment;
        if (result.allocation.paidOff && account.closedOn === undefined) payoffs++;
        account = result.account;
      };
      while (account.closedOn === undefined && compareIsoDates(day, addDays(lastDue, 120)) <= 0) {
        const next = addDays(day, random.int(0, 25));
        for (const i of account.installments) {
          if (compareIsoDates(i.dueDate, day) > 0 && compareIsoDates(i.dueDate, next) <= 0 && account.closedOn === undefined) {
            if (account.creditBalance > 0) creditsApplied++;
            step(0, i.dueDate, applyCredit(account, i.dueDate));
          }
        }
        day = next;
        for (const i of account.installments) {
          if (unpaidTotal(i) > 0 && compareIsoDates(addDays(i.dueDate, 15), day) <= 0 && random.next() < 0.3) {
            account = assessLateFee(account, i.seq, random.int(0, 5000));
          }
        }
        const roll = random.next();
        if (roll < 0.04) {
          const total = payoffQuote(account, day).total;
          if (total > 0) step(total, day, applyPayment(account, total, day));
        } else if (roll < 0.6) {
          const amount = random.logInt(1, 2 * level);
          step(amount, day, applyPayment(account, amount, day));
        }
      }
      const credited = sumOf(account.installments, (i) => i.paidFees + i.paidInterest + i.paidPrincipal);
      expect([label, paidIn]).toEqual([label, credited + account.creditBalance + refunded]);
    }
    // the generator reaches the interesting branches
    expect(payoffs).toBeGreaterThan(100);
    expect(creditsApplied).toBeGreaterThan(100);
  });

  it('leave every loan paid on schedule closed on its last due date, with all scheduled interest and nothing else', () => {
    const random = seededRandom(12);
    for (let c = 0; c < 300; c++) {
      let account = randomLoan(random);
      const scheduledInterest = sumOf(account.installments, (i) => i.interest);
      for (const i of account.installments) {
        account = applyCredit(account, i.dueDate).account;
        const { account: next, allocation } = applyPayment(account, i.principal + i.interest, i.dueDate);
        expect([c, allocation.toCredit, allocation.overpayment, allocation.interestWaived]).toEqual([c, 0, 0, 0]);
        account = next;
      }
      expect([c, isPaidOff(account), account.closedOn, account.creditBalance]).toEqual([c, true, account.installments.at(-1)!.dueDate, 0]);
      expect(sumOf(account.installments, (i) => i.paidInterest)).toBe(scheduledInterest);
    }
  });
});
