// The decision as the read model and the API show it.
import type { AdverseActionReason, CreditScore, Decision } from '../../domain/credit.js';
import type { DecisionView } from '../../domain/loan-view.js';

export function decisionView(decision: Decision, score: CreditScore | undefined, decidedBy: string): DecisionView {
  return {
    outcome: decision.outcome,
    score: score?.score ?? null,
    pd: score?.pd ?? null,
    grade: score?.grade ?? null,
    creditLimit: score?.creditLimit ?? null,
    thinFile: score?.thinFile ?? null,
    reasons: decision.reasons,
    reviewReasons: decision.reviewReasons,
    decidedAt: new Date().toISOString(),
    decidedBy,
  };
}

export function manualDecisionView(base: DecisionView | null, outcome: 'approved' | 'declined', reasons: AdverseActionReason[], reviewer: string): DecisionView {
  return {
    outcome,
    score: base?.score ?? null,
    pd: base?.pd ?? null,
    grade: base?.grade ?? null,
    creditLimit: base?.creditLimit ?? null,
    thinFile: base?.thinFile ?? null,
    reasons,
    reviewReasons: base?.reviewReasons ?? [],
    decidedAt: new Date().toISOString(),
    decidedBy: `reviewer:${reviewer}`,
  };
}
