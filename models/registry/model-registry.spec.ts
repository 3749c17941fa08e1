import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import { temporaryModels } from '../../apps/testkit/model-dirs.js';
import type { ModelRegistry as Registry, ScoreRecord } from './index.js';

// The registry serving a WoE scorecard as application-pd's challenger, in the shadow of the
// LightGBM champion: a copy of the committed artifact with a hand-written scorecard over two of its
// features (fixtures/application-pd-scorecard.json) listed in card.challengers.

// See models/runtime/model-runtime.spec.ts: onnxruntime-common must capture the main realm's Float64Array.
globalThis.Float64Array = runInThisContext('Float64Array') as Float64ArrayConstructor;
const { ModelRegistry } = await import('./index.js');

const SCORECARD = fileURLToPath(new URL('./fixtures/application-pd-scorecard.json', import.meta.url));
const ARTIFACT = fileURLToPath(new URL('../artifacts/application-pd/1.0.0/', import.meta.url));
const records = (JSON.parse(readFileSync(join(ARTIFACT, 'verification.json'), 'utf8')) as { records: Record<string, unknown>[] }).records;
const listScorecard = (card: Record<string, unknown>) => (card.challengers = [{ name: 'woe_scorecard', file: 'scorecard.json' }]);

// The fixture's points: intercept -ln 50 with two characteristics, so each bin starts from 300;
// bureau_hit (coefficient -1) no hit WoE -ln 4: 300 - 40 = 260, hit +ln 4: 340; employment_status
// (-0.5): salaried/self_employed +ln 4: 320, student/retired/other/__other__ 0: 300, unemployed -ln 4: 280.
// A score s is bad:good odds 2^((600 - s) / 20) / 50, so:
const CASES = [
  // hit, salaried: 340 + 320 = 660, odds 2^-3 / 50 = 1/400, PD 1/401
  { bureau_hit: 1, employment_status: 'salaried', pd: 1 / 401 },
  // no hit, unemployed: 260 + 280 = 540, odds 2^3 / 50 = 8/50, PD 8/58
  { bureau_hit: 0, employment_status: 'unemployed', pd: 8 / 58 },
  // hit, a status training never saw (__other__'s bin): 340 + 300 = 640, odds 2^-2 / 50 = 1/200, PD 1/201
  { bureau_hit: 1, employment_status: 'gig_worker', pd: 1 / 201 },
];

describe('ModelRegistry with a scorecard challenger', () => {
  const recorded: ScoreRecord[] = [];
  const models = temporaryModels({
    'application-pd': {
      dirs: { '1.0.0': { from: 'artifacts/application-pd/1.0.0', card: listScorecard, add: { 'scorecard.json': SCORECARD } } },
      versions: { '1.0.0': { dir: '1.0.0' }, '1.0.0-scorecard': { dir: '1.0.0', variant: 'scorecard' } },
      champion: '1.0.0',
      challenger: '1.0.0-scorecard',
    },
  });
  let registry: Registry;

  beforeAll(async () => {
    registry = await ModelRegistry.load({ dir: models.dir, sink: { record: (rows) => recorded.push(...rows) } });
  });
  afterAll(async () => {
    await registry.dispose();
    models.dispose();
  });

  it('scores the scorecard in the shadow of the champion, paired by scoringId, at the card threshold', async () => {
    const batch = CASES.map(({ bureau_hit, employment_status }) => ({ ...records[0]!, bureau_hit, employment_status }));
    const scored = await registry.score('application-pd', batch, { subject: ['a', 'b', 'c'] });
    await registry.settled();
    expect(registry.challenger('application-pd')).toEqual({ version: '1.0.0-scorecard' });
    const threshold = registry.champion('application-pd').runtime.card.threshold!.value;
    CASES.forEach(({ pd }, i) => {
      const champion = recorded.find((r) => r.role === 'champion' && r.subject === 'abc'[i])!;
      const challenger = recorded.find((r) => r.role === 'challenger' && r.subject === 'abc'[i])!;
      expect(challenger).toMatchObject({ scoringId: champion.scoringId, model: 'application-pd', version: '1.0.0-scorecard', inputs: null, flagged: pd >= threshold });
      expect(Math.abs(challenger.score - pd)).toBeLessThan(1e-12);
      // The champion answered with its own model, and that is what decides.
      expect(scored[i]!.score).toMatchObject({ task: 'binary', probability: champion.score });
      expect(champion.version).toBe('1.0.0');
    });
  });

  it('refuses a scorecard challenger the card does not list, and a variant as champion', async () => {
    const unlisted = temporaryModels({
      'application-pd': {
        dirs: { '1.0.0': { from: 'artifacts/application-pd/1.0.0', card: (card) => delete card.challengers, add: { 'scorecard.json': SCORECARD } } },
        versions: { '1.0.0': { dir: '1.0.0' }, '1.0.0-scorecard': { dir: '1.0.0', variant: 'scorecard' } },
        champion: '1.0.0',
        challenger: '1.0.0-scorecard',
      },
    });
    const asChampion = temporaryModels({
      'application-pd': {
        dirs: { '1.0.0': { from: 'artifacts/application-pd/1.0.0', card: listScorecard, add: { 'scorecard.json': SCORECARD } } },
        versions: { '1.0.0-scorecard': { dir: '1.0.0', variant: 'scorecard' } },
        champion: '1.0.0-scorecard',
      },
    });
    try {
      await expect(ModelRegistry.load({ dir: unlisted.dir })).rejects.toThrow(/application-pd 1\.0\.0-scorecard names a scorecard, but artifacts\/application-pd\/1\.0\.0\/card\.json lists no woe_scorecard challenger/);
      await expect(ModelRegistry.load({ dir: asChampion.dir })).rejects.toThrow(/application-pd's champion must be its directory's champion, not a scorecard variant/);
    } finally {
      unlisted.dispose();
      asChampion.dispose();
    }
  });
});
