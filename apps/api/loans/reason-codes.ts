// The adverse-action reasons a reviewer may cite when declining: the credit policy's own and the
// scorecard's, by their stable codes. The workflow receives each with its text, as letters print it.
import type { AdverseActionReason } from '../../../domain/credit.js';
import { POLICY_REASONS } from '../../../policies/decision-reasons.js';
import { MAX_REASONS, REASONS, reason, type ReasonCode } from '../../../models/scorecard/reasons.js';

export { MAX_REASONS };

const CATALOGUE: ReadonlyMap<string, AdverseActionReason> = new Map([
  ...Object.keys(REASONS).map((code) => [code, reason(code as ReasonCode)] as const),
  ...Object.values(POLICY_REASONS).map((r) => [r.code, { code: r.code, text: r.text }] as const),
]);

export const REASON_CODES: readonly string[] = [...CATALOGUE.keys()].sort();

export function isReasonCode(value: unknown): value is string {
  return typeof value === 'string' && CATALOGUE.has(value);
}

export function reasonsFor(codes: readonly string[]): AdverseActionReason[] {
  return codes.map((code) => {
    const found = CATALOGUE.get(code);
    if (!found) throw new RangeError(`unknown reason code ${code}`);
    return found;
  });
}
