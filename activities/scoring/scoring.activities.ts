// Scoring and the credit decision as Temporal activities. Scoring runs the registry's champion
// application PD model (ONNX, models/registry.json) with TreeSHAP reasons, and the challenger in
// the shadow; deciding is the pure credit policy. They are activities so the model and policy
// versions that decided are recorded in history, and so a new model reaches running workflows
// without a workflow patch. The servicing-side models (limit reviews, recovery segments) are in
// servicing-scoring.activities.ts and registered with these.
import type { LoanApplication } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';
import type { CreditScore, Decision, Offer } from '../../domain/credit.js';
import type { Product } from '../../domain/product.js';
import { applicationRecord, APPLICATION_PD_MODEL, creditScoreFrom } from '../../models/application-pd/index.js';
import type { ModelRegistry } from '../../models/registry/index.js';
import { FeatureValidationError } from '../../models/runtime/index.js';
import { extractFeatures, type StatementSummary } from '../../models/scorecard/index.js';
import { ApplicationFailure } from '@temporalio/common';
import { decide, reviewedOffer, type DecideInput, type ReviewedTerms } from '../../policies/credit-policy.js';
import { createServicingScoringActivities } from './servicing-scoring.activities.js';

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

export function createScoringActivities(deps: { models: ModelRegistry }) {
  const explainAll = deps.models.champion(APPLICATION_PD_MODEL).runtime.features.length;
  return {
    ...createServicingScoringActivities(deps),
    async scoreApplication(input: ScoreApplicationInput): Promise<CreditScore> {
      const features = extractFeatures(input.application, input.bureau, input.statement?.features, input.asOf);
      const record = applicationRecord(features, input.application);
      try {
        const [scored] = await deps.models.score(APPLICATION_PD_MODEL, [record], { subject: input.loanId, explain: explainAll });
        return creditScoreFrom(scored!, features, record);
      } catch (err) {
        // The record is built by our own code: a schema mismatch is a deployment fault, not a
        // transient one, and retrying would only repeat it.
        if (err instanceof FeatureValidationError) throw ApplicationFailure.nonRetryable(err.message, 'ModelInputInvalid');
        throw err;
      }
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
