import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import type { ModelRuntime as Runtime, ModelScore } from './index.js';

// onnxruntime-node's native binding allocates output arrays in Node's main realm and passes them
// to onnxruntime-common's Tensor, whose `instanceof Float64Array` runs in jest's VM realm and fails.
// Jest shares ArrayBuffer and Uint8Array with the main realm for the same reason; this shares
// Float64Array too, before onnxruntime-common captures it (hence the dynamic import below).
// Outside jest there is one realm and nothing to do.
globalThis.Float64Array = runInThisContext('Float64Array') as Float64ArrayConstructor;
const { FeatureEncoder, ModelRuntime, formatCsvField } = await import('./index.js');
const { scoreCsv } = await import('../cli/score.js');

// Trained artifacts that must reproduce their Python verification.json (models/CARD.md): every
// directory under models/artifacts with a card.json, so a new model or version is checked the day
// it is committed. CREDENCE_MODEL_DIRS (path-delimited, relative to the repository root) adds
// more, e.g. a model being trained locally.
const root = fileURLToPath(new URL('../../', import.meta.url));
const artifactDirs = (dir: string): string[] =>
  existsSync(join(dir, 'card.json')) ? [dir] : readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => artifactDirs(join(dir, e.name)));
const MODEL_DIRS = artifactDirs(join(root, 'models/artifacts')).sort();
const dirs = [...MODEL_DIRS, ...(process.env.CREDENCE_MODEL_DIRS ?? '').split(delimiter).filter((d) => d !== '')].map((d) => resolve(root, d));

// Python's onnxruntime and onnxruntime-node run the same graph in doubles.
const PROBABILITY_TOLERANCE = 1e-9;
// pred_contrib vs this TreeSHAP: same algorithm, so only rounding of the written JSON differs.
const CONTRIBUTION_TOLERANCE = 1e-6;
// The exported graph may sum leaves in float32 (TreeEnsembleRegressor, ai.onnx.ml 3) before the cast to
// double, so ONNX's margin agrees with the exact tree walk to float32 precision only.
const MARGIN_TOLERANCE = 1e-4;
// A logistic model's terms (linear.json) are the graph's own arithmetic in doubles.
const LINEAR_TOLERANCE = 1e-9;

interface Verification {
  records: Record<string, unknown>[];
  encoded: (number | null)[][];
  probability?: number[];
  baselineProbability?: number[];
  probabilities?: number[][];
  score?: number[];
  contributions?: number[][] | number[][][];
  baselineContributions?: number[][];
}

const close = (actual: number, expected: number, tolerance: number, what: string): void => {
  if (!(Math.abs(actual - expected) <= tolerance)) throw new Error(`${what}: ${actual} vs ${expected} (tolerance ${tolerance})`);
};

const present = (dir: string) => existsSync(join(dir, 'card.json')) && existsSync(join(dir, 'verification.json'));
const cases = dirs.map((dir) => [present(dir) ? dir : `${dir} (no card.json and verification.json there yet: skipped)`, dir] as const);

