// An imported loan's history replayed as servicing would have lived it: each day something
// happened, in servicing's order (the due date's credit applied first, then the late fees due that
// day, then that day's payments), through the same allocation (servicing.ts), late-fee rule
// (late-fees.ts) and DPD observations (repayment-behaviour.ts) a loan of ours goes through. The
// workflow applies the result; the API runs it first to refuse a history that cannot be.
import { addDays, compareIsoDates, isIsoDate, parseIsoDate, type IsoDate } from './calendar.js';
import { daysPastDue } from './delinquency.js';
import { lateFeesDue, type LateFeeRule } from './late-fees.js';
import { emptyDpdHistory, observeDpd, type DpdHistory } from './repayment-behaviour.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import { applyCredit, applyPayment, assessLateFee, isPaidOff, openAccount, type Allocation, type LoanAccount } from './servicing.js';

export interface ImportedTerms {
  disbursedOn: IsoDate;
  /** minor units */
  principal: number;
  aprBps: number;
  termMonths: number;
  /** one month after disbursement when absent */
  firstDueDate?: IsoDate;
  /** firstDueDate's day when absent; the disbursement day when both are absent, as origination builds it */
  dueDay?: number;
}

/** The account as of the disbursement date, with the schedule the terms make; throws ScheduleError or ServicingError. */
export function openImportedAccount(terms: ImportedTerms, currency: string): LoanAccount {
  const schedule = buildSchedule({
    principal: terms.principal,
    aprBps: terms.aprBps,
    termMonths: terms.termMonths,
    firstDueDate: terms.firstDueDate ?? firstDueDateFor(terms.disbursedOn),
    dueDay: terms.dueDay ?? parseIsoDate(terms.firstDueDate ?? terms.disbursedOn).day,
  });
  return openAccount({ currency, aprBps: terms.aprBps, disbursedOn: terms.disbursedOn, schedule });
}

export interface HistoricalPayment {
  on: IsoDate;
  /** minor units of the loan's currency */
  amount: number;
  /** the lender's reference for the payment: later reports of it are duplicates */
  reference: string;
}

export type HistoryStep =
  | { kind: 'due'; on: IsoDate; seq: number; allocation: Allocation }
  | { kind: 'late_fee'; on: IsoDate; seq: number; fee: number }
  | { kind: 'payment'; on: IsoDate; payment: HistoricalPayment; allocation: Allocation };

export interface HistoryProblem {
  /** where in the import row: payments[i].date, payments[i].amount, payments[i].reference */
  field: string;
  message: string;
}

export interface ImportedHistory {
  account: LoanAccount;
  steps: HistoryStep[];
  /** the last instalment whose due date has passed (or is today) */
  handledDueSeq: number;
  dpdHistory: DpdHistory;
  /** what the payments went to, all told (credit applied on due dates included) */
  totals: { collected: number; fees: number; interest: number; principal: number };
  problems: HistoryProblem[];
}

export interface ImportedHistoryInput {
  account: LoanAccount;
  lateFee: LateFeeRule;
  payments: readonly HistoricalPayment[];
  /** today: nothing after it has happened yet */
  through: IsoDate;
}

export function replayImportedHistory({ account: opened, lateFee, payments, through }: ImportedHistoryInput): ImportedHistory {
  const problems = paymentProblems(opened, payments, through);
  let account = opened;
  const steps: HistoryStep[] = [];
  let handledDueSeq = 0;
  let dpdHistory = emptyDpdHistory();
  const totals = { collected: 0, fees: 0, interest: 0, principal: 0 };
  const add = (a: Allocation) => {
    totals.fees += a.fees;
    totals.interest += a.interest;
    totals.principal += a.principal;
  };
  if (problems.length > 0) return { account, steps, handledDueSeq, dpdHistory, totals, problems };

  const ordered = payments.map((payment, index) => ({ payment, index })).sort((a, b) => compareIsoDates(a.payment.on, b.payment.on) || a.index - b.index);
  for (const on of eventDates(opened, lateFee, ordered.map((p) => p.payment.on), through)) {
    for (const inst of account.installments) {
      if (inst.seq <= handledDueSeq || inst.dueDate !== on) continue;
      const credited = applyCredit(account, on);
      account = credited.account;
      handledDueSeq = inst.seq;
      // As observeDueDate (workflows/loan/behaviour.ts): each due date after the first ends a month.
      if (inst.seq > 1) dpdHistory = observeDpd(dpdHistory, daysPastDue(account, on, lateFee.toleranceMinor), on);
      add(credited.allocation);
      steps.push({ kind: 'due', on, seq: inst.seq, allocation: credited.allocation });
    }
    for (const seq of lateFeesDue(account, lateFee, on)) {
      account = assessLateFee(account, seq, lateFee.fee);
      steps.push({ kind: 'late_fee', on, seq, fee: lateFee.fee });
    }
    for (const { payment, index } of ordered.filter((p) => p.payment.on === on)) {
      if (isPaidOff(account)) {
        problems.push({ field: `payments[${index}].amount`, message: `the loan was already paid off when this payment of ${payment.amount} was made on ${on}` });
        continue;
      }
      const paid = applyPayment(account, payment.amount, on);
      if (paid.allocation.overpayment > 0) {
        problems.push({ field: `payments[${index}].amount`, message: `${payment.amount} is more than was owed on ${on}: ${payment.amount - paid.allocation.overpayment} paid the loan off` });
        continue;
      }
      account = paid.account;
      totals.collected += payment.amount;
      add(paid.allocation);
      steps.push({ kind: 'payment', on, payment, allocation: paid.allocation });
    }
  }
  return { account, steps, handledDueSeq, dpdHistory, totals, problems };
}

function paymentProblems(account: LoanAccount, payments: readonly HistoricalPayment[], through: IsoDate): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  const seen = new Set<string>();
  payments.forEach((p, i) => {
    if (!isIsoDate(p.on)) problems.push({ field: `payments[${i}].date`, message: 'must be a real calendar date written YYYY-MM-DD' });
    else if (compareIsoDates(p.on, account.disbursedOn) < 0) problems.push({ field: `payments[${i}].date`, message: `${p.on} is before the loan was disbursed on ${account.disbursedOn}` });
    else if (compareIsoDates(p.on, through) > 0) problems.push({ field: `payments[${i}].date`, message: `${p.on} is after today (${through})` });
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) problems.push({ field: `payments[${i}].amount`, message: 'must be a positive whole number of minor units' });
    if (seen.has(p.reference)) problems.push({ field: `payments[${i}].reference`, message: `${p.reference} names an earlier payment of this loan too` });
    seen.add(p.reference);
  });
  return problems;
}

/** Every day on which servicing would have done something: due dates, late-fee days, payments. */
function eventDates(account: LoanAccount, lateFee: LateFeeRule, paymentDates: IsoDate[], through: IsoDate): IsoDate[] {
  const dates = new Set<IsoDate>(paymentDates);
  for (const inst of account.installments) {
    dates.add(inst.dueDate);
    dates.add(addDays(inst.dueDate, lateFee.afterDays));
  }
  return [...dates].filter((d) => compareIsoDates(d, through) <= 0).sort(compareIsoDates);
}
