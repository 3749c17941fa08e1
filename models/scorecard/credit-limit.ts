// The largest principal we would lend: what the income can carry after existing repayments,
// times a number of months of that headroom, both tightening as the probability of default
// rises. Thin files are further capped at three months of verified income until they have
// some repayment history with us.
import { minorUnits } from '../../domain/currency.js';
import type { ScorecardFeatures } from './features.js';

/** Rows by ceiling of PD (bps): total repayments may take maxDtiBps of income; the limit is `months` of the headroom. */
export const AFFORDABILITY = [
  { maxPdBps: 100, maxDtiBps: 5000, months: 30 },
  { maxPdBps: 300, maxDtiBps: 4500, months: 24 },
  { maxPdBps: 600, maxDtiBps: 4000, months: 18 },
  { maxPdBps: 1200, maxDtiBps: 3500, months: 12 },
  { maxPdBps: 10_000, maxDtiBps: 3000, months: 6 },
] as const;

export const THIN_FILE_INCOME_MULTIPLE = 3;

/** Limits are rounded down to this many major units (a round amount to offer). */
const ROUND_TO_MAJOR: Readonly<Record<string, number>> = { INR: 1000, JPY: 10_000 };
const DEFAULT_ROUND_TO_MAJOR = 100;

export function creditLimit(features: ScorecardFeatures, pdBps: number, thinFile: boolean): number {
  // The last row's ceiling is 100%, so some row always matches.
  const row = AFFORDABILITY.find((r) => pdBps <= r.maxPdBps) ?? AFFORDABILITY[4];
  const income = features.assessedMonthlyIncome;
  const headroom = Math.floor((income * row.maxDtiBps) / 10_000) - (features.avgMonthlyLoanRepayments ?? 0);
  if (headroom <= 0) return 0;
  let limit = headroom * row.months;
  if (thinFile) limit = Math.min(limit, income * THIN_FILE_INCOME_MULTIPLE);
  const step = (ROUND_TO_MAJOR[features.currency] ?? DEFAULT_ROUND_TO_MAJOR) * 10 ** minorUnits(features.currency);
  return Math.floor(limit / step) * step;
}
