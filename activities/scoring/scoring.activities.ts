// Scoring and the credit decision as Temporal activities. Both are pure computations; they are
// activities so the model and policy versions that decided are recorded in history, and so a
// new scorecard reaches running workflows without a workflow patch.
import type { LoanApplication } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';
import type { CreditScore, Decision, Offer } from '../../domain/credit.js';
import type { Product } from '../../domain/product.js';
import { extractFeatures, scoreApplication, type StatementSummary } from '../../models/scorecard/index.js';
import { ApplicationFailure } from '@temporalio/common';
import { decide, reviewedOffer, type DecideInput, type ReviewedTerms } from '../../policies/credit-policy.js';

export interface ScoreApplicationInput {
  loanId: string;
  application: LoanApplication;
  bureau?: BureauReport;
  statement?: StatementSummary;
  asOf: IsoDate;
}

export interface DecideApplicationInput extends DecideInput {
  loanId: string;
}

export interface PriceReviewedOfferInput {
  loanId: string;
  application: LoanApplication;
  product: Product;
  score?: CreditScore;
  terms: ReviewedTerms;
}

export function createScoringActivities() {
  return {
    scoreApplication(input: ScoreApplicationInput): Promise<CreditScore> {
      return Promise.resolve(scoreApplication(extractFeatures(input.application, input.bureau, input.statement?.features, input.asOf)));
    },
    decideApplication(input: DecideApplicationInput): Promise<Decision> {
      return Promise.resolve(decide(input));
    },
    /** Terms outside the product are the reviewer's mistake, not a fault to retry. */
    priceReviewedOffer(input: PriceReviewedOfferInput): Promise<Offer> {
      try {
        return Promise.resolve(reviewedOffer(input.application, input.product, input.score, input.terms));
      } catch (err) {
        throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidReviewTerms');
      }
    },
  };
}

export type ScoringActivities = ReturnType<typeof createScoringActivities>;
