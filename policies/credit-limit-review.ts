// Dynamic credit limits, pure. A borrower's limit is the most we would lend them in all (the
// balance they owe us plus what they may still draw: a top-up now, the next loan later), and it
// is re-assessed from how they repay. The roll-rate model (delinquency-roll 1.0.0: P(the DPD
// bucket worsens within 30 days)) sets the direction; seasoning, a cooling-off period,
// affordability and the product's maximum bound any rise; consent gates it.
//
// First matching rule:
//   1. Owes more than the limit (a data or servicing problem): freeze where it is, a person looks.
//   2. DPD above FREEZE_ABOVE_DPD, or roll risk at or above ROLL_BANDS.freezeFrom: freeze at the
//      outstanding principal, so nothing more can be drawn.
//   3. Roll risk at or above ROLL_BANDS.decreaseFrom: take away half the undrawn part.
//   4. Roll risk at or above ROLL_BANDS.holdFrom: hold.
//   5. Below it: grow by at most INCREASE_STEP_BPS of the limit, within the affordability cap and
//      the product maximum, once seasoned (months on book, no DPD, on-time ratio) and at least
//      COOLING_OFF_DAYS after the last change. Not seasoned or nothing to add: hold.
//   In every case a limit above the product maximum comes down to it. New limits are rounded
//   down to a round amount, except where they stop at the balance or the product maximum.
//   Affordability only caps a rise: we do not cut a limit on an income figure alone, which may be
//   stale; falling income shows in repayments, and so in the roll model, first.
// Invariants (property-tested): a decrease never goes below the outstanding principal (money
// already lent cannot be taken back); the limit never rises without consent given within
// CONSENT_VALID_DAYS and after the last change (without it we only offer: `offer_increase`);
// the limit never exceeds the product maximum unless the balance already does; every amount is a
// whole number of minor units. A decrease needs no consent but does need a notice: its reason
// codes are in LIMIT_REVIEW_REASONS, in words a notice can use.
import { isIsoDate } from '../domain/calendar.js';
import { isSupportedCurrency, minorUnits } from '../domain/currency.js';
import { isMinorUnits, type Money } from '../domain/money.js';

export const LIMIT_REVIEW_POLICY_VERSION = 'credit-limit-review/1.0.0';

/**
 * Roll probability bands, basis points. On the model card's held-out deciles, below 500 is about
 * the better half of the book (observed roll rate 2-4%); 1200 starts the ninth decile (22%
 * observed); 3000 is near the top decile (58% observed) and above the model's max-F1 threshold (2384).
 */
export const ROLL_BANDS = { holdFrom: 500, decreaseFrom: 1200, freezeFrom: 3000 } as const;
/** Past 30 days (bucket 31-60 and worse) the account is frozen whatever the model says. */
export const FREEZE_ABOVE_DPD = 30;
export const SEASONING = { minMonthsOnBook: 6, minOnTimeRatioBps: 9000 } as const;
/** Between one change of the limit and the next increase. Decreases do not wait. */
export const COOLING_OFF_DAYS = 180;
/** Consent to an increase older than this does not count (nor consent given before the last change). */
export const CONSENT_VALID_DAYS = 90;
/** Largest rise in one review: a quarter of the current limit. */
export const INCREASE_STEP_BPS = 2500;
/** Elevated risk removes this share of the undrawn part of the limit. */
export const DECREASE_UNDRAWN_BPS = 5000;
/**
 * Repayments to other lenders may take up to maxDtiBps of income with ours; the limit is at most
 * `months` of the headroom left (the shape of models/scorecard/credit-limit.ts, at its PD 1-3% row,
 * since only the lowest roll band can grow).
 */
export const AFFORDABILITY = { maxDtiBps: 4500, months: 24 } as const;
/** Limits are rounded down to this many major units (as the scorecard's limits are). */
const ROUND_TO_MAJOR: Readonly<Record<string, number>> = { INR: 1000, JPY: 10_000 };
const DEFAULT_ROUND_TO_MAJOR = 100;
const MS_PER_DAY = 86_400_000;

