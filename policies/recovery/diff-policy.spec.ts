import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffDocuments, diffPolicies } from './diff-policy.js';
import type { RecoveryPolicyDocument } from './policy-document.js';

const base = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;

describe('diffPolicies', () => {
  it('finds nothing between a policy and itself', () => {
    expect(diffPolicies(base, structuredClone(base))).toEqual([]);
  });

  it('reports settings and rule fields changed, at their pointers', () => {
    const next = structuredClone(base);
    next.settings.weeklyCaps.sms = 2;
    next.settings.fallback.voice = ['email'];
    next.rules[2]!.when.dpd = { max: 15 };
    expect(diffPolicies(base, next)).toEqual([
      { op: 'changed', path: '/settings/weeklyCaps/sms', before: 3, after: 2 },
      { op: 'changed', path: '/settings/fallback/voice', before: ['sms', 'email'], after: ['email'] },
      { op: 'changed', path: '/rules/2/when/dpd/max', ruleId: 'self-cure', before: 30, after: 15 },
    ]);
  });

  it('reports rules added and removed by id, and a rule whose place among the kept ones changed as moved', () => {
    const next = structuredClone(base);
    const [broken] = next.rules.splice(0, 1);
    next.rules.splice(1, 0, broken!); // broken-promise now after late-arrears-specialists
    next.rules = next.rules.filter((r) => r.id !== 'field-or-legal');
    next.rules.splice(2, 0, { id: 'call-first', when: { dpd: { min: 5 } }, path: [{ call: { script: 'reminder_call' } }] });
    const changes = diffPolicies(base, next);
    expect(changes).toContainEqual({ op: 'removed', path: '/rules/5', ruleId: 'field-or-legal', before: base.rules[5] });
    expect(changes).toContainEqual({ op: 'added', path: '/rules/2', ruleId: 'call-first', after: next.rules[2] });
    expect(changes.filter((c) => c.op === 'moved').map((c) => c.ruleId).sort()).toEqual(['broken-promise', 'late-arrears-specialists']);
    // nothing else about the rules changed
    expect(changes.filter((c) => c.op === 'changed')).toEqual([]);
  });

  it('reports a path whose length changed as a whole, and a step edited in place by its field', () => {
    const next = structuredClone(base);
    next.rules[6]!.path.splice(1, 1);
    const step = next.rules[0]!.path[1]!;
    if ('wait' in step) step.wait.days = 3;
    expect(diffPolicies(base, next)).toEqual([
      { op: 'changed', path: '/rules/0/path/1/wait/days', ruleId: 'broken-promise', before: 2, after: 3 },
      { op: 'changed', path: '/rules/6/path', ruleId: 'reminder', before: base.rules[6]!.path, after: next.rules[6]!.path },
    ]);
  });

  it('reports a description added and the name changed', () => {
    const next = { ...structuredClone(base), name: 'retail-v2' };
    next.rules[1]!.description = undefined;
    delete next.rules[1]!.description;
    next.rules[6]!.description = 'Everyone else.';
    expect(diffPolicies(base, next)).toEqual([
      { op: 'changed', path: '/name', before: 'retail-default', after: 'retail-v2' },
      { op: 'removed', path: '/rules/1/description', ruleId: 'late-arrears-specialists', before: base.rules[1]!.description },
      { op: 'changed', path: '/rules/6/description', ruleId: 'reminder', before: base.rules[6]!.description, after: 'Everyone else.' },
    ]);
  });

  it('diffs a draft that is not yet a policy field by field from the root', () => {
    const draft = { ...structuredClone(base), rules: 'none yet' } as unknown;
    expect(diffDocuments(base, draft)).toEqual([{ op: 'changed', path: '/rules', before: base.rules, after: 'none yet' }]);
    const next = structuredClone(base);
    next.settings.promiseMaxDays = 14;
    expect(diffDocuments(base, next)).toEqual(diffPolicies(base, next));
  });
});
