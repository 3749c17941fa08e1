// The repayment schedule of an amortising (level-payment) loan, in exact integer arithmetic.
//
// Rules (domain/README.md states them for auditors):
// - Monthly rate r = aprBps / 120000 (APR / 12), kept as a fraction, never a float.
// - Level instalment A = P*r / (1 - (1+r)^-n), computed exactly on bigints and rounded half up
//   to the minor unit once. With a zero rate, A = P / n rounded down.
// - Each period's interest = opening balance * r, rounded half up; its principal = A - interest.
// - The last instalment repays whatever balance is left, plus its own interest, so the principal
//   parts always add up to P exactly.
// - Bound on the last instalment L (proof in README): |L - A| <= ((1+r)^n - 1) / r, the sum of
//   the compounding factors, because the one rounding of A and the n roundings of interest are
//   each at most half a minor unit and each is carried forward with interest. With r = 0 the
//   bound is L - A < n. For a 12-month loan at 12% it is 12 minor units.
// - Terms whose rounded level instalment would repay the principal before the last instalment
//   are refused rather than given zero or negative rows. That needs the exact balance before the
//   last instalment, A*/(1+r), to be no more than the rounding drift bound ((1+r)^(n-1) - 1)/r:
//   a few minor units spread over many months, or rates and terms (80% APR over 18 years) where
//   the exact principal part of an instalment is a fraction of a minor unit.
import { addMonths, isIsoDate, parseIsoDate, type IsoDate } from './calendar.js';
import { roundHalfUp } from './money.js';

export const MAX_TERM_MONTHS = 480;
export const MAX_APR_BPS = 10_000;
/** 12 months x 10,000 basis points: aprBps / MONTHLY_RATE_DENOMINATOR is the monthly rate. */
const MONTHLY_RATE_DENOMINATOR = 120_000n;

export interface AmortisationTerms {
  /** minor units, > 0 */
  principal: number;
  /** annual rate in basis points, 0-10000 */
  aprBps: number;
  /** 1-480 */
  termMonths: number;
}

export interface ScheduleTerms extends AmortisationTerms {
  firstDueDate: IsoDate;
  /**
   * Day of the month instalments fall on (1-31), clamped to short months. Defaults to the day of
   * firstDueDate; pass the disbursement day for a loan disbursed on the 29th-31st, so that a due
   * date pushed to 28 February comes back to the 31st in March.
   */
  dueDay?: number;
}

export interface ScheduledInstallment {
  /** 1-based */
  seq: number;
  dueDate: IsoDate;
  /** minor units */
  principal: number;
  interest: number;
  /** principal + interest */
  total: number;
}

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

/** The first instalment falls due one month after disbursement, on the disbursement day (clamped). */
export function firstDueDateFor(disbursedOn: IsoDate): IsoDate {
  return addMonths(disbursedOn, 1);
}

/** The regular instalment A: every instalment but the last is exactly this. */
export function installmentAmount(terms: AmortisationTerms): number {
  return amortise(terms).level;
}

export function buildSchedule(terms: ScheduleTerms): ScheduledInstallment[] {
  const { firstDueDate } = terms;
  if (!isIsoDate(firstDueDate)) {
    throw new ScheduleError(`firstDueDate must be a real date as YYYY-MM-DD, got ${JSON.stringify(firstDueDate)}`);
  }
  const firstDay = parseIsoDate(firstDueDate).day;
  const dueDay = terms.dueDay ?? firstDay;
  if (!Number.isInteger(dueDay) || dueDay < 1 || dueDay > 31 || addMonths(firstDueDate, 0, dueDay) !== firstDueDate) {
    throw new ScheduleError(`dueDay ${String(terms.dueDay)} does not match firstDueDate ${firstDueDate}: it must be that date's day, or a later day the month is too short for`);
  }
  return amortise(terms).rows.map((row, index) => ({
    seq: index + 1,
    dueDate: addMonths(firstDueDate, index, dueDay),
    principal: row.principal,
    interest: row.interest,
    total: row.principal + row.interest,
  }));
}

interface Amortisation {
  level: number;
  rows: { principal: number; interest: number }[];
}

function amortise(terms: AmortisationTerms): Amortisation {
  const { principal, aprBps, termMonths } = validateTerms(terms);
  const level = levelInstallment(BigInt(principal), BigInt(aprBps), BigInt(termMonths));
  if (level < 1n) {
    throw new ScheduleError(`principal ${principal} is too small to repay over ${termMonths} months: the instalment would round to 0 minor units`);
  }
  const rows: Amortisation['rows'] = [];
  let balance = BigInt(principal);
  for (let seq = 1; seq <= termMonths; seq++) {
    const interest = roundHalfUp(balance * BigInt(aprBps), MONTHLY_RATE_DENOMINATOR);
    const principalPart = seq < termMonths ? level - interest : balance;
    if (seq < termMonths && principalPart >= balance) {
      throw new ScheduleError(
        `Cannot amortise ${principal} minor units over ${termMonths} months at ${aprBps} bps: the level instalment, rounded to ${level} minor units, would repay the principal by instalment ${seq} (the principal is too small for the term, or the rate and term leave each instalment's principal part smaller than a minor unit)`,
      );
    }
    balance -= principalPart;
    rows.push({ principal: toAmount(principalPart, 'principal'), interest: toAmount(interest, 'interest') });
    toAmount(principalPart + interest, `instalment ${seq}`);
  }
  return { level: toAmount(level, 'the level instalment'), rows };
}

// A = P * a * (D+a)^n / (D * ((D+a)^n - D^n)), where r = a / D: the annuity formula with every
// power of (1 + r) multiplied through by D^n so that only integers remain.
function levelInstallment(principal: bigint, aprBps: bigint, termMonths: bigint): bigint {
  if (aprBps === 0n) return principal / termMonths;
  const growth = (MONTHLY_RATE_DENOMINATOR + aprBps) ** termMonths;
  const base = MONTHLY_RATE_DENOMINATOR ** termMonths;
  return roundHalfUp(principal * aprBps * growth, MONTHLY_RATE_DENOMINATOR * (growth - base));
}

function validateTerms(terms: AmortisationTerms): AmortisationTerms {
  const { principal, aprBps, termMonths } = terms;
  if (!Number.isSafeInteger(principal) || principal <= 0) {
    throw new ScheduleError(`principal must be a positive whole number of minor units, got ${String(principal)}`);
  }
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
    throw new ScheduleError(`termMonths must be a whole number from 1 to ${MAX_TERM_MONTHS}, got ${String(termMonths)}`);
  }
  if (!Number.isInteger(aprBps) || aprBps < 0 || aprBps > MAX_APR_BPS) {
    throw new ScheduleError(`aprBps must be a whole number of basis points from 0 to ${MAX_APR_BPS}, got ${String(aprBps)}`);
  }
  return { principal, aprBps, termMonths };
}

function toAmount(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ScheduleError(`${what} would be ${value} minor units, more than an amount can hold exactly (${Number.MAX_SAFE_INTEGER})`);
  }
  return Number(value);
}
