// A CreditScore (domain/credit.ts) from the application PD model's answer: the probability is
// the model's, the points are that probability on the scorecard's log-odds scale (so the
// credit policy's cut-offs and the product's price tiers read the same way for either model),
// and the adverse-action reasons are the features that pushed this applicant's risk up the
// most, by exact TreeSHAP over the served trees.
import type { AdverseActionReason, CreditScore } from '../../domain/credit.js';
import type { ScoredRecord } from '../registry/index.js';
import { creditLimit, gradeFor, scoreForOdds, type ScorecardFeatures } from '../scorecard/index.js';
import { MAX_REASONS } from '../scorecard/reasons.js';
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
  return {
    model: { name: scored.model, version: scored.version },
    score: points,
    pd: Math.round(pd * 1_000_000) / 1_000_000,
    grade: gradeFor(points),
    creditLimit: creditLimit(features, Math.round(pd * 10_000), thinFile),
    thinFile,
    reasons: adverseActionReasons(explanation),
    features: {
      ...features,
      ...Object.fromEntries(Object.entries(record).map(([k, v]) => [`model.${k}`, v])),
      // Each feature's TreeSHAP contribution in log-odds: the audit trail of why.
      ...Object.fromEntries(explanation.map((e) => [`shap.${e.feature}`, Math.round(e.contribution * 1_000_000) / 1_000_000])),
    },
  };
}

/** The features that raised the risk, strongest first, one reason per code, at most four (Reg B). */
export function adverseActionReasons(explanation: ScoredRecord['explanation'] & object): AdverseActionReason[] {
  const out: AdverseActionReason[] = [];
  for (const e of explanation) {
    if (e.contribution <= 0) break;
    if (out.some((r) => r.code === e.reason.code)) continue;
    out.push({ code: e.reason.code, text: e.reason.text });
    if (out.length === MAX_REASONS) break;
  }
  return out;
}
