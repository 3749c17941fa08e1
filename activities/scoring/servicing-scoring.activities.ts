// The servicing-side models as activities: on each due date the delinquency-roll model and the
// credit-limit policy re-assess the borrower's limit; when a loan falls into a delinquent bucket
// propensity-to-pay and contact-hour pick its recovery segment and contact plan. Both score
// through the registry (champion decides, challenger in the shadow, subject = the loan), and
// being activities, a new model or feature definition reaches running loans without a patch.
import { ApplicationFailure } from '@temporalio/common';
import type { CreditLimit } from '../../domain/credit.js';
import type { RepaymentBehaviour } from '../../domain/repayment-behaviour.js';
import {
  contactHourRecord,
  CONTACT_HOUR_MODEL,
  delinquencyRollRecord,
  DELINQUENCY_ROLL_MODEL,
  propensityRecord,
  PROPENSITY_TO_PAY_MODEL,
  recoveryFeatures,
  type ContactProfile,
} from '../../models/behaviour/index.js';
import type { ModelRegistry, ScoredRecord } from '../../models/registry/index.js';
import { FeatureValidationError } from '../../models/runtime/index.js';
import { reviewCreditLimit, type LimitReview } from '../../policies/credit-limit-review.js';
import { segmentRecovery, type RecoveryStrategy } from '../../policies/recovery-segments.js';

export interface ReviewCreditLimitInput {
  loanId: string;
  /** ISO instant of the review (the workflow's clock) */
  asOf: string;
  behaviour: RepaymentBehaviour;
  limit: CreditLimit;
  productMaxPrincipal: number;
  outstandingPrincipal: number;
  assessedMonthlyIncome: number;
  existingMonthlyRepayments: number;
}

export interface CreditLimitReviewed {
  review: LimitReview;
  /** delinquency-roll: P(a worse DPD bucket within 30 days), 0..1 */
  rollProbability: number;
  model: { name: string; version: string };
}

export interface SegmentForRecoveryInput {
  loanId: string;
  asOf: string;
  behaviour: RepaymentBehaviour;
  /** null when the loan does not know what contact-hour requires */
  contact: ContactProfile | null;
}

export interface RecoverySegmentation {
  strategy: RecoveryStrategy;
  /** propensity-to-pay: P(a payment within 30 days), 0..1 */
  propensity: number;
  models: { propensity: string; contactHour: string | null };
  /** the borrower's best local hour to call (8..20); null when contact-hour could not be scored */
  bestContactHour: number | null;
  contactHourSkipped?: string;
}

export function createServicingScoringActivities(deps: { models: ModelRegistry }) {
  const score = async (model: string, record: object, subject: string): Promise<ScoredRecord> => {
    try {
      const [scored] = await deps.models.score(model, [record as Record<string, unknown>], { subject });
      return scored!;
    } catch (err) {
      throw badInput(err);
    }
  };
  return {
    async reviewCreditLimit(input: ReviewCreditLimitInput): Promise<CreditLimitReviewed> {
      const scored = await score(DELINQUENCY_ROLL_MODEL, delinquencyRollRecord(input.behaviour), input.loanId);
      const roll = probability(scored);
      try {
        const review = reviewCreditLimit({
          asOf: input.asOf,
          currentLimit: { amount: input.limit.amount, currency: input.limit.currency },
          productMaxPrincipal: input.productMaxPrincipal,
          rollProbabilityBps: Math.round(roll * 10_000),
          currentDpd: input.behaviour.currentDpd,
          monthsOnBook: input.behaviour.monthsOnBook,
          onTimePaymentRatioBps: input.behaviour.onTimePaymentRatioBps,
          outstandingPrincipal: input.outstandingPrincipal,
          assessedMonthlyIncome: input.assessedMonthlyIncome,
          existingMonthlyRepayments: input.existingMonthlyRepayments,
          increaseConsent: input.limit.increaseConsentAt === null ? undefined : { at: input.limit.increaseConsentAt },
          limitChangedAt: input.limit.changedAt ?? undefined,
        });
        return { review, rollProbability: rounded(roll), model: { name: scored.model, version: scored.version } };
      } catch (err) {
        throw badInput(err);
      }
    },

    async segmentForRecovery(input: SegmentForRecoveryInput): Promise<RecoverySegmentation> {
      const record = propensityRecord(input.behaviour);
      const scored = await score(PROPENSITY_TO_PAY_MODEL, record, input.loanId);
      const propensity = probability(scored);
      let strategy: RecoveryStrategy;
      try {
        strategy = segmentRecovery({ propensityBps: Math.round(propensity * 10_000), features: recoveryFeatures(record) });
      } catch (err) {
        throw badInput(err);
      }
      const hour = await bestContactHour(input, score);
      return {
        strategy,
        propensity: rounded(propensity),
        models: { propensity: scored.version, contactHour: 'version' in hour ? hour.version : null },
        bestContactHour: 'hour' in hour ? hour.hour : null,
        ...('skipped' in hour ? { contactHourSkipped: hour.skipped } : {}),
      };
    },
  };
}

/** A missing input is a reason to go without the hour, not to fail the segmentation. */
async function bestContactHour(
  input: SegmentForRecoveryInput,
  score: (model: string, record: object, subject: string) => Promise<ScoredRecord>,
): Promise<{ hour: number; version: string } | { skipped: string }> {
  if (!input.contact) return { skipped: 'age and employment status were not kept for this loan' };
  let record;
  try {
    record = contactHourRecord(input.contact, Date.parse(input.asOf));
  } catch (err) {
    if (err instanceof RangeError) return { skipped: err.message };
    throw err;
  }
  const scored = await score(CONTACT_HOUR_MODEL, record, input.loanId);
  if (scored.score.task !== 'multiclass') throw ApplicationFailure.nonRetryable(`${scored.model} is not a multiclass model`, 'ModelInputInvalid');
  return { hour: Number(scored.score.label), version: scored.version };
}

function probability(scored: ScoredRecord): number {
  if (scored.score.task !== 'binary') throw ApplicationFailure.nonRetryable(`${scored.model} is not a binary model`, 'ModelInputInvalid');
  return scored.score.probability;
}

function rounded(p: number): number {
  return Math.round(p * 1_000_000) / 1_000_000;
}

/** Records and policy inputs are built by our own code: a mismatch is a deployment fault, and retrying would only repeat it. */
function badInput(err: unknown): unknown {
  if (err instanceof FeatureValidationError || err instanceof RangeError) return ApplicationFailure.nonRetryable(err.message, 'ModelInputInvalid');
  return err;
}

export type ServicingScoringActivities = ReturnType<typeof createServicingScoringActivities>;
