// What changed between two versions of a policy, as ops review it: rules by id (added, removed,
// moved, or changed field by field), the settings and the name, each at a JSON Pointer into the
// newer document (into the older one for what was removed). Order matters under first-match, so
// a rule that changes place among the rules both versions share is reported as moved.
import type { RecoveryPolicyDocument } from './policy-document.js';
import { pointer } from './policy-problem.js';

export type PolicyChange =
  | { op: 'added'; path: string; ruleId?: string; after: unknown }
  | { op: 'removed'; path: string; ruleId?: string; before: unknown }
  | { op: 'changed'; path: string; ruleId?: string; before: unknown; after: unknown }
  | { op: 'moved'; path: string; ruleId: string; from: number; to: number };

export function diffPolicies(before: RecoveryPolicyDocument, after: RecoveryPolicyDocument): PolicyChange[] {
  const changes: PolicyChange[] = [];
  for (const key of ['name', 'description', 'settings'] as const) diffValue(before[key], after[key], pointer(key), undefined, changes);

  const oldIndex = new Map(before.rules.map((r, i) => [r.id, i]));
  const newIndex = new Map(after.rules.map((r, i) => [r.id, i]));
  before.rules.forEach((rule, i) => {
    if (!newIndex.has(rule.id)) changes.push({ op: 'removed', path: pointer('rules', i), ruleId: rule.id, before: rule });
  });
  // Places among the rules both keep: a rule added or removed elsewhere moves nothing.
  const keptBefore = before.rules.filter((r) => newIndex.has(r.id)).map((r) => r.id);
  const keptAfter = after.rules.filter((r) => oldIndex.has(r.id)).map((r) => r.id);
  after.rules.forEach((rule, i) => {
    const was = oldIndex.get(rule.id);
    if (was === undefined) {
      changes.push({ op: 'added', path: pointer('rules', i), ruleId: rule.id, after: rule });
      return;
    }
    if (keptBefore.indexOf(rule.id) !== keptAfter.indexOf(rule.id)) changes.push({ op: 'moved', path: pointer('rules', i), ruleId: rule.id, from: was, to: i });
    const old = before.rules[was]!;
    for (const key of ['description', 'when', 'path'] as const) diffValue(old[key], rule[key], pointer('rules', i, key), rule.id, changes);
  });
  return changes;
}

/**
 * The diff of two stored documents, either of which may be a draft that is not yet a valid policy:
 * by rule id when both have rules with distinct string ids, field by field from the root otherwise.
 */
export function diffDocuments(before: unknown, after: unknown): PolicyChange[] {
  if (hasRulesById(before) && hasRulesById(after)) return diffPolicies(before, after);
  const changes: PolicyChange[] = [];
  diffValue(before, after, '', undefined, changes);
  return changes;
}

function hasRulesById(doc: unknown): doc is RecoveryPolicyDocument {
  if (!isObject(doc) || !Array.isArray(doc.rules)) return false;
  const ids = doc.rules.map((r: unknown) => (isObject(r) && typeof r.id === 'string' ? r.id : null));
  return ids.every((id) => id !== null) && new Set(ids).size === ids.length;
}

/** Objects field by field; arrays item by item when their lengths agree, whole otherwise (a path with a step inserted reads best as the new path). */
function diffValue(a: unknown, b: unknown, path: string, ruleId: string | undefined, out: PolicyChange[]): void {
  const tag = ruleId === undefined ? {} : { ruleId };
  if (a === undefined && b === undefined) return;
  if (a === undefined) return void out.push({ op: 'added', path, ...tag, after: b });
  if (b === undefined) return void out.push({ op: 'removed', path, ...tag, before: a });
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) diffValue(a[key], b[key], `${path}${pointer(key)}`, ruleId, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => diffValue(item, b[i], `${path}${pointer(i)}`, ruleId, out));
    return;
  }
  if (!sameJson(a, b)) out.push({ op: 'changed', path, ...tag, before: a, after: b });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Equal as JSON values, whatever the order of object keys (jsonb reorders them). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  return a === b;
}
