// Fraud screening rules, pure: the fraud activity gathers the counts (from the read models) and
// the bureau's subject, and these rules weigh them. Each rule adds points; the total (capped at
// 100) sets the level. The thresholds below are the policy, documented here and in the specs.
import type { Applicant } from '../domain/application.js';
import type { IsoDate } from '../domain/calendar.js';
import type { FraudAssessment, FraudSignal } from '../domain/credit.js';
import { normaliseName, sameTokens, shareToken } from './name-matching.js';

export const FRAUD_RULES_VERSION = '2026-12.1';

/** Score at or above which a person reviews the application, and at or above which it is refused. */
export const FRAUD_LEVELS = { review: 25, decline: 60 } as const;

export interface BureauSubject {
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  nationalId?: string;
}

export interface IdentityMatch {
  matched: boolean;
  /** which fields disagree: 'dateOfBirth', 'lastName', 'firstName', 'nationalId' */
  mismatches: string[];
}

export interface FraudInput {
  identity: IdentityMatch;
  velocity: {
    /** other applications with this national ID in the last 30 days */
    applicationsSameNationalId30d: number;
    /** other applications from this device in the last 24 hours */
    applicationsSameDevice24h: number;
  };
  /** how many different national IDs already use this applicant's ... */
  shared: {
    phoneSharedWithOtherIds: number;
    deviceSharedWithOtherIds: number;
    bankAccountSharedWithOtherIds: number;
    emailSharedWithOtherIds: number;
  };
  /** the fraud-anomaly model's score and its alert threshold (models/artifacts/fraud-anomaly) */
  anomaly?: { score: number; threshold: number; model: string };
  /** the flagged fraud ring this application belongs to (models/fraud-rings), if any */
  ring?: { ringId: string; people: number; score: number; sharedKinds: string[] };
}

/**
 * Model and graph evidence. An anomaly alone sends the application to a person (the model
 * flags 3% of applications at ~40% precision: too weak to refuse on); a ring of people tied by
 * shared accounts, phones or devices is a person's job too unless other rules add up to refusal.
 */
export const MODEL_WEIGHTS = { anomaly: 25, ring: 35 } as const;

/**
 * Does the bureau's subject for this national ID look like the applicant? With no file there is
 * nothing to contradict the application, so it matches (thin files are checked by KYC and the
 * bank account's holder name instead).
 */
export function matchIdentity(applicant: Applicant, subject: BureauSubject | undefined): IdentityMatch {
  if (!subject) return { matched: true, mismatches: [] };
  const mismatches: string[] = [];
  if (applicant.dateOfBirth !== subject.dateOfBirth) mismatches.push('dateOfBirth');
  // The same words in another order (given and family name swapped) is the same name.
  const sameFullName = sameTokens(`${applicant.firstName} ${applicant.lastName}`, `${subject.firstName} ${subject.lastName}`);
  if (!sameFullName && !shareToken(applicant.lastName, subject.lastName)) mismatches.push('lastName');
  if (!sameFullName && !firstNamesAgree(applicant.firstName, subject.firstName)) mismatches.push('firstName');
  if (subject.nationalId !== undefined && canonicalId(subject.nationalId) !== canonicalId(applicant.nationalId)) mismatches.push('nationalId');
  return { matched: mismatches.length === 0, mismatches };
}

// Bureaus often hold an initial ("P SHARMA") or a longer form ("PRIYANKA"): accept an initial,
// a shared token, or one name starting the other (three letters at least).
function firstNamesAgree(a: string, b: string): boolean {
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (x === y || shareToken(a, b)) return true;
  if (x.length === 1 || y.length === 1) return x[0] === y[0];
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  return shorter.length >= 3 && longer.startsWith(shorter);
}

