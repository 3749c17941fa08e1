import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { ModelRegistry, type ScoreRecord } from '../../models/registry/index.js';
import { getProduct } from '../../policies/products.js';
import { createScoringActivities, type ScoringActivities } from './scoring.activities.js';

describe('scoring activities', () => {
  const recorded: ScoreRecord[] = [];
  let models: ModelRegistry;
  let scoring: ScoringActivities;
  const application = testApplication('approved');

  beforeAll(async () => {
    models = await ModelRegistry.load({ sink: { record: (rows) => recorded.push(...rows) } });
    scoring = createScoringActivities({ models });
  });
  afterAll(() => models.dispose());

  it('scores with the registry champion; without any data it is a thin file whose missing statement is the reason', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_1', application, asOf: '2026-11-21' });
    expect(score).toMatchObject({ model: { name: 'application-pd', version: models.champion('application-pd').version }, thinFile: true });
    expect(score.pd).toBeGreaterThan(0);
    expect(score.reasons.length).toBeGreaterThan(0);
    // Absent features are explained by their absence, never by a level the applicant does not have.
    for (const r of score.reasons) expect(['NO_CREDIT_FILE', 'LIMITED_EXPERIENCE', 'INCOME_UNVERIFIED', 'BANK_HISTORY', 'INSUFFICIENT_INCOME', 'IRREGULAR_INCOME']).toContain(r.code);
    // Every feature's TreeSHAP value is kept with the score for audit.
    expect(Object.keys(score.features).filter((k) => k.startsWith('shap.'))).toHaveLength(models.champion('application-pd').runtime.features.length);
  });

  it('records the champion and the challenger for the same scoring (shadow)', async () => {
    recorded.length = 0;
    await scoring.scoreApplication({ loanId: 'ln_shadow', application, asOf: '2026-11-21' });
    await models.settled();
    const mine = recorded.filter((r) => r.subject === 'ln_shadow');
    expect(mine.map((r) => r.role).sort()).toEqual(['challenger', 'champion']);
    expect(new Set(mine.map((r) => r.scoringId)).size).toBe(1);
    expect(mine.find((r) => r.role === 'champion')!.inputs).toHaveLength(models.champion('application-pd').runtime.features.length);
  });

  it('decides with the credit policy and records its version', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_1', application, asOf: '2026-11-21' });
    const decision = await scoring.decideApplication({ loanId: 'ln_1', application, product: getProduct(), kyc: { outcome: 'pass', checks: [] }, fraud: { level: 'clear', score: 0, signals: [] }, score, bureauAvailable: true });
    expect(decision.policyVersion).toBe('credit-policy/1.1.0');
    expect(['approved', 'declined', 'manual_review']).toContain(decision.outcome);
  });
});
