import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountFacts, RecoveryPolicyDocument } from './policy-document.js';
import { selectPath } from './select-path.js';

const policy = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;

const facts = (over: Partial<AccountFacts> = {}): AccountFacts => ({
  event: 'entered',
  bucket: '1-15',
  dpd: 5,
  segment: 'reminder',
  propensityBand: 'medium',
  balanceMinor: 5_000_000,
  currency: 'INR',
  product: 'personal-loan',
  region: 'IN',
  contactHistory: { contacts: 0, replies: 0, promisesBroken: 0, promisesKept: 0, daysSinceLastContact: null },
  ...over,
});

describe('selectPath on the default policy', () => {
  it('takes the first rule that matches, in document order', () => {
    expect(selectPath(policy, facts({ segment: 'self_cure' }))?.ruleId).toBe('self-cure');
    // a broken promise outranks the segment
    expect(selectPath(policy, facts({ segment: 'self_cure', event: 'promise_broken' }))?.ruleId).toBe('broken-promise');
    // late arrears outrank the segment too
    expect(selectPath(policy, facts({ segment: 'restructure', bucket: '61-90', dpd: 70 }))?.ruleId).toBe('late-arrears-specialists');
  });

  it('falls through to the catch-all', () => {
    expect(selectPath(policy, facts({ segment: null, propensityBand: null }))?.ruleId).toBe('reminder');
    expect(selectPath(policy, facts({ segment: 'self_cure', dpd: 31 }))?.ruleId).toBe('reminder');
  });

  it('compares balances only in the rule\'s currency and needs a known segment to match a segment list', () => {
    const doc: RecoveryPolicyDocument = {
      ...policy,
      rules: [
        { id: 'big', when: { balance: { currency: 'INR', min: 10_000_000 } }, path: [{ stop: { reason: 'big' } }] },
        { id: 'restructure', when: { segments: ['restructure'] }, path: [{ stop: { reason: 'r' } }] },
        { id: 'rest', when: {}, path: [{ stop: { reason: 'rest' } }] },
      ],
    };
    expect(selectPath(doc, facts({ balanceMinor: 10_000_000 }))?.ruleId).toBe('big');
    expect(selectPath(doc, facts({ balanceMinor: 10_000_000, currency: 'USD' }))?.ruleId).toBe('rest');
    expect(selectPath(doc, facts({ segment: null }))?.ruleId).toBe('rest');
    expect(selectPath({ ...doc, rules: doc.rules.slice(0, 2) }, facts())).toBeNull();
  });

  it('reads contact history with open and closed ranges; an account never contacted has no days since', () => {
    const doc: RecoveryPolicyDocument = {
      ...policy,
      rules: [
        { id: 'quiet', when: { contactHistory: { daysSinceLastContact: { min: 7 } } }, path: [{ stop: { reason: 'q' } }] },
        { id: 'rest', when: {}, path: [{ stop: { reason: 'rest' } }] },
      ],
    };
    expect(selectPath(doc, facts())?.ruleId).toBe('rest');
    expect(selectPath(doc, facts({ contactHistory: { ...facts().contactHistory, daysSinceLastContact: 7 } }))?.ruleId).toBe('quiet');
  });
});
