// The one evaluator: the first rule whose conditions all hold names the account's path. Pure and
// deterministic, so the workflow, the dry-run and the simulation agree on what a borrower gets.
import type { AccountFacts, PolicyRule, Range, RecoveryPolicyDocument, RuleConditions } from './policy-document.js';

export interface SelectedPath {
  ruleId: string;
  rule: PolicyRule;
}

/** null when no rule matches (validation requires a catch-all last rule, so only a bad draft gets here). */
export function selectPath(policy: RecoveryPolicyDocument, facts: AccountFacts): SelectedPath | null {
  for (const rule of policy.rules) if (matches(rule.when, facts)) return { ruleId: rule.id, rule };
  return null;
}

export function matches(when: RuleConditions, facts: AccountFacts): boolean {
  const h = when.contactHistory;
  return (
    within(when.events, facts.event) &&
    within(when.buckets, facts.bucket) &&
    inRange(when.dpd, facts.dpd) &&
    (when.segments === undefined || (facts.segment !== null && when.segments.includes(facts.segment))) &&
    (when.propensityBands === undefined || (facts.propensityBand !== null && when.propensityBands.includes(facts.propensityBand))) &&
    (when.balance === undefined || (when.balance.currency === facts.currency && inRange(when.balance, facts.balanceMinor))) &&
    within(when.products, facts.product) &&
    within(when.regions, facts.region) &&
    (h === undefined ||
      (inRange(h.contacts, facts.contactHistory.contacts) &&
        inRange(h.replies, facts.contactHistory.replies) &&
        inRange(h.promisesBroken, facts.contactHistory.promisesBroken) &&
        inRange(h.promisesKept, facts.contactHistory.promisesKept) &&
        (h.daysSinceLastContact === undefined || (facts.contactHistory.daysSinceLastContact !== null && inRange(h.daysSinceLastContact, facts.contactHistory.daysSinceLastContact)))))
  );
}

function within<T>(allowed: readonly T[] | undefined, value: T): boolean {
  return allowed === undefined || allowed.includes(value);
}

function inRange(range: Range | undefined, value: number): boolean {
  if (range === undefined) return true;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}