// `describe.each([])` is an error in jest, so the table is only declared when there is a model.
(cases.length > 0 ? describe.each(cases) : () => undefined)('model artifacts in %s', (_label: string, dir: string) => {
  const ready = present(dir);
  // Read synchronously so each test is registered, or skipped, for what this model is.
  const card = ready ? (JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')) as { task?: string; baseline?: { linear?: string }; algorithm?: { trees?: string; linear?: string } }) : {};
  const test = ready ? it : it.skip;
  // A check that does not apply to this model's task is not registered at all (not reported as skipped).
  const notApplicable = (..._args: Parameters<typeof it>): void => undefined;
  const testWhen = (condition: boolean) => (!condition ? notApplicable : ready ? it : it.skip);
  const hasTrees = card.algorithm?.trees !== undefined;
  const hasLinear = card.algorithm?.linear !== undefined;
  let runtime: Runtime;
  let verification: Verification;
  let scores: ModelScore[];

  beforeAll(async () => {
    if (!ready) return;
    runtime = await ModelRuntime.load(dir);
    const card = runtime.card;
    verification = JSON.parse(readFileSync(join(dir, card.verification ?? 'verification.json'), 'utf8')) as Verification;
    scores = await runtime.scoreBatch(verification.records);
  });
  afterAll(async () => {
    if (ready) await runtime.dispose();
  });

  test('encodes the verification records as Python did (null is NaN)', () => {
    const encoder = new FeatureEncoder(runtime.features);
    verification.records.forEach((record, r) => {
      const encoded = encoder.encode(record);
      verification.encoded[r]!.forEach((expected, i) => {
        if (expected === null) expect(encoded[i]).toBeNaN();
        else close(encoded[i]!, expected, 1e-12 * Math.max(1, Math.abs(expected)), `row ${r} feature ${runtime.features[i]!.name}`);
      });
    });
  });

  test('scores every record as model.onnx (or scorecard.json) did in Python (to 1e-9), in one batch and one at a time', async () => {
    const { task } = runtime.card;
    scores.forEach((score, r) => {
      // verification.json's probability is the model's own, before the card's calibration (python-parity.spec.ts checks that).
      if (score.task === 'binary') close(score.rawProbability, verification.probability![r]!, PROBABILITY_TOLERANCE, `row ${r} probability`);
      if (score.task === 'anomaly') close(score.score, verification.score![r]!, PROBABILITY_TOLERANCE, `row ${r} score`);
      if (score.task === 'multiclass') {
        score.probabilities.forEach((p, k) => close(p, verification.probabilities![r]![k]!, PROBABILITY_TOLERANCE, `row ${r} class ${k}`));
        const expected = verification.probabilities![r]!;
        expect(score.label).toBe(runtime.card.classes![expected.indexOf(Math.max(...expected))]);
      }
    });
    expect(scores.map((s) => s.task)).toEqual(verification.records.map(() => task));
    expect(await runtime.score(verification.records[0]!)).toEqual(scores[0]);
  });

  test('scores the same records written as CSV through models:score (columns by name, extras ignored)', async () => {
    const names = runtime.features.map((f) => f.name);
    const cell = (v: unknown): string => {
      if (v === null || v === undefined) return '';
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return formatCsvField(String(v));
      throw new Error(`verification record holds ${JSON.stringify(v)}`);
    };
    // Reversed columns and an extra one: the CLI must match by name.
    const header = ['ignored_extra', ...[...names].reverse()];
    const csv = [header.map(cell), ...verification.records.map((r) => [cell('x,"y"'), ...[...names].reverse().map((n) => cell(r[n]))])].map((row) => row.join(',')).join('\r\n');
    let out = '';
    await scoreCsv(runtime, csv, { write: (t) => (out += t), progress: () => undefined });
    const [head, ...lines] = out.trimEnd().split('\n');
    // A scorecard champion also prints its points.
    const points = (s: ModelScore) => (s.task === 'binary' && s.scorecard ? `,${s.scorecard.score}` : '');
    expect(head).toBe(runtime.card.algorithm.name === 'woe_scorecard' ? 'score,points' : 'score');
    expect(lines).toEqual(scores.map((s) => (s.task === 'binary' ? `${s.probability}${points(s)}` : s.task === 'anomaly' ? String(s.score) : formatCsvField(s.label))));
  });

  testWhen(card.task === 'binary')('decides binary records at the card threshold', () => {
    for (const score of scores) if (score.task === 'binary') expect(score.decision).toBe(score.probability >= runtime.card.threshold!.value);
  });

  testWhen(card.task === 'binary' && card.baseline !== undefined)('scores the baseline as baseline.onnx did in Python', async () => {
    expect(verification.baselineProbability).toBeDefined();
    const baseline = await runtime.baselineProbabilities(verification.records);
    baseline.forEach((p, r) => close(p, verification.baselineProbability![r]!, PROBABILITY_TOLERANCE, `row ${r} baseline`));
  });

  testWhen(hasTrees)('explains with TreeSHAP equal to LightGBM pred_contrib (to 1e-6), summing to the ONNX margin', () => {
    expect(verification.contributions).toBeDefined();
    const k = runtime.card.task === 'multiclass' ? runtime.card.classes!.length : 1;
    const width = runtime.features.length + 1;
    verification.records.forEach((record, r) => {
      const phi = runtime.contributions(record);
      // pred_contrib is [K * (F + 1)] per row; accept [K][F + 1] too.
      const expected = (verification.contributions![r] as (number | number[])[]).flat();
      expect(phi).toHaveLength(expected.length);
      phi.forEach((v, i) => close(v, expected[i]!, CONTRIBUTION_TOLERANCE, `row ${r} contribution ${i}`));
      const margins = Array.from({ length: k }, (_, c) => phi.subarray(c * width, (c + 1) * width).reduce((a, b) => a + b, 0));
      const score = scores[r]!;
      if (score.task === 'binary') close(margins[0]!, score.margin, MARGIN_TOLERANCE * Math.max(1, Math.abs(score.margin)), `row ${r} margin`);
      if (score.task === 'multiclass') {
        const max = Math.max(...margins);
        const exp = margins.map((m) => Math.exp(m - max));
        const total = exp.reduce((a, b) => a + b, 0);
        exp.forEach((e, c) => close(e / total, score.probabilities[c]!, MARGIN_TOLERANCE, `row ${r} softmax ${c}`));
      }
    });
  });

  testWhen(hasLinear)('explains a logistic champion by its linear terms as Python did (to 1e-9), summing to the ONNX margin', () => {
    expect(verification.contributions).toBeDefined();
    verification.records.forEach((record, r) => {
      const phi = runtime.contributions(record);
      const expected = verification.contributions![r] as number[];
      expect(phi).toHaveLength(expected.length);
      phi.forEach((v, i) => close(v, expected[i]!, LINEAR_TOLERANCE, `row ${r} contribution ${i}`));
      const score = scores[r]!;
      if (score.task === 'binary') close(phi.reduce((a, b) => a + b, 0), score.margin, LINEAR_TOLERANCE * Math.max(1, Math.abs(score.margin)), `row ${r} margin`);
    });
  });

  testWhen(card.baseline?.linear !== undefined)('explains the baseline by its linear terms as Python did (to 1e-9), summing to its log-odds', async () => {
    expect(verification.baselineContributions).toBeDefined();
    const baseline = await runtime.baselineProbabilities(verification.records);
    verification.records.forEach((record, r) => {
      const phi = runtime.baselineContributions(record);
      verification.baselineContributions![r]!.forEach((expected, i) => close(phi[i]!, expected, LINEAR_TOLERANCE, `row ${r} baseline contribution ${i}`));
      const logOdds = Math.log(baseline[r]!) - Math.log1p(-baseline[r]!);
      close(phi.reduce((a, b) => a + b, 0), logOdds, 1e-7 * Math.max(1, Math.abs(logOdds)), `row ${r} baseline log-odds`);
    });
  });

  testWhen(hasTrees || hasLinear)('explains the largest upward contributions first, with reason text', () => {
    const record = verification.records[0]!;
    const top = runtime.explain(record, { top: 3 });
    expect(top).toHaveLength(Math.min(3, runtime.features.length));
    expect(top.map((t) => t.contribution)).toEqual([...top.map((t) => t.contribution)].sort((a, b) => b - a));
    for (const t of top) {
      expect(t.value).toEqual(record[t.feature] ?? null);
      expect(t.reason.text.length).toBeGreaterThan(0);
      // A missing value is explained by its absence (missingReasons) where the card says how.
      const missing = t.value === null ? runtime.card.missingReasons?.[t.feature] : undefined;
      const expected = missing ?? runtime.card.reasons?.[t.feature];
      if (t.contribution > 0 && expected !== undefined) expect(t.reason).toEqual(expected);
    }
  });
});

if (dirs.length === 0) {
  describe('model artifacts', () => {
    it.skip('are verified once a directory is listed in MODEL_DIRS or CREDENCE_MODEL_DIRS', () => undefined);
  });
}
