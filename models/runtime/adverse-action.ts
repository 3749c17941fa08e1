// Adverse-action reasons (Regulation B) from an explanation, the same for every kind of model: the
// features that raised the risk (TreeSHAP contribution, or scorecard points lost, above zero),
// strongest first, each reason code once (two features may share a text), at most four. Python
// writes scorecard-verification.json's reason codes by this rule, so the two sides agree.
import type { ReasonText } from './model-card.js';
import type { FeatureExplanation } from './model-runtime.js';

/** Reg B asks for the principal reasons; more than four is not meaningful to the applicant. */
export const MAX_ADVERSE_REASONS = 4;

/** `explanation` sorted strongest first (as explain() returns it), over all features so a repeated code does not cost a reason. */
export function adverseActionReasons(explanation: readonly FeatureExplanation[], max = MAX_ADVERSE_REASONS): ReasonText[] {
  const out: ReasonText[] = [];
  for (const e of explanation) {
    if (e.contribution <= 0) break;
    if (out.some((r) => r.code === e.reason.code)) continue;
    out.push({ code: e.reason.code, text: e.reason.text });
    if (out.length === max) break;
  }
  return out;
}
