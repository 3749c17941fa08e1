// Days past due and delinquency buckets.
export interface BucketDefinition {
  /** stable name used in events, search attributes and policies, e.g. '1-15' */
  name: string;
  /** inclusive lower bound of days past due */
  minDpd: number;
}
