// The servicing-side models' input records (delinquency-roll and propensity-to-pay), from how the
// loan has been repaid. Column meanings are behaviour.csv and collections.csv in
// models/training/portfolio.md. A loan knows its own repayments; what it does not observe yet is
// null where the card allows it: a card's utilisation (no bureau refresh during servicing),
// income seasonality and UPI regularity (no statement after origination), call engagement and
// promise keeping (no collections calls are recorded yet).
import type { RepaymentBehaviour } from '../../domain/repayment-behaviour.js';
import type { RecoveryFeatures } from '../../policies/recovery-segments.js';

export const DELINQUENCY_ROLL_MODEL = 'delinquency-roll';
export const PROPENSITY_TO_PAY_MODEL = 'propensity-to-pay';

/** The propensity card's bucket categories: the portfolio's buckets, not a product's own. */
export type PortfolioBucket = '1-30' | '31-60' | '61-90' | '90+';

export interface BehaviourRecord {
  months_on_book: number;
  current_dpd: number;
  max_dpd_6m: number;
  dpd_trend_3m: number;
  on_time_payment_ratio_bps: number;
  repayment_velocity_bps: number | null;
  credit_utilisation_bps: number | null;
  income_seasonality_bps: number | null;
  transaction_regularity_bps: number | null;
  communication_engagement_bps: number | null;
  promise_to_pay_count_90d: number;
  promises_kept_ratio_bps: number | null;
}

export interface PropensityRecord extends BehaviourRecord {
  bucket: PortfolioBucket;
}

/** Signals no servicing step records yet: null where the cards allow it. */
const UNOBSERVED = {
  credit_utilisation_bps: null,
  income_seasonality_bps: null,
  transaction_regularity_bps: null,
} as const;

export function behaviourRecord(b: RepaymentBehaviour): BehaviourRecord {
  return {
    months_on_book: b.monthsOnBook,
    current_dpd: b.currentDpd,
    max_dpd_6m: b.maxDpd6m,
    dpd_trend_3m: b.dpdTrend3m,
    on_time_payment_ratio_bps: b.onTimePaymentRatioBps,
    repayment_velocity_bps: b.repaymentVelocityBps,
    ...UNOBSERVED,
    // What recovery learnt: promises made, kept and broken, calls answered (null before any).
    communication_engagement_bps: b.communicationEngagementBps ?? null,
    promise_to_pay_count_90d: b.promiseToPayCount90d ?? 0,
    promises_kept_ratio_bps: b.promisesKeptRatioBps ?? null,
  };
}

/**
 * delinquency-roll requires a velocity. With nothing fallen due yet (the first due date) nothing
 * can be behind either: the velocity of a loan that owes nothing overdue.
 */
export function delinquencyRollRecord(b: RepaymentBehaviour): BehaviourRecord {
  const record = behaviourRecord(b);
  return { ...record, repayment_velocity_bps: record.repayment_velocity_bps ?? 10_000 };
}

export function propensityRecord(b: RepaymentBehaviour): PropensityRecord {
  return { ...behaviourRecord(b), bucket: portfolioBucket(b.currentDpd) };
}

/** A delinquent account's bucket as the training data names it (product buckets may be finer). */
export function portfolioBucket(dpd: number): PortfolioBucket {
  if (!Number.isSafeInteger(dpd) || dpd < 1) throw new RangeError(`a bucket is for a delinquent account: DPD must be 1 or more, got ${String(dpd)}`);
  if (dpd <= 30) return '1-30';
  if (dpd <= 60) return '31-60';
  return dpd <= 90 ? '61-90' : '90+';
}

/** The features the recovery-segment policy reads, from the record propensity was scored on. */
export function recoveryFeatures(record: BehaviourRecord): RecoveryFeatures {
  return {
    current_dpd: record.current_dpd,
    on_time_payment_ratio_bps: record.on_time_payment_ratio_bps,
    credit_utilisation_bps: record.credit_utilisation_bps,
    income_seasonality_bps: record.income_seasonality_bps,
    transaction_regularity_bps: record.transaction_regularity_bps,
    communication_engagement_bps: record.communication_engagement_bps,
    promises_kept_ratio_bps: record.promises_kept_ratio_bps,
  };
}
