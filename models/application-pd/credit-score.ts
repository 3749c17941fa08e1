// A CreditScore (domain/credit.ts) from the application PD model's answer: the probability is
// the model's served one (calibrated when its card carries a calibration, so cut-offs, price
// tiers and limits read a default rate, not a ranking score), the points are that probability on
// the scorecard's log-odds scale (so the credit policy's cut-offs and the product's price tiers
// read the same way for any model), and the adverse-action reasons are the features that pushed
// this applicant's risk up the most: exact TreeSHAP over the served trees, or the
// characteristics that lost the most points when a WoE scorecard is the champion. The raw
// probability stays in the score for audit.
import type { AdverseActionReason, CreditScore } from '../../domain/credit.js';
import type { ScoredRecord } from '../registry/index.js';
import { adverseActionReasons as reasonsFrom } from '../runtime/index.js';
import { creditLimit, gradeFor, scoreForOdds, type ScorecardFeatures } from '../scorecard/index.js';
import type { ApplicationRecord } from './application-record.js';

export const APPLICATION_PD_MODEL = 'application-pd';

/** PDs are clamped here before the log-odds: a model's 0 or 1 would be infinite points. */
const PD_FLOOR_PPM = 100;

/** Scorecard points for a probability of default (odds good:bad). */
export function pointsForPd(pd: number): number {
  const bounded = Math.min(Math.max(pd, PD_FLOOR_PPM / 1_000_000), 1 - PD_FLOOR_PPM / 1_000_000);
  return Math.round(scoreForOdds((1 - bounded) / bounded));
}

export function creditScoreFrom(scored: ScoredRecord, features: ScorecardFeatures, record: ApplicationRecord): CreditScore {
  if (scored.score.task !== 'binary') throw new Error(`${scored.model} is not a binary model`);
  const pd = scored.score.probability;
  const points = pointsForPd(pd);
  const thinFile = !features.bureauHit;
  const explanation = scored.explanation ?? [];
  const scorecard = scored.score.scorecard;
  return {
    model: { name: scored.model, version: scored.version },
    score: points,
    pd: micro(pd),
    rawPd: micro(scored.score.rawProbability),
    grade: gradeFor(points),
    creditLimit: creditLimit(features, Math.round(pd * 10_000), thinFile),
    thinFile,
    reasons: adverseActionReasons(explanation),
    features: {
      ...features,
      ...Object.fromEntries(Object.entries(record).map(([k, v]) => [`model.${k}`, v])),
      // The audit trail of why: each feature's TreeSHAP contribution in log-odds, or the
      // scorecard's points per characteristic and their total.
      ...Object.fromEntries(explanation.map((e) => (e.points === undefined ? [`shap.${e.feature}`, micro(e.contribution)] : [`points.${e.feature}`, micro(e.points)]))),
      ...(scorecard ? { 'scorecard.score': micro(scorecard.score) } : {}),
    },
  };
}

/** The features that raised the risk, strongest first, one reason per code, at most four (Reg B). */
export function adverseActionReasons(explanation: ScoredRecord['explanation'] & object): AdverseActionReason[] {
  return reasonsFrom(explanation);
}

function micro(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
