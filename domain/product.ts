// A loan product: pricing, limits and servicing rules. The workflow receives a snapshot of the
// product when the loan starts, so editing a product never changes a running loan's terms.
import type { BucketDefinition } from './delinquency.js';

/** A Temporal-style duration string: '30s', '48h', '7d'. */
export type Duration = string;

export interface PricingTier {
  /** lowest scorecard score for this tier (inclusive) */
  minScore: number;
  /** annual percentage rate in basis points (1 bp = 0.01%) */
  aprBps: number;
}

export interface Product {
  code: string;
  name: string;
  currencies: string[];
  /** per currency, minor units */
  minPrincipal: Record<string, number>;
  maxPrincipal: Record<string, number>;
  minTermMonths: number;
  maxTermMonths: number;
  /** highest APR first is not required: the tier with the greatest minScore <= score applies */
  pricing: PricingTier[];
  /** origination fee in basis points of principal, deducted from the payout */
  originationFeeBps: number;
  /** late fee per missed instalment, per currency, minor units */
  lateFee: Record<string, number>;
  /** days past due at which the late fee is assessed */
  lateFeeAfterDays: number;
  /** unpaid amount at or below this (minor units) does not make an instalment past due */
  dpdToleranceMinor: number;
  buckets: BucketDefinition[];
  chargeOffDpd: number;
  offerExpiry: Duration;
  /** a manual review not decided in this time escalates; one more such period and it is declined */
  reviewTimeout: Duration;
  /** autopay retries after a failed attempt, in days after the due date */
  autopayRetryDays: number[];
}
