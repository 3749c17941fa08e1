import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInThisContext } from 'node:vm';
import type { BinaryScore, ModelRuntime as Runtime } from './index.js';

// Scorecards and calibration, the TypeScript runtime against Python (models/CARD.md): every model
// directory under models/artifacts whose card declares a scorecard (champion or challenger) or a
// calibration, or that holds their verification, plus the hand-written fixture. A card that
// declares one without the verification Python writes for it FAILS: it is not skipped, because
// an artifact nobody can check is the one that would be served wrong.

// See model-runtime.spec.ts: onnxruntime-common must capture the main realm's Float64Array.
globalThis.Float64Array = runInThisContext('Float64Array') as Float64ArrayConstructor;
const { ModelRuntime, WOE_SCORECARD, adverseActionReasons } = await import('./index.js');

const TOLERANCE = 1e-9;
const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/woe-scorecard/', import.meta.url));

interface RawCard {
  algorithm?: { name?: string };
  challengers?: { name?: string }[];
  calibration?: { method?: string };
  verification?: string;
}
interface ScorecardVerification {
  calibrated: boolean;
  rows: { record: Record<string, unknown>; score: number; points: Record<string, number>; rawProbability: number; probability: number; reasons: string[] }[];
}
interface Verification {
  records: Record<string, unknown>[];
  probability?: number[];
  calibrated?: number[];
}

const readJson = <T,>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const artifactDirs = (dir: string): string[] =>
  existsSync(join(dir, 'card.json')) ? [dir] : readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).flatMap((e) => artifactDirs(join(dir, e.name)));

/** What a directory's card says it serves, and which verification files are there. */
function survey(dir: string) {
  const card = readJson<RawCard>(join(dir, 'card.json'));
  const scorecard = card.algorithm?.name === WOE_SCORECARD ? 'champion' : card.challengers?.some((c) => c.name === WOE_SCORECARD) ? 'challenger' : undefined;
  const verificationFile = join(dir, card.verification ?? 'verification.json');
  const verification = existsSync(verificationFile) ? readJson<Verification>(verificationFile) : undefined;
  const scorecardFile = join(dir, 'scorecard-verification.json');
  return {
    dir,
    card,
    scorecard,
    calibrated: card.calibration !== undefined,
    verification,
    scorecardVerification: existsSync(scorecardFile) ? readJson<ScorecardVerification>(scorecardFile) : undefined,
  };
}

const candidates = [...artifactDirs(join(root, 'models/artifacts')).sort(), ...(process.env.CREDENCE_MODEL_DIRS ?? '').split(delimiter).filter((d) => d !== '').map((d) => resolve(root, d)), FIXTURE];
const surveyed = candidates.map(survey).filter((s) => s.scorecard !== undefined || s.calibrated || s.scorecardVerification !== undefined || s.verification?.calibrated !== undefined);

const close = (actual: number, expected: number, what: string): void => {
  if (!(Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected)))) throw new Error(`${what}: ${actual} vs ${expected} (tolerance ${TOLERANCE})`);
};

// A check that does not apply to a directory is not registered (rather than reported as skipped).
const when = (applies: boolean) => (applies ? it : (..._args: Parameters<typeof it>): void => undefined);

describe.each(surveyed.map((s) => [s.dir.replace(root, ''), s] as const))('Python parity of %s', (_label, s) => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await ModelRuntime.load(s.dir);
  });
  afterAll(() => runtime.dispose());

  it('holds the verification Python writes for what the card declares', () => {
    if (s.scorecard !== undefined && s.scorecardVerification === undefined) throw new Error(`card.json serves a ${WOE_SCORECARD} ${s.scorecard}, but scorecard-verification.json is missing`);
    if (s.scorecardVerification !== undefined && s.scorecard === undefined) throw new Error(`scorecard-verification.json verifies a scorecard card.json does not serve`);
    if (s.calibrated && s.verification?.calibrated === undefined) throw new Error('card.json has a calibration, but verification.json has no calibrated probabilities');
    if (!s.calibrated && s.verification?.calibrated !== undefined) throw new Error('verification.json has calibrated probabilities, but card.json has no calibration');
    if (s.verification?.calibrated !== undefined) expect(s.verification.calibrated).toHaveLength(s.verification.records.length);
  });

  when(s.scorecard !== undefined)(`scores the ${WOE_SCORECARD} as scorecard-verification.json: points, score, raw and served PD to 1e-9, reason codes`, async () => {
    const file = s.scorecardVerification;
    if (file === undefined) throw new Error('scorecard-verification.json is missing');
    expect(file.rows.length).toBeGreaterThan(0);
    // Python calibrates the scorecard's probability only when it is the champion (the card's calibration is the champion's).
    expect(file.calibrated).toBe(s.scorecard === 'champion' && s.calibrated);
    const records = file.rows.map((r) => r.record);
    const scores: BinaryScore[] =
      s.scorecard === 'champion' ? ((await runtime.scoreBatch(records)) as BinaryScore[]) : await runtime.challengerEncoded(WOE_SCORECARD, runtime.encodeBatch(records), records.length);
    file.rows.forEach((row, r) => {
      const score = scores[r]!;
      close(score.scorecard!.score, row.score, `row ${r} score`);
      expect(score.scorecard!.lines.map((l) => l.feature).sort()).toEqual(Object.keys(row.points).sort());
      for (const line of score.scorecard!.lines) close(line.points, row.points[line.feature]!, `row ${r} points of ${line.feature}`);
      close(score.rawProbability, row.rawProbability, `row ${r} raw probability`);
      close(score.probability, row.probability, `row ${r} probability`);
      const reasons = adverseActionReasons(runtime.scorecardExplanation(score.scorecard!.lines, row.record, score.scorecard!.lines.length));
      expect({ row: r, reasons: reasons.map((x) => x.code) }).toEqual({ row: r, reasons: row.reasons });
    });
  });

  when(s.calibrated)('serves verification.json\'s calibrated probabilities, and its raw ones beside them, to 1e-9', async () => {
    const verification = s.verification;
    if (verification?.calibrated === undefined || verification.probability === undefined) throw new Error('verification.json has no probability and calibrated rows');
    const scores = (await runtime.scoreBatch(verification.records)) as BinaryScore[];
    scores.forEach((score, r) => {
      close(score.rawProbability, verification.probability![r]!, `row ${r} raw probability`);
      close(score.probability, verification.calibrated![r]!, `row ${r} calibrated probability`);
    });
    // A real map moves the PDs by more than the tolerance, so serving the raw one would fail above.
    if (s.card.calibration?.method !== 'none') {
      const moved = Math.max(...verification.calibrated.map((p, r) => Math.abs(p - verification.probability![r]!)));
      expect(moved).toBeGreaterThan(1e3 * TOLERANCE);
    }
  });
});
