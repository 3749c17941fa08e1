// What an arrangement (domain/arrangements.ts) does to a loan account, in exact minor units.
//
// Rules (domain/README.md states them for auditors):
// - What is owed now is the payoff quote on the day (servicing.ts): unpaid fees, unpaid interest
//   due, the interest accrued in the current period, all unpaid principal, less the credit
//   balance. An arrangement starts by spending that credit on what is owed (fees, then interest,
//   then principal, the servicing waterfall), so the account it leaves holds no credit.
// - Instalments already due keep what was paid on them and no more: their unpaid parts move into
//   the arrangement. Instalments not yet due are replaced. Every instalment keeps its number, so
//   the arrangement's instalments follow on (seq n+1 ...).
// - Plan: its instalments add up exactly to what is owed; each takes the owed fees, then
//   interest, then principal, in date order. No further interest accrues (the account's rate
//   becomes 0), and the interest it carries was earned already, so paying early waives none.
// - Settlement: the same, for less than is owed (more than 0); what its instalments do not carry
//   is the write-down, written off against credit_losses (its principal part) once they are paid.
// - Restructure: the outstanding principal is re-amortised (schedule.ts) at aprBps (or the loan's
//   rate) over the instalments still unpaid plus extraMonths, the first falling holidayMonths
//   after the next regular due date, on the loan's due day. No interest is charged for the
//   holiday months (a concession of the restructure). The arrears (unpaid fees, interest due and
//   accrued to the day) are added to the first new instalment, their interest as earned. Interest
//   is charged once for each day: without a holiday the first new instalment's period began before
//   today, and its days up to today are in the accrued interest already, so its own interest runs
//   from today only (the daily accrual of the payoff quote, at the new rate, on the principal; at
//   most the schedule's interest for the period). A payoff before it falls due accrues its
//   interest over those same days (accruesFrom): from today, or from the end of the holiday.
// - Payments under an arrangement go through the same waterfall as before, over the new
//   instalments: money goes to what is due, ahead of it to the credit balance, and a payment that
//   covers the payoff quote pays the account off.
import { addMonths, compareIsoDates, daysBetween, isIsoDate, parseIsoDate, type IsoDate } from './calendar.js';
import type { ArrangementInstalment, ArrangementTerms } from './arrangements.js';
import { isMinorUnits } from './money.js';
import { buildSchedule, MAX_APR_BPS, MAX_TERM_MONTHS, ScheduleError } from './schedule.js';
import { accruedInterest, payoffQuote, type Allocation, type AmountsDue, type InstallmentAccount, type LoanAccount, type PayoffQuote } from './servicing.js';

/** The most instalments a plan or settlement may have (ten years of monthly ones). */
export const MAX_ARRANGEMENT_INSTALMENTS = 120;
/** A payment holiday of at most a year. */
export const MAX_HOLIDAY_MONTHS = 12;

export interface TermsProblem {
  /** the field at fault, as the API names it (under `terms`) */
  field: string;
  message: string;
}

export interface AppliedArrangement {
  account: LoanAccount;
  /** the credit balance spent on what was owed when the arrangement was applied (post it like a due date's credit) */
  fromCredit: Allocation;
  /** a settlement's forgiven part, written down when it is paid; zeros for a plan or restructure */
  writeDown: AmountsDue;
}

/** What is owed on asOf: the payoff quote (servicing.ts), net of the credit balance. */
export function owedNow(account: LoanAccount, asOf: IsoDate): PayoffQuote {
  return payoffQuote(account, asOf);
}