/** Reason codes, with text a notice or an ops screen can show. */
export const LIMIT_REVIEW_REASONS = {
  OVER_LIMIT: 'The balance owed is above the credit limit; no further drawing until it is reviewed',
  DPD_ABOVE_FREEZE_LINE: 'A payment is more than 30 days overdue',
  ROLL_RISK_HIGH: 'Recent repayment behaviour shows a high risk of falling further behind',
  ROLL_RISK_ELEVATED: 'Recent repayment behaviour shows an increased risk of falling behind',
  ROLL_RISK_MODERATE: 'Recent repayment behaviour does not support a change in the limit',
  ABOVE_PRODUCT_MAXIMUM: 'The limit is above the most this product lends',
  PAST_DUE: 'A payment is overdue',
  NOT_SEASONED: 'Not enough months of repayment history with us yet',
  ON_TIME_RATIO_LOW: 'Too few payments made on time',
  COOLING_OFF: 'The limit changed recently',
  AT_PRODUCT_MAXIMUM: 'The limit is already at the most this product lends',
  AFFORDABILITY_CAP: 'Income after other repayments does not support a higher limit',
  INCREASE_TOO_SMALL: 'The rise this review allows is below the smallest step we offer (a limit this small is re-assessed at the next application)',
  LOW_ROLL_RISK: 'Repayment behaviour supports a higher limit',
  CONSENT_ON_FILE: 'The borrower asked for or agreed to a higher limit',
  CONSENT_REQUIRED: 'A higher limit is offered; it applies only if the borrower agrees',
  CONSENT_EXPIRED: `Consent to a higher limit is more than ${CONSENT_VALID_DAYS} days old; it is offered again`,
  CONSENT_BEFORE_LAST_CHANGE: 'Consent was given before the last change of limit; it is offered again',
  CONSENT_AFTER_REVIEW: 'Consent is dated after the review; it is offered again',
} as const;
export type LimitReviewReason = keyof typeof LIMIT_REVIEW_REASONS;

export type LimitAction = 'hold' | 'decrease' | 'freeze' | 'increase' | 'offer_increase';

/** An ISO 8601 instant with its zone: 2026-03-01T09:30:00Z, 2026-03-01T15:00:00.250+05:30. */
export type Instant = string;

export interface LimitReviewInput {
  asOf: Instant;
  currentLimit: Money;
  /** the product's maxPrincipal for the limit's currency, minor units */
  productMaxPrincipal: number;
  /** delinquency-roll: P(worse DPD bucket next month), basis points */
  rollProbabilityBps: number;
  currentDpd: number;
  monthsOnBook: number;
  onTimePaymentRatioBps: number;
  /** principal the borrower owes us, minor units of the limit's currency */
  outstandingPrincipal: number;
  assessedMonthlyIncome: number;
  /** repayments to other lenders a month (not ours: our balance is inside the limit), minor units */
  existingMonthlyRepayments: number;
  increaseConsent: { at: Instant } | undefined;
  /** when the limit last changed; undefined if never since it was set */
  limitChangedAt: Instant | undefined;
}

export interface LimitReview {
  action: LimitAction;
  currency: string;
  currentLimit: number;
  newLimit: number;
  /** increase and offer_increase: the limit proposed (applied only for increase) */
  proposedLimit?: number;
  reasons: LimitReviewReason[];
  policyVersion: string;
}

export function reviewCreditLimit(input: LimitReviewInput): LimitReview {
  const problems = inputProblems(input);
  if (problems.length > 0) throw new RangeError(`invalid limit review input: ${problems.join('; ')}`);
  const { currentLimit: { amount: current, currency }, outstandingPrincipal: outstanding, rollProbabilityBps: roll, currentDpd: dpd } = input;
  const result = (action: LimitAction, newLimit: number, reasons: LimitReviewReason[], proposedLimit?: number): LimitReview => ({
    action, currency, currentLimit: current, newLimit, ...(proposedLimit === undefined ? {} : { proposedLimit }), reasons, policyVersion: LIMIT_REVIEW_POLICY_VERSION,
  });
  // A limit above the product's maximum comes down to it, but never below the balance.
  const ceiling = Math.max(outstanding, Math.min(current, input.productMaxPrincipal));
  const holdOrCap = (reasons: LimitReviewReason[]): LimitReview =>
    ceiling < current ? result('decrease', ceiling, ['ABOVE_PRODUCT_MAXIMUM']) : result('hold', current, reasons);

  if (outstanding > current) return result('freeze', current, ['OVER_LIMIT']);
  const freeze: LimitReviewReason[] = [...(dpd > FREEZE_ABOVE_DPD ? ['DPD_ABOVE_FREEZE_LINE' as const] : []), ...(roll >= ROLL_BANDS.freezeFrom ? ['ROLL_RISK_HIGH' as const] : [])];
  if (freeze.length > 0) return result('freeze', outstanding, freeze);
  if (roll >= ROLL_BANDS.decreaseFrom) {
    const kept = shareOf(current - outstanding, 10_000 - DECREASE_UNDRAWN_BPS);
    const target = Math.max(outstanding, roundDown(outstanding + kept, currency));
    if (target >= ceiling) return holdOrCap(['ROLL_RISK_ELEVATED']);
    return result('decrease', target, ['ROLL_RISK_ELEVATED']);
  }
  if (roll >= ROLL_BANDS.holdFrom) return holdOrCap(['ROLL_RISK_MODERATE']);

  const blocked = increaseBlockers(input);
  const step = shareOf(current, INCREASE_STEP_BPS);
  const proposed = roundDown(Math.min(input.productMaxPrincipal, affordabilityCap(input), current + step), currency);
  if (proposed <= current) {
    if (roundDown(input.productMaxPrincipal, currency) <= current) blocked.push('AT_PRODUCT_MAXIMUM');
    else if (roundDown(affordabilityCap(input), currency) <= current) blocked.push('AFFORDABILITY_CAP');
    else blocked.push('INCREASE_TOO_SMALL');
  }
  if (blocked.length > 0) return holdOrCap(blocked);

  const consent = consentProblem(input);
  if (consent === undefined) return result('increase', proposed, ['LOW_ROLL_RISK', 'CONSENT_ON_FILE'], proposed);
  return result('offer_increase', current, ['LOW_ROLL_RISK', consent], proposed);
}