function canonicalId(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

interface Step {
  atLeast: number;
  weight: number;
}

/** Points by count: the highest step the count reaches. */
export const COUNT_RULES: Record<string, { steps: Step[]; describe: (n: number) => string }> = {
  // An honest applicant re-applies after a decline, a withdrawn or expired offer, or to change
  // the amount: two other applications in 30 days score nothing. A third or fourth is noted (15:
  // a review only with another signal); five is a burst a person looks at; ten with any other
  // signal is refused. Loan stacking and threshold probing look like the bursts.
  velocity_national_id_30d: { steps: [{ atLeast: 3, weight: 15 }, { atLeast: 5, weight: 30 }, { atLeast: 10, weight: 45 }], describe: (n) => `${n} other applications with this national ID in 30 days` },
  // One device in one day: a retry is tolerated, a third application is a burst.
  velocity_device_24h: { steps: [{ atLeast: 2, weight: 15 }, { atLeast: 3, weight: 30 }, { atLeast: 5, weight: 45 }], describe: (n) => `${n} other applications from this device in 24 hours` },
  shared_phone: { steps: [{ atLeast: 1, weight: 15 }, { atLeast: 2, weight: 30 }, { atLeast: 3, weight: 45 }], describe: (n) => `phone number used by ${n} other national ID(s)` },
  shared_email: { steps: [{ atLeast: 1, weight: 15 }, { atLeast: 2, weight: 30 }, { atLeast: 3, weight: 45 }], describe: (n) => `email used by ${n} other national ID(s)` },
  // Households share a laptop; a device behind many identities is a farm.
  shared_device: { steps: [{ atLeast: 1, weight: 10 }, { atLeast: 2, weight: 20 }, { atLeast: 3, weight: 35 }], describe: (n) => `device used by ${n} other national ID(s)` },
  // Payouts to one account for several people is how mule accounts look.
  shared_bank_account: { steps: [{ atLeast: 1, weight: 30 }, { atLeast: 2, weight: 60 }], describe: (n) => `bank account used by ${n} other national ID(s)` },
};

/**
 * The velocity the anomaly model is shown: each count less the repeats its rule tolerates (the
 * counts below the rule's first step). The model learnt from a portfolio in which re-applying
 * was rare, so to it a second application alone reads as an outlier: it sent the second
 * application of an honest applicant to review. Repetition is judged by the velocity rules
 * above, and what they tolerate must not come back through the model; beyond the tolerance the
 * model sees the excess and weighs it with everything else.
 */
export function velocityBeyondTolerance(velocity: FraudInput['velocity']): FraudInput['velocity'] {
  return {
    applicationsSameNationalId30d: beyondTolerance('velocity_national_id_30d', velocity.applicationsSameNationalId30d),
    applicationsSameDevice24h: beyondTolerance('velocity_device_24h', velocity.applicationsSameDevice24h),
  };
}

function beyondTolerance(rule: string, count: number): number {
  const tolerated = (COUNT_RULES[rule]?.steps[0]?.atLeast ?? 1) - 1;
  return Math.max(0, count - tolerated);
}

/** Identity disagreement with the bureau: surname, date of birth or ID alone are enough to refuse. */
export const IDENTITY_WEIGHTS: Record<string, number> = { dateOfBirth: 60, lastName: 60, nationalId: 60, firstName: 30 };

export function assessFraud(input: FraudInput): FraudAssessment {
  const signals: FraudSignal[] = [];
  for (const field of input.identity.mismatches) {
    signals.push({ rule: `identity_mismatch_${field}`, weight: IDENTITY_WEIGHTS[field] ?? 30, detail: `${field} on the bureau file differs from the application` });
  }
  const counts: Record<keyof typeof COUNT_RULES, number> = {
    velocity_national_id_30d: input.velocity.applicationsSameNationalId30d,
    velocity_device_24h: input.velocity.applicationsSameDevice24h,
    shared_phone: input.shared.phoneSharedWithOtherIds,
    shared_email: input.shared.emailSharedWithOtherIds,
    shared_device: input.shared.deviceSharedWithOtherIds,
    shared_bank_account: input.shared.bankAccountSharedWithOtherIds,
  };
  for (const [rule, { steps, describe }] of Object.entries(COUNT_RULES)) {
    const count = counts[rule] ?? 0;
    const step = steps.filter((s) => count >= s.atLeast).pop();
    if (step) signals.push({ rule, weight: step.weight, detail: describe(count) });
  }
  if (input.anomaly && input.anomaly.score >= input.anomaly.threshold) {
    signals.push({ rule: 'anomaly_model', weight: MODEL_WEIGHTS.anomaly, detail: `${input.anomaly.model} score ${input.anomaly.score.toFixed(3)} is at or above its alert threshold ${input.anomaly.threshold}` });
  }
  if (input.ring) {
    signals.push({ rule: 'fraud_ring', weight: MODEL_WEIGHTS.ring, detail: `member of fraud ring ${input.ring.ringId}: ${input.ring.people} people sharing ${input.ring.sharedKinds.join(', ')} (ring score ${input.ring.score})` });
  }
  const score = Math.min(100, signals.reduce((sum, s) => sum + s.weight, 0));
  const level = score >= FRAUD_LEVELS.decline ? 'decline' : score >= FRAUD_LEVELS.review ? 'review' : 'clear';
  return { level, score, signals };
}
