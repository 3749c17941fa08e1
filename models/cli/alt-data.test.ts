// `models:alt-data` end to end on a reduced portfolio: the real comparison (Python, LightGBM, in the
// pinned training venv) on 6,000 borrowers with one LightGBM setting, 3 folds and 200 bootstrap
// resamples, then the invariants every report must hold whatever its figures: the challengers'
// bad rate no higher than the reference's and only just below it, approvals and swap sets that
// add up, the bureau-only model blind to the statement, and the printed table the report's.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { trainingPython } from './train.js';

const root = resolve(import.meta.dirname, '..', '..');
const INSTALL_TIMEOUT = 600_000;
const RUN_TIMEOUT = 300_000;
const CHALLENGERS = ['alternative', 'segmented'] as const;

interface Cell {
  rows: number;
  bads: number;
  badRate: number | null;
  thinFile: number;
}
interface Approvals {
  threshold: number;
  approved: number;
  approvalRate: number;
  bads: number;
  badRate: number;
  expectedBadRate: number | null;
  thinFile: { rows: number; approved: number; share: number | null };
  under25: { rows: number; approved: number; share: number | null };
  approvalLift?: number;
  badRateDifference?: number;
}
interface Interval {
  low: number;
  high: number;
  reps: number;
}
interface Report {
  data: {
    rows: number;
    split: { train: number; test: number; folds: number };
    test: { rows: number; bads: number; thinFile: number; thinFileBads: number; under25: number };
    featureGroups: { bureau: string[]; statement: string[]; application: string[]; verifiedLoanToIncome: string; declaredLoanToIncome: string };
  };
  models: Record<'bureau' | 'alternative' | 'thinFile', { features: string[]; trainingRows: number; cvAuc: number; seconds: number; grid: unknown[] }>;
  auc: Record<'test' | 'outOfFold', Record<string, Record<'all' | 'thickFile' | 'thinFile' | 'under25', { auc: number | null; rows: number; bads: number }>>>;
  policy: { approveAtPoints: number; maxPd: number };
  matched: Record<'bureau' | 'alternative' | 'segmented', Approvals>;
  swap: Record<'alternative' | 'segmented', Record<'bothApproved' | 'swapIn' | 'swapOut' | 'bothDeclined', Cell>>;
  atReferenceApprovals: Record<'alternative' | 'segmented', { approved: number; bads: number }>;
  trainingThreshold: Record<'bureau' | 'alternative' | 'segmented', Approvals>;
  atPolicyCutoff: Record<'bureau' | 'alternative' | 'segmented', Approvals>;
  bootstrap: { reps: number; intervals: Record<string, Interval | null> };
  target: { approvalLift: number; met: boolean; bootstrapShareMet: number };
  segmentModel: { adopt: boolean; checks: Record<string, boolean> };
  timing: { seconds: Record<string, number>; totalSeconds: number };
}

let report: Report;
let stdout: string;

beforeAll(() => {
  trainingPython();
}, INSTALL_TIMEOUT);