/** Everything wrong with the terms for this account on asOf, naming each field; empty when they can be applied. */
export function arrangementTermsProblems(account: LoanAccount, terms: unknown, asOf: IsoDate): TermsProblem[] {
  if (typeof terms !== 'object' || terms === null || Array.isArray(terms)) return [{ field: 'terms', message: 'terms must be an object' }];
  const t = terms as Record<string, unknown>;
  const owed = owedNow(account, asOf).total;
  if (t.kind === 'plan' || t.kind === 'settlement') {
    const problems = instalmentProblems(t.instalments, asOf);
    if (problems.length > 0) return problems;
    const sum = (t.instalments as ArrangementInstalment[]).reduce((s, i) => s + i.amountMinor, 0);
    if (t.kind === 'plan' && sum !== owed) {
      return [{ field: 'terms.instalments', message: `a plan's instalments must add up to what is owed, ${owed} minor units; they add up to ${sum}` }];
    }
    if (t.kind === 'settlement' && !(sum < owed)) {
      return [{ field: 'terms.instalments', message: `a settlement's instalments must add up to less than what is owed, ${owed} minor units; they add up to ${sum}` }];
    }
    return [];
  }
  if (t.kind === 'restructure') return restructureProblems(account, t, asOf);
  return [{ field: 'terms.kind', message: 'terms.kind must be plan, restructure or settlement' }];
}

export interface ApplyOptions {
  /**
   * Charge a restructure's first period from today only (the rule in the header). True but for
   * the loan workflow replaying a restructure applied before the fix, which charged the whole period.
   */
  interestOnce?: boolean;
}

