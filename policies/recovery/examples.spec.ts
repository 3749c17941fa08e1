// The example policies under examples/ are real strategies ops can start from: each parses,
// validates without errors or warnings, and differs from the default in what it says it does.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffPolicies } from './diff-policy.js';
import { parsePolicySource } from './parse-policy.js';
import type { RecoveryPolicyDocument } from './policy-document.js';
import { DEFAULT_TEMPLATE_CATALOGUE } from './template-keys.js';
import { validatePolicy } from './validate-policy.js';

const dir = join(import.meta.dirname, 'examples');
const context = { bucketNames: ['current', '1-15', '16-30', '31-60', '61-90', '90+'], catalogue: DEFAULT_TEMPLATE_CATALOGUE };
const files = readdirSync(dir).filter((f) => f.endsWith('.policy.yaml')).sort();
const defaultPolicy = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;

function load(file: string): RecoveryPolicyDocument {
  const parsed = parsePolicySource(readFileSync(join(dir, file), 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.problems)}`);
  const result = validatePolicy(parsed.value, context);
  expect({ file, errors: result.errors, warnings: result.warnings }).toEqual({ file, errors: [], warnings: [] });
  if (!result.valid) throw new Error(file);
  return result.document;
}

describe('example policies', () => {
  it('are there: an Indian digital-first, a US Regulation F one, and a challenger that calls early', () => {
    expect(files).toEqual(['challenger-call-early.policy.yaml', 'india-early-digital.policy.yaml', 'us-reg-f-email-first.policy.yaml']);
  });

  it.each(files)('%s validates without errors or warnings', (file) => {
    load(file);
  });

  it('the challenger is the default policy with one rule added, so an experiment measures that one change', () => {
    const changes = diffPolicies(defaultPolicy, load('challenger-call-early.policy.yaml'));
    expect(changes.filter((c) => c.path.startsWith('/rules'))).toEqual([expect.objectContaining({ op: 'added', path: '/rules/3', ruleId: 'call-early' })]);
  });

  it('the US policy has no automated call and caps calls below Regulation F\'s seven a week', () => {
    const us = load('us-reg-f-email-first.policy.yaml');
    const calls = us.rules.flatMap((r) => r.path).filter((s) => 'call' in s);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((s) => 'call' in s && s.call.automated === false)).toBe(true);
    expect(us.settings.weeklyCaps.voice).toBeLessThan(7);
  });

  it('the US policy posts a letter to a large balance before a person takes it, and falls back to letters from email', () => {
    const us = load('us-reg-f-email-first.policy.yaml');
    const large = us.rules.find((r) => r.id === 'us-large-balance')!;
    expect(large.path.filter((s) => 'send' in s).map((s) => 'send' in s && s.send.channel)).toEqual(['email', 'letter']);
    expect(us.settings).toMatchObject({ weeklyCaps: { letter: 1 }, fallback: { email: ['letter', 'sms'] } });
  });
});