function increaseBlockers(input: LimitReviewInput): LimitReviewReason[] {
  const blocked: LimitReviewReason[] = [];
  if (input.currentDpd > 0) blocked.push('PAST_DUE');
  if (input.monthsOnBook < SEASONING.minMonthsOnBook) blocked.push('NOT_SEASONED');
  if (input.onTimePaymentRatioBps < SEASONING.minOnTimeRatioBps) blocked.push('ON_TIME_RATIO_LOW');
  if (input.limitChangedAt !== undefined && instantMs(input.asOf) - instantMs(input.limitChangedAt) < COOLING_OFF_DAYS * MS_PER_DAY) blocked.push('COOLING_OFF');
  return blocked;
}

/** Why the consent on file does not allow an increase now; undefined when it does. */
export function consentProblem(input: Pick<LimitReviewInput, 'asOf' | 'increaseConsent' | 'limitChangedAt'>): LimitReviewReason | undefined {
  if (input.increaseConsent === undefined) return 'CONSENT_REQUIRED';
  const at = instantMs(input.increaseConsent.at);
  const asOf = instantMs(input.asOf);
  if (at > asOf) return 'CONSENT_AFTER_REVIEW';
  if (asOf - at > CONSENT_VALID_DAYS * MS_PER_DAY) return 'CONSENT_EXPIRED';
  if (input.limitChangedAt !== undefined && at < instantMs(input.limitChangedAt)) return 'CONSENT_BEFORE_LAST_CHANGE';
  return undefined;
}

/** The most the income can carry after other lenders' repayments, in bigint so no product can overflow. */
export function affordabilityCap(input: Pick<LimitReviewInput, 'assessedMonthlyIncome' | 'existingMonthlyRepayments'>): number {
  const headroom = (BigInt(input.assessedMonthlyIncome) * BigInt(AFFORDABILITY.maxDtiBps)) / 10_000n - BigInt(input.existingMonthlyRepayments);
  if (headroom <= 0n) return 0;
  const cap = headroom * BigInt(AFFORDABILITY.months);
  return cap > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(cap);
}

/** bps of an amount, rounded down, in bigint: amount x 10,000 can pass the safe integer range. */
function shareOf(amount: number, bps: number): number {
  return Number((BigInt(amount) * BigInt(bps)) / 10_000n);
}

/** Down to a round amount: 1,000 rupees, 10,000 yen, 100 of other currencies' major units. */
export function roundDown(amount: number, currency: string): number {
  const step = (ROUND_TO_MAJOR[currency] ?? DEFAULT_ROUND_TO_MAJOR) * 10 ** minorUnits(currency);
  return Math.floor(amount / step) * step;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isInstant(value: unknown): value is Instant {
  // Date.parse alone would roll 2025-02-30 over into March.
  const match = typeof value === 'string' ? INSTANT.exec(value) : null;
  return match !== null && isIsoDate(match[1]);
}

function instantMs(value: Instant): number {
  return Date.parse(value);
}

function inputProblems(input: LimitReviewInput): string[] {
  const problems: string[] = [];
  const amount = (name: keyof LimitReviewInput, value: number) => {
    if (!isMinorUnits(value) || value < 0) problems.push(`${name} must be a whole number of minor units, 0 or more`);
  };
  if (!isSupportedCurrency(input.currentLimit.currency)) problems.push(`currency ${JSON.stringify(input.currentLimit.currency)} is not supported`);
  amount('currentLimit', input.currentLimit.amount);
  for (const name of ['productMaxPrincipal', 'outstandingPrincipal', 'assessedMonthlyIncome', 'existingMonthlyRepayments', 'currentDpd', 'monthsOnBook'] as const) amount(name, input[name]);
  for (const name of ['rollProbabilityBps', 'onTimePaymentRatioBps'] as const) {
    if (!Number.isInteger(input[name]) || input[name] < 0 || input[name] > 10_000) problems.push(`${name} must be whole basis points from 0 to 10000`);
  }
  if (!isInstant(input.asOf)) problems.push('asOf must be an ISO 8601 instant with a zone');
  if (input.increaseConsent !== undefined && !isInstant(input.increaseConsent.at)) problems.push('increaseConsent.at must be an ISO 8601 instant with a zone');
  if (input.limitChangedAt !== undefined && !isInstant(input.limitChangedAt)) problems.push('limitChangedAt must be an ISO 8601 instant with a zone');
  return problems;
}
