// The starter collection's policy is generated from policies/: a changed product, cut-off, reason,
// recovery path or gate rule without `npm run rag:starter` fails here, so the file cannot drift.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SCORE_CUTOFFS } from '../../policies/credit-policy.js';
import { LENDING_POLICY_FILE, renderLendingPolicy } from './lending-policy.js';

describe('the starter lending policy', () => {
  it('is what policies/ says today (run `npm run rag:starter` after changing a policy)', () => {
    expect(readFileSync(LENDING_POLICY_FILE, 'utf8')).toBe(renderLendingPolicy());
  });

  it('states the live cut-offs and the gate rules', () => {
    const text = renderLendingPolicy();
    expect(text).toContain(`A credit score of ${SCORE_CUTOFFS.approveAt} or more is approved.`);
    expect(text).toContain('us.reg-f.1006.14(b)(2)(i)(A)');
    expect(text).toContain('in.rbi.recovery-hours');
  });
});