describe('models:alt-data on a reduced portfolio', () => {
  beforeAll(() => {
    const out = join(mkdtempSync(join(tmpdir(), 'credence-alt-data-')), 'report.json');
    const args = ['--module', 'credence_models.alt_data', '--borrowers', '6000', '--folds', '3', '--leaves', '15', '--bootstrap', '200', '--out', out];
    const run = spawnSync(process.execPath, [join(root, 'models/cli/train.ts'), ...args], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`models:alt-data failed (${run.status}):\n${run.stderr}\n${run.stdout}`);
    stdout = run.stdout;
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  }, RUN_TIMEOUT);

  it('keeps the statement out of the bureau-only model and trains every model on the same split', () => {
    const groups = report.data.featureGroups;
    const bureau = report.models.bureau.features;
    for (const f of [...groups.statement, groups.verifiedLoanToIncome]) expect(bureau).not.toContain(f);
    expect(bureau).toContain(groups.declaredLoanToIncome);
    expect(report.models.alternative.features.sort()).toEqual([...groups.bureau, ...groups.statement, ...groups.application, groups.verifiedLoanToIncome].sort());
    // The thin-file model sees what a thin file has: the statement, the application, an inquiry-only report's inquiries.
    expect(report.models.thinFile.features.filter((f) => groups.bureau.includes(f))).toEqual(['hard_inquiries_6m']);
    expect(report.data.split.train + report.data.split.test).toBe(report.data.rows);
    expect(report.models.bureau.trainingRows).toBe(report.data.split.train);
    expect(report.models.alternative.trainingRows).toBe(report.data.split.train);
    expect(report.models.thinFile.trainingRows).toBeLessThan(report.data.split.train);
    for (const m of [report.models.bureau, report.models.alternative, report.models.thinFile]) expect(m.grid).toHaveLength(1);
  });

  it('puts the reference at the credit policy cut-off: 580 points on the 600 = 50:1, 20-points-to-double scale', () => {
    expect(report.policy.approveAtPoints).toBe(580);
    expect(report.policy.maxPd).toBeCloseTo(1 / (1 + 50 * 2 ** ((579.5 - 600) / 20)), 12);
    expect(report.matched.bureau.threshold).toBe(report.policy.maxPd);
    expect(report.trainingThreshold.bureau).toEqual(report.matched.bureau);
    expect(report.atPolicyCutoff.bureau).toEqual(report.matched.bureau);
    for (const a of Object.values(report.atPolicyCutoff)) expect(a.threshold).toBe(report.policy.maxPd);
  });

  it('matches bad rates: each challenger approves at no higher realised bad rate, within two rows\' weight of it', () => {
    const ref = report.matched.bureau;
    for (const c of CHALLENGERS) {
      const m = report.matched[c];
      // Exact in integers, as the threshold search compares.
      expect(m.bads * ref.approved).toBeLessThanOrEqual(ref.bads * m.approved);
      // One more bad approved would have crossed the reference's rate (ties aside): the gap is under a row's weight.
      expect(ref.badRate - m.badRate).toBeLessThan(2 / (m.approved + 1));
      expect(m.approvalLift).toBeCloseTo(m.approved / ref.approved - 1, 12);
      expect(m.badRateDifference).toBeCloseTo(m.badRate - ref.badRate, 12);
      expect(report.atReferenceApprovals[c].approved).toBe(ref.approved);
    }
  });

  it('counts approvals consistently', () => {
    const t = report.data.test;
    for (const view of [report.matched, report.trainingThreshold, report.atPolicyCutoff]) {
      for (const a of Object.values(view)) {
        expect(a.approved).toBeLessThanOrEqual(t.rows);
        expect(a.approvalRate).toBeCloseTo(a.approved / t.rows, 12);
        expect(a.bads).toBeLessThanOrEqual(Math.min(a.approved, t.bads));
        expect(a.badRate).toBeCloseTo(a.bads / a.approved, 12);
        expect(a.thinFile.rows).toBe(t.thinFile);
        expect(a.thinFile.approved).toBeLessThanOrEqual(Math.min(a.approved, t.thinFile));
        expect(a.thinFile.share).toBeCloseTo(a.thinFile.approved / t.thinFile, 12);
        expect(a.under25.rows).toBe(t.under25);
        expect(a.expectedBadRate).toBeGreaterThan(0);
      }
    }
  });

  it('makes the swap set add up: both approved + swap in = challenger, both approved + swap out = reference', () => {
    const ref = report.matched.bureau;
    const t = report.data.test;
    for (const c of CHALLENGERS) {
      const s = report.swap[c];
      const m = report.matched[c];
      expect(s.bothApproved.rows + s.swapIn.rows).toBe(m.approved);
      expect(s.bothApproved.rows + s.swapOut.rows).toBe(ref.approved);
      expect(s.bothApproved.bads + s.swapIn.bads).toBe(m.bads);
      expect(s.bothApproved.bads + s.swapOut.bads).toBe(ref.bads);
      expect(s.bothApproved.thinFile + s.swapIn.thinFile).toBe(m.thinFile.approved);
      expect(s.bothApproved.thinFile + s.swapOut.thinFile).toBe(ref.thinFile.approved);
      const cells = Object.values(s);
      expect(cells.reduce((n, x) => n + x.rows, 0)).toBe(t.rows);
      expect(cells.reduce((n, x) => n + x.bads, 0)).toBe(t.bads);
      expect(cells.reduce((n, x) => n + x.thinFile, 0)).toBe(t.thinFile);
      for (const x of cells) if (x.rows > 0) expect(x.badRate).toBeCloseTo(x.bads / x.rows, 12);
    }
  });

  it('reports AUCs by segment and bootstrap intervals for the lift and the bad-rate difference', () => {
    const t = report.data.test;
    for (const model of ['bureau', 'alternative', 'segmented']) {
      const a = report.auc.test[model]!;
      expect(a.all.rows).toBe(t.rows);
      expect(a.thinFile.rows).toBe(t.thinFile);
      expect(a.thickFile.rows + a.thinFile.rows).toBe(t.rows);
      expect(a.under25.rows).toBe(t.under25);
      for (const s of Object.values(a)) if (s.auc !== null) expect(s.auc >= 0 && s.auc <= 1).toBe(true);
      expect(a.all.auc).toBeGreaterThan(0.5);
    }
    expect(report.bootstrap.reps).toBe(200);
    for (const c of CHALLENGERS) {
      for (const key of [`matched.${c}.approvalLift`, `matched.${c}.badRateDifference`, `trainingThreshold.${c}.approvalLift`, `trainingThreshold.${c}.badRateDifference`]) {
        const interval = report.bootstrap.intervals[key]!;
        expect(interval.low).toBeLessThanOrEqual(interval.high);
        expect(interval.reps).toBeGreaterThan(150);
      }
      // Re-matched in every resample, the challenger's bad rate is never above the reference's.
      expect(report.bootstrap.intervals[`matched.${c}.badRateDifference`]!.high).toBeLessThanOrEqual(1e-12);
    }
    expect(report.target.met).toBe(report.matched.alternative.approvalLift! >= report.target.approvalLift && report.matched.alternative.badRateDifference! <= 0);
    expect(report.segmentModel.adopt).toBe(Object.values(report.segmentModel.checks).every(Boolean));
    expect(report.timing.totalSeconds).toBeGreaterThan(0);
    for (const s of Object.values(report.timing.seconds)) expect(s).toBeGreaterThan(0);
  });

  it('prints the table from the report', () => {
    expect(stdout).toContain('| | Bureau only | Bureau + bank/UPI statement | Segmented: thin-file model |');
    const m = report.matched;
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(stdout).toContain(`| **Approved at the same bad rate** | **${pct(m.bureau.approvalRate)}** (${m.bureau.approved.toLocaleString('en-US')}) | **${pct(m.alternative.approvalRate)}** (${m.alternative.approved.toLocaleString('en-US')}) |`);
    expect(stdout).toMatch(/^Target \(\+20% approvals at no higher bad rate\): (met|not met) /m);
    expect(stdout).toMatch(/^Thin-file segment model: (adopt|do not adopt) /m);
  });
});
