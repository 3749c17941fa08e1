// Delinquency: days past due, bucket transitions, late fees and the charge-off threshold, all
// from the product's snapshot.
//
// Recovery seam: a bucket transition is handed to onBucketChange(). It records the transition
// (event, search attribute, status) for ops and the read model, and stays pure; reviewDelinquency
// returns the transition so servicing can act on it (recovery.ts segments the account). The
// recovery orchestration (escalation policies, contact strategies, promises to pay, handoffs)
// attaches here, by starting or signalling its child workflow with the transition.
import type { IsoDate } from '../../domain/calendar.js';
import { bucketFor, daysPastDue } from '../../domain/delinquency.js';
import { lateFeeRuleOf, lateFeesDue } from '../../domain/late-fees.js';
import { assessLateFee } from '../../domain/servicing.js';
import type { LoanRecord } from './loan-record.js';

export interface DelinquencyReview {
  dpd: number;
  bucket: string;
  chargeOff: boolean;
  /** the bucket change this review made, if any */
  transition: BucketTransition | null;
}

export interface BucketTransition {
  from: string | null;
  to: string;
  dpd: number;
  on: IsoDate;
}

export function reviewDelinquency(record: LoanRecord, on: IsoDate): DelinquencyReview {
  const account = record.state.account!;
  const { product } = record.state;
  const dpd = daysPastDue(account, on, product.dpdToleranceMinor);
  const bucket = bucketFor(dpd, product.buckets).name;
  const transition = bucket !== record.state.bucket ? { from: record.state.bucket, to: bucket, dpd, on } : null;
  if (transition) onBucketChange(record, transition);
  // DPD moves every day something is past due; the read model shows it the same day.
  else if (dpd > 0) record.touch();
  return { dpd, bucket, chargeOff: dpd >= product.chargeOffDpd, transition };
}

export function onBucketChange(record: LoanRecord, transition: BucketTransition): void {
  record.emit('delinquency.bucket_changed', { ...transition });
  record.setBucket(transition.to);
  const firstBucket = record.state.product.buckets[0]?.name;
  record.setStatus(transition.to === firstBucket ? 'active' : 'delinquent');
}

/** A late fee once per instalment, when it is the product's lateFeeAfterDays past due (domain/late-fees.ts). */
export function assessLateFees(record: LoanRecord, on: IsoDate): void {
  const { product, currency } = record.state;
  const rule = lateFeeRuleOf(product, currency);
  for (const seq of lateFeesDue(record.state.account!, rule, on)) {
    record.state.account = assessLateFee(record.state.account!, seq, rule.fee);
    record.emit('late_fee.assessed', { seq, fee: rule.fee, currency });
  }
}
