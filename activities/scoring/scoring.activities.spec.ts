import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { temporaryModels } from '../../apps/testkit/model-dirs.js';
import { applicationRecord, pointsForPd } from '../../models/application-pd/index.js';
import { ModelRegistry, type ScoreRecord } from '../../models/registry/index.js';
import type { BinaryScore } from '../../models/runtime/index.js';
import { creditLimit, extractFeatures, gradeFor } from '../../models/scorecard/index.js';
import { SCORE_CUTOFFS } from '../../policies/credit-policy.js';
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

describe('scoring with a calibrated application PD model', () => {
  // Platt with a = 1, b = ln 1000 multiplies the raw bad:good odds by 1,000: a calibration nobody
  // would fit, chosen so that reading the raw PD instead of the calibrated one would show.
  const models = temporaryModels({
    'application-pd': {
      dirs: { calibrated: { from: 'artifacts/application-pd/1.0.0', card: (card) => (card.calibration = { method: 'platt', platt: { a: 1, b: Math.log(1000) } }) } },
      versions: { '1.0.0-calibrated': { dir: 'calibrated' } },
      champion: '1.0.0-calibrated',
    },
  });
  const application = testApplication('approved');
  let registry: ModelRegistry;
  let scoring: ScoringActivities;

  beforeAll(async () => {
    registry = await ModelRegistry.load({ dir: models.dir });
    scoring = createScoringActivities({ models: registry });
  });
  afterAll(async () => {
    await registry.dispose();
    models.dispose();
  });

  it('builds the CreditScore from the calibrated PD (points, grade, limit), keeping the raw PD for audit', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_cal', application, asOf: '2026-11-21' });
    const features = extractFeatures(application, undefined, undefined, '2026-11-21');
    const [scored] = await registry.score('application-pd', [applicationRecord(features, application)], { subject: 'ln_cal' });
    const { probability, rawProbability, margin } = scored!.score as BinaryScore;
    expect(Math.abs(probability - 1 / (1 + Math.exp(-(margin + Math.log(1000)))))).toBeLessThan(1e-12);
    expect(score.pd).toBe(Math.round(probability * 1_000_000) / 1_000_000);
    expect(score.rawPd).toBe(Math.round(rawProbability * 1_000_000) / 1_000_000);
    expect(score.pd).toBeGreaterThan(score.rawPd!);
    expect(score.score).toBe(pointsForPd(probability));
    expect(score.grade).toBe(gradeFor(score.score));
    expect(score.creditLimit).toBe(creditLimit(features, Math.round(probability * 10_000), true));
  });

  it('lets the credit policy cut off on the calibrated PD: odds 1,000 times worse decline', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_cal', application, asOf: '2026-11-21' });
    expect(pointsForPd(score.rawPd!)).toBeGreaterThanOrEqual(SCORE_CUTOFFS.declineBelow);
    expect(score.score).toBeLessThan(SCORE_CUTOFFS.declineBelow);
    const decision = await scoring.decideApplication({ loanId: 'ln_cal', application, product: getProduct(), kyc: { outcome: 'pass', checks: [] }, fraud: { level: 'clear', score: 0, signals: [] }, score, bureauAvailable: true });
    expect(decision).toMatchObject({ outcome: 'declined', reasons: score.reasons.slice(0, 4) });
  });
});

describe('scoring with a WoE scorecard as the application PD champion', () => {
  // models/registry/fixtures/application-pd-scorecard.json: bureau_hit (no hit 260, hit 340) and
  // employment_status (salaried / self-employed 320, student / retired / other 300, unemployed 280).
  const SCORECARD = fileURLToPath(new URL('../../models/registry/fixtures/application-pd-scorecard.json', import.meta.url));
  const EMPLOYMENT_POINTS: Record<string, number> = { salaried: 320, self_employed: 320, unemployed: 280 };
  const models = temporaryModels({
    'application-pd': {
      dirs: {
        scorecard: {
          from: 'artifacts/application-pd/1.0.0',
          remove: ['model.onnx', 'trees.json'],
          add: { 'scorecard.json': SCORECARD },
          card: (card) => {
            card.algorithm = { name: 'woe_scorecard', file: 'scorecard.json', params: {} };
            card.challengers = [{ name: 'logistic_regression', file: 'baseline.onnx' }];
            card.champion = { name: 'woe_scorecard', rule: 'set by this test', why: 'to serve a scorecard champion' };
            delete card.candidates;
            // The artifact's calibration map was fitted on the LightGBM champion's predictions, not
            // on this hand-written scorecard's: it does not belong to it.
            delete card.calibration;
          },
        },
      },
      versions: { '2.0.0': { dir: 'scorecard' }, '2.0.0-logistic': { dir: 'scorecard', variant: 'baseline' } },
      champion: '2.0.0',
      challenger: '2.0.0-logistic',
    },
  });
  const application = testApplication('approved');
  const recorded: ScoreRecord[] = [];
  let registry: ModelRegistry;
  let scoring: ScoringActivities;

  beforeAll(async () => {
    registry = await ModelRegistry.load({ dir: models.dir, sink: { record: (rows) => recorded.push(...rows) } });
    scoring = createScoringActivities({ models: registry });
  });
  afterAll(async () => {
    await registry.dispose();
    models.dispose();
  });

  it('scores by points: the score is the scorecard\'s own (same scale), the reasons its points lost', async () => {
    const score = await scoring.scoreApplication({ loanId: 'ln_sc', application, asOf: '2026-11-21' });
    // No bureau report: a thin file, bureau_hit 0, 260 points (80 lost against a hit).
    const employment = EMPLOYMENT_POINTS[application.applicant.employment.status] ?? 300;
    const points = 260 + employment;
    expect(score).toMatchObject({ model: { name: 'application-pd', version: '2.0.0' }, thinFile: true, score: points });
    // Odds bad:good 2^((600 - points) / 20) / 50, no calibration: the served PD is the raw one.
    const odds = 2 ** ((600 - points) / 20) / 50;
    expect(score.pd).toBe(Math.round((odds / (1 + odds)) * 1_000_000) / 1_000_000);
    expect(score.rawPd).toBe(score.pd);
    expect(score.features).toMatchObject({ 'points.bureau_hit': 260, 'points.employment_status': employment, 'scorecard.score': points });
    expect(score.reasons[0]).toEqual({ code: 'NO_CREDIT_FILE', text: 'No credit file' });
    expect(score.reasons.map((r) => r.code)).toEqual(employment === 320 ? ['NO_CREDIT_FILE'] : ['NO_CREDIT_FILE', 'IRREGULAR_INCOME']);
    await registry.settled();
    expect(recorded.filter((r) => r.subject === 'ln_sc').map((r) => `${r.version}:${r.role}`).sort()).toEqual(['2.0.0-logistic:challenger', '2.0.0:champion']);
  });
});
