// What the origination steps hand each other: identity checks, fraud screening, the score and
// the decision. Shared by the activities that produce them and the workflow that routes on them.

/** A Regulation B / ECOA adverse-action reason: a specific, principal reason, in plain words. */
export interface AdverseActionReason {
  code: string;
  text: string;
}

export interface CheckResult {
  code: string;
  passed: boolean;
  detail?: string;
}

export interface KycResult {
  /** fail: the application cannot proceed; review: a person must look at it */
  outcome: 'pass' | 'review' | 'fail';
  checks: CheckResult[];
}

export interface FraudSignal {
  rule: string;
  /** points this signal adds to the fraud score */
  weight: number;
  detail: string;
}

export interface FraudAssessment {
  /** clear: proceed; review: a person decides; decline: refuse (the applicant sees an identity reason) */
  level: 'clear' | 'review' | 'decline';
  /** 0-100 */
  score: number;
  signals: FraudSignal[];
}

export interface CreditScore {
  model: { name: string; version: string };
  /** scorecard points, higher is better */
  score: number;
  /** probability of default over the loan's horizon, 0..1 (a ratio, not money): calibrated when the model is */
  pd: number;
  /** the model's own probability before calibration, kept for audit (absent for the hand-set points scorecard) */
  rawPd?: number;
  grade: string;
  /** largest principal we would lend, minor units of the requested currency */
  creditLimit: number;
  /** no bureau file: scored on bank / UPI transactions alone */
  thinFile: boolean;
  /** principal reasons the score is not higher, strongest first, at most four */
  reasons: AdverseActionReason[];
  /** feature values the score was computed from, for explanation and audit */
  features: Record<string, number | string | boolean | null>;
}

/** The most we would lend the borrower in all (their balance plus what they may still draw). */
export interface CreditLimit {
  /** minor units of currency */
  amount: number;
  currency: string;
  /** ISO instant of the last change; null while it is the limit origination set */
  changedAt: string | null;
  /** ISO instant the borrower last agreed to a higher limit; null if never */
  increaseConsentAt: string | null;
}

export interface Offer {
  /** minor units */
  principal: number;
  currency: string;
  termMonths: number;
  aprBps: number;
  /** deducted from the payout, minor units */
  originationFee: number;
  /** the regular instalment, minor units (the last one absorbs rounding) */
  installmentAmount: number;
}

export type DecisionOutcome = 'approved' | 'declined' | 'manual_review';

export interface Decision {
  outcome: DecisionOutcome;
  /** adverse-action reasons for a decline (at most four); empty otherwise */
  reasons: AdverseActionReason[];
  /** why a person has to look at it (manual_review only) */
  reviewReasons: string[];
  /** present when approved */
  offer?: Offer;
  /** which policy decided, for audit */
  policyVersion: string;
}
