// A stored version checked as it would be activated: its submitted text parsed again, so each
// fault is placed at its line and column in what the author wrote (a document sent as JSON was
// stored as the pretty-printed text GET returns, so the lines refer to that).
import type { PolicyVersion, PolicyProblems } from '../../../db/repositories/recovery-policy.repository.js';
import { parsePolicySource, withPositions } from '../../../policies/recovery/parse-policy.js';
import type { RecoveryPolicyDocument } from '../../../policies/recovery/policy-document.js';
import { validatePolicy, type PolicyContext } from '../../../policies/recovery/validate-policy.js';

export type CheckedVersion = PolicyProblems & { document: RecoveryPolicyDocument | null };

export function checkPolicyVersion(version: PolicyVersion, context: PolicyContext): CheckedVersion {
  const parsed = parsePolicySource(version.source);
  const locate = parsed.ok ? parsed.locate : undefined;
  const result = validatePolicy(version.document, context);
  return {
    errors: withPositions(result.errors, locate),
    warnings: withPositions(result.warnings, locate),
    document: result.valid ? result.document : null,
  };
}
