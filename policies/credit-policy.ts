// The credit decision, pure: identity and fraud gates first, then anything that needs a person,
// then the score's cut-offs, then how much we can lend and on what terms. Every path names its
// reasons: adverse-action reasons for a decline, review reasons for a manual review.
import type { LoanApplication } from '../domain/application.js';
import type { AdverseActionReason, CreditScore, Decision, FraudAssessment, KycResult, Offer } from '../domain/credit.js';
import { roundHalfUp } from '../domain/money.js';
import type { Product } from '../domain/product.js';
import { installmentAmount } from '../domain/schedule.js';
import { KYC_CHECK_REASONS, POLICY_REASONS } from './decision-reasons.js';

export const CREDIT_POLICY_VERSION = 'credit-policy/1.1.0';

/**
 * At or above approveAt: approve. Below declineBelow: decline. Between: a person decides. Points
 * are the model's served (calibrated) PD on the scorecard scale (models/application-pd), so a
 * cut-off is a default rate: 580 is 25:1 good:bad, a PD of 3.85%; 540 is 13.8%.
 */
export const SCORE_CUTOFFS = { approveAt: 580, declineBelow: 540 } as const;

const MAX_REASONS = 4;

export interface DecideInput {
  application: LoanApplication;
  product: Product;
  kyc: KycResult;
  fraud: FraudAssessment;
  score?: CreditScore;
  bureauAvailable: boolean;
  /** the fields the bureau refused, when it answered and refused our request (not an outage) */
  bureauRefusedFields?: string[];
}

export function decide(input: DecideInput): Decision {
  const { application, product, kyc, fraud, score } = input;
  const { loan } = application;

  if (!termsOffered(application, product)) return declined([POLICY_REASONS.TERMS_NOT_OFFERED]);
  if (kyc.outcome === 'fail') {
    const reasons = kyc.checks.filter((c) => !c.passed).map((c) => KYC_CHECK_REASONS[c.code] ?? POLICY_REASONS.IDENTITY_UNVERIFIED);
    return declined(reasons);
  }
  if (fraud.level === 'decline') return declined([POLICY_REASONS.IDENTITY_UNVERIFIED]);

  // A doubt about who the applicant is, or a decision made without the bureau, goes to a
  // person even when the score would decline: the file scored may not be theirs.
  const review: string[] = [];
  if (fraud.level === 'review') review.push(`Fraud screening score ${fraud.score}: ${fraud.signals.map((s) => s.detail).join('; ')}`);
  if (kyc.outcome === 'review') review.push(`KYC: ${kyc.checks.filter((c) => !c.passed).map((c) => c.detail ?? c.code).join('; ')}`);
  if (input.bureauRefusedFields) {
    const fields = input.bureauRefusedFields.length > 0 ? input.bureauRefusedFields.join(', ') : 'the request';
    review.push(`Credit bureau refused the applicant's details (${fields}): correct them with the applicant, or decide without a credit report`);
  } else if (!input.bureauAvailable) review.push('Credit bureau unavailable: decide without a credit report or pull it again');
  if (!score) review.push('No credit score: the application could not be scored');
  const minimum = product.minPrincipal[loan.currency] ?? Number.POSITIVE_INFINITY;
  if (score && score.score >= SCORE_CUTOFFS.declineBelow && score.score < SCORE_CUTOFFS.approveAt) {
    // A borderline score with no affordable amount: a reviewer could not approve any loan either.
    if (review.length === 0 && score.creditLimit < minimum) return declined([POLICY_REASONS.INSUFFICIENT_INCOME, ...score.reasons]);
    review.push(`Score ${score.score} (grade ${score.grade}) is in the review band ${SCORE_CUTOFFS.declineBelow}-${SCORE_CUTOFFS.approveAt - 1}`);
  }
  if (review.length > 0 || !score) {
    if (score && loan.principal > score.creditLimit) review.push(`Requested ${loan.principal} is above the credit limit of ${score.creditLimit} ${loan.currency}`);
    return { outcome: 'manual_review', reasons: [], reviewReasons: review, policyVersion: CREDIT_POLICY_VERSION };
  }

  if (score.score < SCORE_CUTOFFS.declineBelow) return declined(score.reasons.length > 0 ? score.reasons : [POLICY_REASONS.INSUFFICIENT_INCOME]);

  const ceiling = Math.min(score.creditLimit, product.maxPrincipal[loan.currency] ?? 0);
  const principal = Math.min(loan.principal, ceiling);
  if (principal < minimum) return declined([POLICY_REASONS.INSUFFICIENT_INCOME]);
  return { outcome: 'approved', reasons: [], reviewReasons: [], offer: offerFor(principal, application, product, score.score), policyVersion: CREDIT_POLICY_VERSION };
}