/** The account under the terms (which arrangementTermsProblems found none in). */
export function applyArrangementTerms(account: LoanAccount, terms: ArrangementTerms, asOf: IsoDate, { interestOnce = true }: ApplyOptions = {}): AppliedArrangement {
  const problems = arrangementTermsProblems(account, terms, asOf);
  if (problems.length > 0) throw new RangeError(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  const quote = owedNow(account, asOf);
  const { owed, fromCredit } = spendCredit(quote);
  const kept = keptInstallments(account, asOf);
  const next = kept.length + 1;
  if (terms.kind === 'restructure') {
    const rows = restructuredRows(account, terms, asOf, owed, next, interestOnce);
    return { account: { ...account, aprBps: terms.aprBps ?? account.aprBps, installments: [...kept, ...rows], creditBalance: 0 }, fromCredit, writeDown: zero() };
  }
  const { rows, left } = fill(terms.instalments, owed, next);
  const writeDown = terms.kind === 'settlement' ? left : zero();
  return { account: { ...account, aprBps: 0, installments: [...kept, ...rows], creditBalance: 0 }, fromCredit, writeDown };
}

/** Equal monthly instalments of `total` from `firstDueOn`; the last carries what does not divide evenly. */
export function evenPlan(total: number, count: number, firstDueOn: IsoDate, dueDay?: number): ArrangementInstalment[] {
  const dates = Array.from({ length: count }, (_, k) => addMonths(firstDueOn, k, dueDay));
  return spread(total, dates);
}

/**
 * A seasonal plan: `count` instalments of `total` on `dueDay` of the income months only (1-12,
 * e.g. the harvest months), from the first such month after `from`; evenly split, the last
 * carrying what does not divide evenly.
 */
export function seasonalPlan(total: number, count: number, incomeMonths: readonly number[], from: IsoDate, dueDay: number): ArrangementInstalment[] {
  if (!incomeMonths.some((m) => Number.isInteger(m) && m >= 1 && m <= 12)) throw new RangeError('incomeMonths must name at least one month, 1-12');
  const start = parseIsoDate(from);
  const dates: IsoDate[] = [];
  for (let k = 0; dates.length < count; k++) {
    const date = addMonths(`${String(start.year).padStart(4, '0')}-${String(start.month).padStart(2, '0')}-01`, k, dueDay);
    if (incomeMonths.includes(parseIsoDate(date).month) && compareIsoDates(date, from) > 0) dates.push(date);
  }
  return spread(total, dates);
}

function spread(total: number, dates: IsoDate[]): ArrangementInstalment[] {
  if (!isMinorUnits(total) || total <= 0) throw new RangeError(`total must be a positive whole number of minor units, got ${String(total)}`);
  if (!Number.isInteger(dates.length) || dates.length < 1 || dates.length > MAX_ARRANGEMENT_INSTALMENTS) throw new RangeError(`count must be 1-${MAX_ARRANGEMENT_INSTALMENTS}`);
  const each = Math.floor(total / dates.length);
  if (each < 1) throw new RangeError(`${total} minor units cannot be split into ${dates.length} instalments`);
  return dates.map((dueOn, k) => ({ dueOn, amountMinor: k === dates.length - 1 ? total - each * (dates.length - 1) : each }));
}

function instalmentProblems(instalments: unknown, asOf: IsoDate): TermsProblem[] {
  if (!Array.isArray(instalments) || instalments.length === 0 || instalments.length > MAX_ARRANGEMENT_INSTALMENTS) {
    return [{ field: 'terms.instalments', message: `terms.instalments must list 1 to ${MAX_ARRANGEMENT_INSTALMENTS} instalments` }];
  }
  const problems: TermsProblem[] = [];
  let previous: IsoDate = asOf;
  instalments.forEach((raw: unknown, k) => {
    const at = `terms.instalments[${k}]`;
    const i = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (!isMinorUnits(i.amountMinor) || i.amountMinor <= 0) problems.push({ field: `${at}.amountMinor`, message: 'amountMinor must be a positive whole number of minor units' });
    if (!isIsoDate(i.dueOn)) problems.push({ field: `${at}.dueOn`, message: 'dueOn must be a date, YYYY-MM-DD' });
    else if (compareIsoDates(i.dueOn, previous) <= 0) {
      problems.push({ field: `${at}.dueOn`, message: k === 0 ? `dueOn must be after today, ${asOf}` : `dueOn must be after the previous instalment's, ${previous}` });
    } else previous = i.dueOn;
  });
  return problems;
}

function restructureProblems(account: LoanAccount, t: Record<string, unknown>, asOf: IsoDate): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const whole = (v: unknown, max: number) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max;
  if (!whole(t.extraMonths, MAX_TERM_MONTHS)) problems.push({ field: 'terms.extraMonths', message: `extraMonths must be a whole number from 0 to ${MAX_TERM_MONTHS}` });
  if (!whole(t.holidayMonths, MAX_HOLIDAY_MONTHS)) problems.push({ field: 'terms.holidayMonths', message: `holidayMonths must be a whole number from 0 to ${MAX_HOLIDAY_MONTHS}` });
  if (t.aprBps !== undefined && !whole(t.aprBps, MAX_APR_BPS)) problems.push({ field: 'terms.aprBps', message: `aprBps must be a whole number of basis points from 0 to ${MAX_APR_BPS}` });
  if (problems.length > 0) return problems;
  if (t.extraMonths === 0 && t.holidayMonths === 0 && (t.aprBps === undefined || t.aprBps === account.aprBps)) {
    return [{ field: 'terms', message: 'a restructure must lengthen the term, give a payment holiday or change the rate' }];
  }
  if (t.aprBps !== undefined && (t.aprBps as number) > account.aprBps) return [{ field: 'terms.aprBps', message: `a restructure may lower the rate, not raise it above ${account.aprBps} bps` }];
  const { owed } = spendCredit(owedNow(account, asOf));
  if (owed.principal <= 0) return [{ field: 'terms', message: 'no principal is outstanding to re-amortise: agree a plan for what is owed instead' }];
  const term = unpaidInstallments(account) + (t.extraMonths as number);
  if (term > MAX_TERM_MONTHS) return [{ field: 'terms.extraMonths', message: `the new term would be ${term} months, more than ${MAX_TERM_MONTHS}` }];
  try {
    restructuredRows(account, t as ArrangementTerms & { kind: 'restructure' }, asOf, owed, 1, true);
  } catch (err) {
    if (err instanceof ScheduleError) return [{ field: 'terms', message: err.message }];
    throw err;
  }
  return [];
}

