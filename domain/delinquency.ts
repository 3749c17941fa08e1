// Days past due and delinquency buckets.
// DPD counts from the oldest instalment still unpaid beyond the tolerance: paying the newest
// instalment while an older one stays open does not cure the loan, because the waterfall would
// have paid the older one first anyway. The tolerance keeps a few paise of rounding or a
// short-paid bank charge from making a borrower delinquent.
import { compareIsoDates, daysBetween, isIsoDate, type IsoDate } from './calendar.js';
import type { LoanAccount } from './servicing.js';

export interface BucketDefinition {
  /** stable name used in events, search attributes and policies, e.g. '1-15' */
  name: string;
  /** inclusive lower bound of days past due */
  minDpd: number;
}

export const DEFAULT_BUCKETS: readonly BucketDefinition[] = Object.freeze(
  [
    { name: 'current', minDpd: 0 },
    { name: '1-15', minDpd: 1 },
    { name: '16-30', minDpd: 16 },
    { name: '31-60', minDpd: 31 },
    { name: '61-90', minDpd: 61 },
    { name: '90+', minDpd: 91 },
  ].map((bucket) => Object.freeze(bucket)),
);

/** Everything wrong with a bucket list, in plain words; empty when it is usable. */
export function validateBuckets(buckets: readonly BucketDefinition[]): string[] {
  if (buckets.length === 0) return ['There are no buckets: at least a bucket starting at 0 days past due is needed'];
  const problems: string[] = [];
  const seen = new Set<string>();
  buckets.forEach((bucket, index) => {
    const label = `Bucket ${index + 1} (${JSON.stringify(bucket.name)})`;
    if (typeof bucket.name !== 'string' || bucket.name.trim() === '') problems.push(`Bucket ${index + 1} has no name`);
    else if (seen.has(bucket.name)) problems.push(`${label}: the name is used more than once`);
    seen.add(bucket.name);
    if (!Number.isSafeInteger(bucket.minDpd) || bucket.minDpd < 0) {
      problems.push(`${label}: minDpd must be a whole number of days, 0 or more, got ${String(bucket.minDpd)}`);
    }
    const previous = buckets[index - 1];
    if (index === 0 && bucket.minDpd !== 0) problems.push(`${label}: the first bucket must start at 0 days past due`);
    if (previous !== undefined && !(bucket.minDpd > previous.minDpd)) {
      problems.push(`${label}: minDpd ${String(bucket.minDpd)} must be greater than the previous bucket's ${String(previous.minDpd)}`);
    }
  });
  return problems;
}

/** The bucket with the greatest minDpd at or below dpd. */
export function bucketFor(dpd: number, buckets: readonly BucketDefinition[] = DEFAULT_BUCKETS): BucketDefinition {
  if (!Number.isSafeInteger(dpd) || dpd < 0) throw new RangeError(`Days past due must be a whole number, 0 or more, got ${String(dpd)}`);
  const problems = validateBuckets(buckets);
  if (problems.length > 0) throw new RangeError(`Invalid buckets: ${problems.join('; ')}`);
  return buckets.findLast((bucket) => bucket.minDpd <= dpd) ?? (buckets[0] as BucketDefinition);
}

/**
 * Days from the due date of the oldest instalment that is due before asOf and has more than
 * toleranceMinor unpaid (principal + interest + fees), to asOf; 0 when there is none. An
 * instalment is 0 days past due on its due date and 1 the day after.
 */
export function daysPastDue(account: LoanAccount, asOf: IsoDate, toleranceMinor = 0): number {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a real date as YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  if (!Number.isSafeInteger(toleranceMinor) || toleranceMinor < 0) {
    throw new RangeError(`toleranceMinor must be a whole number of minor units, 0 or more, got ${String(toleranceMinor)}`);
  }
  const oldest = account.installments.find((i) => {
    const unpaid = i.principal - i.paidPrincipal + (i.interest - i.paidInterest) + (i.fees - i.paidFees);
    return compareIsoDates(i.dueDate, asOf) < 0 && unpaid > toleranceMinor;
  });
  return oldest === undefined ? 0 : daysBetween(oldest.dueDate, asOf);
}
