import { describe, expect, it } from '@jest/globals';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { getProduct } from '../../policies/products.js';
import { SCORECARD_VERSION } from '../../models/scorecard/index.js';
import { createScoringActivities } from './scoring.activities.js';

describe('scoring activities', () => {
  const scoring = createScoringActivities();
  const application = testApplication('approved');

  it('scores with the versioned scorecard; without any data it is a thin file that cannot verify income', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_1', application, asOf: '2026-11-21' });
    expect(score).toMatchObject({ model: { name: 'credence-points-scorecard', version: SCORECARD_VERSION }, thinFile: true, score: 200 });
    expect(score.reasons[0]).toEqual({ code: 'INCOME_UNVERIFIED', text: 'Unable to verify income' });
  });

  it('decides with the credit policy and records its version', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_1', application, asOf: '2026-11-21' });
    const decision = await scoring.decideApplication({ loanId: 'ln_1', application, product: getProduct(), kyc: { outcome: 'pass', checks: [] }, fraud: { level: 'clear', score: 0, signals: [] }, score, bureauAvailable: true });
    expect(decision).toMatchObject({ outcome: 'declined', policyVersion: 'credit-policy/1.0.0' });
    expect(decision.reasons.map((r) => r.code)).toEqual(['INCOME_UNVERIFIED', 'NO_CREDIT_FILE']);
  });
});