function restructuredRows(account: LoanAccount, terms: Extract<ArrangementTerms, { kind: 'restructure' }>, asOf: IsoDate, owed: AmountsDue, firstSeq: number, interestOnce: boolean): InstallmentAccount[] {
  const dueDay = Math.max(...account.installments.map((i) => parseIsoDate(i.dueDate).day));
  const aprBps = terms.aprBps ?? account.aprBps;
  const firstDueDate = addMonths(nextRegularDueDate(account, asOf, dueDay), terms.holidayMonths, dueDay);
  const schedule = buildSchedule({ principal: owed.principal, aprBps, termMonths: unpaidInstallments(account) + terms.extraMonths, firstDueDate, dueDay });
  // The days of the first period before today were accrued into owed.interest (or, past maturity, not charged): only the rest is.
  const periodStart = addMonths(firstDueDate, -1, dueDay);
  const fromToday = interestOnce && compareIsoDates(periodStart, asOf) < 0;
  const firstInterest = (scheduled: number) => (fromToday ? Math.min(scheduled, accruedInterest(owed.principal, aprBps, daysBetween(asOf, firstDueDate))) : scheduled);
  return schedule.map((row, k) => ({
    seq: firstSeq + k,
    dueDate: row.dueDate,
    principal: row.principal,
    interest: k === 0 ? firstInterest(row.interest) + owed.interest : row.interest,
    fees: k === 0 ? owed.fees : 0,
    paidPrincipal: 0,
    paidInterest: 0,
    paidFees: 0,
    ...(k === 0 && owed.interest > 0 ? { earnedInterest: owed.interest } : {}),
    // An early payoff accrues the first instalment's interest over the same days it charges.
    ...(k === 0 && interestOnce ? { accruesFrom: fromToday ? asOf : periodStart } : {}),
  }));
}

/** The loan's next due date after asOf: the first instalment not yet due, or a month on from the last. */
function nextRegularDueDate(account: LoanAccount, asOf: IsoDate, dueDay: number): IsoDate {
  const upcoming = account.installments.find((i) => compareIsoDates(i.dueDate, asOf) > 0);
  if (upcoming) return upcoming.dueDate;
  const last = account.installments.at(-1)!.dueDate;
  let k = 1;
  while (compareIsoDates(addMonths(last, k, dueDay), asOf) <= 0) k++;
  return addMonths(last, k, dueDay);
}

function unpaidInstallments(account: LoanAccount): number {
  return account.installments.filter((i) => i.principal + i.interest + i.fees > i.paidPrincipal + i.paidInterest + i.paidFees).length;
}

/** Instalments already due, cut down to what was paid on them; those not yet due are dropped (nothing is paid on them). */
function keptInstallments(account: LoanAccount, asOf: IsoDate): InstallmentAccount[] {
  return account.installments
    .filter((i) => compareIsoDates(i.dueDate, asOf) <= 0)
    .map((i) => {
      const { earnedInterest: _earned, ...rest } = i;
      return { ...rest, principal: i.paidPrincipal, interest: i.paidInterest, fees: i.paidFees };
    });
}

/** The quote's parts with its credit spent on them, fees first. */
function spendCredit(quote: PayoffQuote): { owed: AmountsDue; fromCredit: Allocation } {
  let credit = quote.credit;
  const take = (amount: number) => {
    const taken = Math.min(credit, amount);
    credit -= taken;
    return taken;
  };
  const fees = take(quote.fees);
  const interest = take(quote.interest);
  const principal = take(quote.principal);
  const fromCredit: Allocation = { fees, interest, principal, fromCredit: fees + interest + principal, toCredit: 0, overpayment: 0, interestWaived: 0, paidOff: false };
  const owed = { fees: quote.fees - fees, interest: quote.interest - interest, principal: quote.principal - principal, total: 0 };
  return { owed: { ...owed, total: owed.fees + owed.interest + owed.principal }, fromCredit };
}

/** Each instalment takes fees, then interest, then principal, from what is owed, in date order; `left` is what none took. */
function fill(instalments: readonly ArrangementInstalment[], owed: AmountsDue, firstSeq: number): { rows: InstallmentAccount[]; left: AmountsDue } {
  const left = { ...owed };
  const rows = instalments.map((inst, k): InstallmentAccount => {
    let room = inst.amountMinor;
    const take = (part: 'fees' | 'interest' | 'principal') => {
      const taken = Math.min(room, left[part]);
      left[part] -= taken;
      room -= taken;
      return taken;
    };
    const fees = take('fees');
    const interest = take('interest');
    const principal = take('principal');
    return { seq: firstSeq + k, dueDate: inst.dueOn, principal, interest, fees, paidPrincipal: 0, paidInterest: 0, paidFees: 0, ...(interest > 0 ? { earnedInterest: interest } : {}) };
  });
  return { rows, left: { ...left, total: left.fees + left.interest + left.principal } };
}

function zero(): AmountsDue {
  return { fees: 0, interest: 0, principal: 0, total: 0 };
}