export function offerFor(principal: number, application: LoanApplication, product: Product, score: number): Offer {
  const { termMonths, currency } = application.loan;
  const aprBps = aprFor(product, score);
  return {
    principal,
    currency,
    termMonths,
    aprBps,
    originationFee: Number(roundHalfUp(BigInt(principal) * BigInt(product.originationFeeBps), 10_000n)),
    installmentAmount: installmentAmount({ principal, aprBps, termMonths }),
  };
}

/** The tier with the greatest minScore at or below the score. */
export function aprFor(product: Product, score: number): number {
  const tier = product.pricing.filter((t) => t.minScore <= score).sort((a, b) => b.minScore - a.minScore)[0];
  if (!tier) throw new RangeError(`product ${product.code} has no pricing tier for score ${score}`);
  return tier.aprBps;
}

function termsOffered(application: LoanApplication, product: Product): boolean {
  const { currency, termMonths, principal } = application.loan;
  const minimum = product.minPrincipal[currency];
  return product.currencies.includes(currency) && termMonths >= product.minTermMonths && termMonths <= product.maxTermMonths && minimum !== undefined && principal >= minimum;
}

function declined(reasons: AdverseActionReason[]): Decision {
  const unique = reasons.filter((r, i) => reasons.findIndex((other) => other.code === r.code) === i);
  return { outcome: 'declined', reasons: unique.slice(0, MAX_REASONS), reviewReasons: [], policyVersion: CREDIT_POLICY_VERSION };
}

export interface ReviewedTerms {
  principal?: number;
  termMonths?: number;
  aprBps?: number;
}

/**
 * The offer a reviewer's approval makes. A reviewer may lower the amount or change the term;
 * the price comes from the score (the product's highest rate when there is none), and every
 * figure must stay inside the product, or the approval is refused with the reason.
 */
export function reviewedOffer(application: LoanApplication, product: Product, score: CreditScore | undefined, terms: ReviewedTerms): Offer {
  const { currency } = application.loan;
  const { principal, termMonths, aprBps } = resolveReviewedTerms(application, product, score, terms);
  const problems = reviewedTermsProblems(product, currency, { principal, termMonths, aprBps });
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  return {
    ...offerFor(principal, { ...application, loan: { ...application.loan, termMonths } }, product, score?.score ?? 0),
    aprBps,
    installmentAmount: installmentAmount({ principal, aprBps, termMonths }),
  };
}

/** What a reviewer's approval means for each term left out: the requested amount up to the limit, the requested term, the score's price. */
export function resolveReviewedTerms(
  application: LoanApplication,
  product: Product,
  score: Pick<CreditScore, 'score' | 'creditLimit'> | undefined,
  terms: ReviewedTerms,
): Required<ReviewedTerms> {
  return {
    principal: terms.principal ?? Math.min(application.loan.principal, score?.creditLimit ?? application.loan.principal),
    termMonths: terms.termMonths ?? application.loan.termMonths,
    aprBps: terms.aprBps ?? (score ? aprFor(product, score.score) : Math.max(...product.pricing.map((t) => t.aprBps))),
  };
}

export function reviewedTermsProblems(product: Product, currency: string, terms: Required<ReviewedTerms>): string[] {
  const problems: string[] = [];
  const min = product.minPrincipal[currency];
  const max = product.maxPrincipal[currency];
  if (min === undefined || max === undefined) problems.push(`product ${product.code} does not lend in ${currency}`);
  else if (terms.principal < min || terms.principal > max) problems.push(`principal must be between ${min} and ${max} ${currency} minor units`);
  if (terms.termMonths < product.minTermMonths || terms.termMonths > product.maxTermMonths) {
    problems.push(`termMonths must be between ${product.minTermMonths} and ${product.maxTermMonths}`);
  }
  const aprs = product.pricing.map((t) => t.aprBps);
  if (terms.aprBps < Math.min(...aprs) || terms.aprBps > Math.max(...aprs)) problems.push(`aprBps must be within the product's pricing (${Math.min(...aprs)}-${Math.max(...aprs)})`);
  return problems;
}
