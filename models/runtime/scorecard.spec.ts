import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  adverseActionReasons,
  type BinaryScore,
  FeatureValidationError,
  interpolate,
  type ModelRecord,
  ModelCardError,
  ModelRuntime,
  ScorecardError,
  validateModelCard,
  validateScorecard,
} from './index.js';

// A WoE scorecard served with no ONNX at all, against answers worked out by hand from the
// fixture in fixtures/woe-scorecard (card.json, scorecard.json). How the fixture was made:
//
// - 1,000 training rows, 200 bad (the event) and 800 good, binned in every characteristic.
// - Counts are chosen so every WoE is a multiple of ln 2: a bin with g good and b bad has
//   WoE = ln((g / 800) / (b / 200)) = ln(g / 4b); e.g. duration [-inf, 12) has g = 320, b = 20:
//   ln(320 / 80) = ln 4 = 2 ln 2.
// - Scaling 600 points at 50:1 good:bad, 20 points to double the odds: factor = 20 / ln 2,
//   offset = 600 - factor ln 50. The intercept is -ln 50, so offset - factor * intercept = 600, and
//   with n = 5 characteristics every bin starts from 600 / 5 = 120 points.
// - A bin's points = 120 - factor * coefficient * WoE = 120 - (20 / ln 2) * coefficient * k ln 2
//   = 120 - 20 * coefficient * k for WoE = k ln 2. So, with the best bin of each marked *:
//     duration (coef -1):        [-inf,12) k=2: 160*   [12,24) k=1: 140   [24,48) k=-1: 100   [48,+inf) k=-2: 80   missing (empty, WoE 0): 120
//     purpose (coef -0.5):       car,furniture k=2: 140*   business,__other__ k=0: 120   education k=-2: 100   missing (empty): 120
//     own_home (coef -1.5):      false k=-1: 90   true k=1: 150*   missing (250 rows, 50 bad: ln(200/200) = 0): 120
//     amount (coef -1):          [-inf,5000) k=2: 160*   [5000,+inf) k=-2: 80   missing (empty): 120
//     late_payments (coef -0.5): [-inf,1) k=1: 130*   [1,3) k=-1: 110   [3,+inf) k=-2: 100   missing (50 rows, 10 bad: 0): 120
//   telephone is a card feature the scorecard does not use (still required in the record).
// - score s: margin = (offset - s) / factor = -ln 50 + (600 - s) ln 2 / 20, so the bad:good odds
//   are 2^((600 - s) / 20) / 50 and the raw PD is odds / (1 + odds).
// - calibration (card.json): isotonic knots x = [0.001, 0.05, 0.3], y = [0.002, 0.06, 0.25].
// - reasons: characteristics by points lost against their best bin, ties by feature name; the
//   card maps duration LONG_DURATION, own_home NO_HOME (missing: HOUSING_UNKNOWN), amount
//   HIGH_AMOUNT, late_payments DELINQUENCY (missing: NO_CREDIT_FILE); purpose has no text, so
//   FEATURE_PURPOSE; at most four.

const FIXTURE = fileURLToPath(new URL('./fixtures/woe-scorecard/', import.meta.url));
const readFixture = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(FIXTURE, file), 'utf8')) as Record<string, unknown>;

interface Case {
  record: ModelRecord;
  points: Record<string, number>;
  score: number;
  raw: number;
  calibrated: number;
  /** points lost per characteristic, in reason order (only those that lost any) */
  lost: [string, number][];
  reasons: string[];
}

// Isotonic between two knots: y0 + (p - x0) * (y1 - y0) / (x1 - x0).
const BELOW = (p: number) => 0.002 + ((p - 0.001) * (0.06 - 0.002)) / (0.05 - 0.001);
const ABOVE = (p: number) => 0.06 + ((p - 0.05) * (0.25 - 0.06)) / (0.3 - 0.05);

const CASES: Record<string, Case> = {
  // 160 + 140 + 150 + 160 + 130 = 740: odds 2^(-140/20) / 50 = 1/6400, PD 1/6401 = 0.000156,
  // below the first knot 0.001, so calibrated to y[0] = 0.002 (clamped). Nothing lost: no reasons.
  best: {
    record: { duration: 6, purpose: 'car', own_home: true, telephone: true, amount: 1200, late_payments: 0 },
    points: { duration: 160, purpose: 140, own_home: 150, amount: 160, late_payments: 130 },
    score: 740, raw: 1 / 6401, calibrated: 0.002, lost: [], reasons: [],
  },
  // duration 30 in [24,48): 100; "boat" is unseen, so __other__'s bin: 120; own_home null: missing 120;
  // amount 9000: 80; late_payments 5 in [3,+inf): 100. 520: odds 2^(80/20) / 50 = 16/50, PD 16/66 = 8/33 = 0.2424,
  // between 0.05 and 0.3: 0.06 + (8/33 - 0.05) * 0.19 / 0.25 = 0.2062.
  // Lost: amount 80, duration 60, late_payments 30 and own_home 30 (tie: "late_payments" < "own_home"),
  // purpose 20: five, so the fifth is left out; own_home is missing, so its missing reason.
  many: {
    record: { duration: 30, purpose: 'boat', own_home: null, telephone: false, amount: 9000, late_payments: 5 },
    points: { duration: 100, purpose: 120, own_home: 120, amount: 80, late_payments: 100 },
    score: 520, raw: 8 / 33, calibrated: ABOVE(8 / 33),
    lost: [['amount', 80], ['duration', 60], ['late_payments', 30], ['own_home', 30], ['purpose', 20]],
    reasons: ['HIGH_AMOUNT', 'LONG_DURATION', 'DELINQUENCY', 'HOUSING_UNKNOWN'],
  },
  // duration 12 is the lower edge of [12,24) (lower inclusive): 140; business: 120; own_home false: 90;
  // amount 4999.99 < 5000: 160; late_payments null: 120. 630: odds 2^(-30/20) / 50 = 1 / (50 * 2^1.5),
  // PD 1 / (1 + 50 * 2^1.5) = 0.00702, between 0.001 and 0.05.
  // Lost: own_home 60 (a value, so NO_HOME), duration 20 and purpose 20 (tie by name), late_payments 10 (missing).
  ties: {
    record: { duration: 12, purpose: 'business', own_home: false, telephone: true, amount: 4999.99, late_payments: null },
    points: { duration: 140, purpose: 120, own_home: 90, amount: 160, late_payments: 120 },
    score: 630, raw: 1 / (1 + 50 * 2 ** 1.5), calibrated: BELOW(1 / (1 + 50 * 2 ** 1.5)),
    lost: [['own_home', 60], ['duration', 20], ['purpose', 20], ['late_payments', 10]],
    reasons: ['NO_HOME', 'LONG_DURATION', 'FEATURE_PURPOSE', 'NO_CREDIT_FILE'],
  },
  // Edges: duration 48 and amount 5000 open the top bins (80 each); late_payments 0.999 < 1: 130.
  // 80 + 100 + 150 + 80 + 130 = 540: odds 2^3 / 50 = 8/50, PD 8/58 = 4/29 = 0.1379.
  // Lost: amount 80 and duration 80 (tie by name), purpose 40.
  edges: {
    record: { duration: 48, purpose: 'education', own_home: true, telephone: false, amount: 5000, late_payments: 0.999 },
    points: { duration: 80, purpose: 100, own_home: 150, amount: 80, late_payments: 130 },
    score: 540, raw: 4 / 29, calibrated: ABOVE(4 / 29),
    lost: [['amount', 80], ['duration', 80], ['purpose', 40]],
    reasons: ['HIGH_AMOUNT', 'LONG_DURATION', 'FEATURE_PURPOSE'],
  },
  // 80 + 100 + 90 + 80 + 100 = 450: odds 2^7.5 / 50, PD 2^7.5 / (50 + 2^7.5) = 0.7836, above the last
  // knot 0.3, so calibrated to y[last] = 0.25 (clamped). Five characteristics lost points: four reasons.
  worst: {
    record: { duration: 60, purpose: 'education', own_home: false, telephone: true, amount: 10000, late_payments: 4 },
    points: { duration: 80, purpose: 100, own_home: 90, amount: 80, late_payments: 100 },
    score: 450, raw: 2 ** 7.5 / (50 + 2 ** 7.5), calibrated: 0.25,
    lost: [['amount', 80], ['duration', 80], ['own_home', 60], ['purpose', 40], ['late_payments', 30]],
    reasons: ['HIGH_AMOUNT', 'LONG_DURATION', 'NO_HOME', 'FEATURE_PURPOSE'],
  },
  // duration null: its missing bin (120, lost 40), and the card has no missingReasons for it, so its
  // reason is the card's plain one. 120 + 140 + 150 + 160 + 110 = 680: odds 2^-4 / 50 = 1/800, PD 1/801.
  unknownTerm: {
    record: { duration: null, purpose: 'furniture', own_home: true, telephone: false, amount: 300, late_payments: 2 },
    points: { duration: 120, purpose: 140, own_home: 150, amount: 160, late_payments: 110 },
    score: 680, raw: 1 / 801, calibrated: BELOW(1 / 801),
    lost: [['duration', 40], ['late_payments', 20]],
    reasons: ['LONG_DURATION', 'DELINQUENCY'],
  },
};
const names = Object.keys(CASES);
const records = names.map((n) => CASES[n]!.record);
const FACTOR = 20 / Math.LN2;
const OFFSET = 600 - FACTOR * Math.log(50);

const dirs: string[] = [];
/** A copy of the fixture with card.json (and optionally scorecard.json) patched. */
function variant(patchCard: (card: Record<string, unknown>) => void, patchScorecard?: (scorecard: ScorecardJson) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'woe-scorecard-'));
  dirs.push(dir);
  cpSync(FIXTURE, dir, { recursive: true });
  const card = readFixture('card.json');
  patchCard(card);
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card));
  if (patchScorecard) {
    const scorecard = readFixture('scorecard.json') as unknown as ScorecardJson;
    patchScorecard(scorecard);
    writeFileSync(join(dir, 'scorecard.json'), JSON.stringify(scorecard));
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true });
});

const binary = (score: unknown): BinaryScore => {
  expect(score).toMatchObject({ task: 'binary' });
  return score as BinaryScore;
};

describe('a WoE scorecard champion (fixtures/woe-scorecard), against the hand computation', () => {
  let runtime: ModelRuntime;
  let scores: BinaryScore[];

  beforeAll(async () => {
    runtime = await ModelRuntime.load(FIXTURE);
    scores = (await runtime.scoreBatch(records)).map(binary);
  });
  afterAll(() => runtime.dispose());

  it('serves the directory with no model.onnx: points per characteristic add up to the score', () => {
    expect(runtime.card.algorithm).toMatchObject({ name: 'woe_scorecard', file: 'scorecard.json' });
    scores.forEach((score, i) => {
      const expected = CASES[names[i]!]!;
      const points = Object.fromEntries(score.scorecard!.lines.map((l) => [l.feature, l.points]));
      expect(points).toEqual(expected.points);
      expect(score.scorecard!.score).toBe(expected.score);
    });
  });

  it('gives the raw PD of the score on the card scale, and the margin it came from', () => {
    scores.forEach((score, i) => {
      const { score: points, raw } = CASES[names[i]!]!;
      expect(Math.abs(score.rawProbability - raw)).toBeLessThan(1e-12);
      expect(Math.abs(score.margin - (OFFSET - points) / FACTOR)).toBeLessThan(1e-12);
    });
  });

  it('serves the calibrated PD (isotonic, clamped outside the knots) and decides on it at the threshold', () => {
    scores.forEach((score, i) => {
      const { calibrated } = CASES[names[i]!]!;
      expect(Math.abs(score.probability - calibrated)).toBeLessThan(1e-12);
      expect(score.decision).toBe(calibrated >= 0.1);
    });
    expect(scores.map((s) => s.probability)).toEqual(expect.arrayContaining([0.002, 0.25]));
  });

  it('explains by points lost against the best bin: largest first, ties by feature name', () => {
    names.forEach((name) => {
      const { record, lost } = CASES[name]!;
      const explained = runtime.explain(record, { top: 5 }).filter((e) => e.pointsLost! > 0);
      expect(explained.map((e) => [e.feature, e.pointsLost])).toEqual(lost);
      // In log-odds, as TreeSHAP reasons are: points lost over the factor.
      for (const e of explained) expect(Math.abs(e.contribution - e.pointsLost! / FACTOR)).toBeLessThan(1e-12);
    });
    expect(runtime.explain(CASES.many!.record)).toHaveLength(4);
    expect(runtime.explain(CASES.many!.record)[0]).toEqual({
      feature: 'amount', value: 9000, bin: '[5000, +inf)', points: 80, pointsLost: 80, contribution: 80 / FACTOR,
      reason: { code: 'HIGH_AMOUNT', text: 'Amount of credit requested is high' },
    });
  });

  it('gives at most four adverse-action reasons, from missingReasons for a missing value', () => {
    names.forEach((name) => {
      const { record, reasons } = CASES[name]!;
      expect(adverseActionReasons(runtime.explain(record, { top: runtime.features.length })).map((r) => r.code)).toEqual(reasons);
    });
    expect(adverseActionReasons(runtime.explain(CASES.many!.record, { top: 6 }))[3]).toEqual({ code: 'HOUSING_UNKNOWN', text: 'Housing status not given' });
  });

  it('refuses a record with a missing or mistyped feature (scorecard or not), never a default', async () => {
    const { telephone: _, ...withoutTelephone } = CASES.best!.record;
    await expect(runtime.score(withoutTelephone)).rejects.toThrow(new FeatureValidationError([{ feature: 'telephone', problem: 'missing', message: 'is missing from the record' }]));
    await expect(runtime.scoreBatch([CASES.best!.record, { ...CASES.best!.record, purpose: 3, amount: null }])).rejects.toMatchObject({
      row: 1,
      problems: [
        { feature: 'purpose', problem: 'wrong-type' },
        { feature: 'amount', problem: 'null-not-allowed' },
      ],
    });
    expect(() => runtime.explain({ ...CASES.best!.record, duration: '6' })).toThrow(FeatureValidationError);
  });
});

describe('scorecard reasons', () => {
  it('give each code once, so two characteristics sharing a text leave room for the next', async () => {
    // duration and amount both say LOAN_TERMS: "many" lost amount 80, duration 60, late_payments 30,
    // own_home 30, purpose 20, so the reasons are LOAN_TERMS, DELINQUENCY, HOUSING_UNKNOWN, FEATURE_PURPOSE.
    const dir = variant((card) => {
      const reasons = card.reasons as Record<string, unknown>;
      reasons.duration = reasons.amount = { code: 'LOAN_TERMS', text: 'Amount or term of the loan requested' };
    });
    const runtime = await ModelRuntime.load(dir);
    expect(adverseActionReasons(runtime.explain(CASES.many!.record, { top: 6 })).map((r) => r.code)).toEqual(['LOAN_TERMS', 'DELINQUENCY', 'HOUSING_UNKNOWN', 'FEATURE_PURPOSE']);
    await runtime.dispose();
  });
});

describe('calibration', () => {
  const calibrated = async (calibration: unknown): Promise<BinaryScore[]> => {
    const runtime = await ModelRuntime.load(variant((card) => (card.calibration = calibration)));
    try {
      return (await runtime.scoreBatch(records)).map(binary);
    } finally {
      await runtime.dispose();
    }
  };

  it('Platt: p = 1 / (1 + exp(-(a * margin + b))) on the raw log-odds', async () => {
    // a = 0.5, b = ln 2: the served odds are 2 * sqrt(raw odds). "best": raw odds 1/6400 -> 2/80 = 1/40,
    // p = 1/41. "edges": raw odds 8/50 = 0.16 -> 2 * 0.4 = 0.8, p = 0.8 / 1.8 = 4/9.
    const scores = await calibrated({ method: 'platt', platt: { a: 0.5, b: Math.LN2 } });
    const by = Object.fromEntries(names.map((n, i) => [n, scores[i]!]));
    expect(Math.abs(by.best!.probability - 1 / 41)).toBeLessThan(1e-12);
    expect(Math.abs(by.edges!.probability - 4 / 9)).toBeLessThan(1e-12);
    // The raw PD and the margin are untouched.
    expect(Math.abs(by.edges!.rawProbability - 4 / 29)).toBeLessThan(1e-12);
    expect(Math.abs(by.edges!.margin - Math.log(8 / 50))).toBeLessThan(1e-12);
  });

  it('none (or no calibration at all): the served probability is the raw one', async () => {
    for (const scores of [await calibrated({ method: 'none' }), await calibrated(undefined)]) {
      scores.forEach((s) => expect(s.probability).toBe(s.rawProbability));
    }
  });

  it('isotonic interpolates linearly between knots and clamps outside them', () => {
    const x = [0.1, 0.2, 0.4];
    const y = [0.05, 0.15, 0.35];
    expect(interpolate(x, y, 0)).toBe(0.05);
    expect(interpolate(x, y, 0.1)).toBe(0.05);
    expect(interpolate(x, y, 0.15)).toBeCloseTo(0.1, 15);
    expect(interpolate(x, y, 0.2)).toBe(0.15);
    // 0.3 is halfway from 0.2 to 0.4: halfway from 0.15 to 0.35.
    expect(interpolate(x, y, 0.3)).toBeCloseTo(0.25, 15);
    expect(interpolate(x, y, 0.4)).toBe(0.35);
    expect(interpolate(x, y, 0.9)).toBe(0.35);
    // One knot: a constant.
    expect(interpolate([0.3], [0.2], 0.01)).toBe(0.2);
    expect(interpolate([0.3], [0.2], 0.99)).toBe(0.2);
  });
});

// --- strict validation -----------------------------------------------------------------------------
interface ScorecardJson {
  scaling: Record<string, number>;
  intercept: number;
  characteristics: { feature: string; type: string; coefficient: number; monotone: string; bins: Record<string, unknown>[] }[];
  [key: string]: unknown;
}
const SCORECARD = readFixture('scorecard.json') as unknown as ScorecardJson;
const CARD = validateModelCard(readFixture('card.json'));
const refused = (patch: (s: ScorecardJson) => void) => () => {
  const copy = structuredClone(SCORECARD);
  patch(copy);
  validateScorecard(copy, CARD.features, 'x/scorecard.json');
};
const bins = (s: ScorecardJson, feature: string) => s.characteristics.find((c) => c.feature === feature)!.bins;

describe('validateScorecard', () => {
  it('accepts the fixture, and points off the formula by rounding noise', () => {
    expect(validateScorecard(SCORECARD, CARD.features).characteristics).toHaveLength(5);
    expect(refused((s) => (bins(s, 'amount')[0]!.points = 160 + 1e-11))).not.toThrow();
  });

  it('refuses points that do not follow from WoE, coefficient, intercept and scaling (to 1e-9)', () => {
    expect(refused((s) => (bins(s, 'amount')[0]!.points = 160.000001))).toThrow(
      /^Invalid scorecard x\/scorecard\.json: characteristics\[3\]\.bins\[0\]\.points is 160\.000001 but -factor \* coefficient \* woe \+ \(offset - factor \* intercept\) \/ n gives 160$/,
    );
    // Rounded points (as a card shows people) are not the served points.
    expect(refused((s) => (bins(s, 'duration')[0]!.points = 161))).toThrow(/bins\[0\]\.points is 161/);
    // The intercept moves every bin's share.
    expect(refused((s) => (s.intercept = -3.9))).toThrow(/characteristics\[0\]\.bins\[0\]\.points/);
    expect(refused((s) => (s.characteristics[0]!.coefficient = -1.01))).toThrow(/characteristics\[0\]\.bins\[0\]\.points/);
  });

  it('refuses a scaling whose factor or offset do not follow from base score, odds and PDO', () => {
    expect(refused((s) => (s.scaling.factor = 28.85))).toThrow(/scaling\.factor is 28\.85 but pdo \/ ln 2 gives 28\.8539/);
    expect(refused((s) => (s.scaling.offset = 487.12))).toThrow(/scaling\.offset is 487\.12 but baseScore - factor \* ln\(baseOdds\) gives 487\.1228/);
    expect(refused((s) => (s.schema = 'credence.scorecard/2'))).toThrow(/schema must be "credence\.scorecard\/1"/);
  });

  it('refuses WoE that does not follow from the counts, and follows the Laplace rule for a bin without events', () => {
    expect(refused((s) => (bins(s, 'duration')[0]!.woe = 1.39))).toThrow(/bins\[0\]\.woe is 1\.39 but ln\(non-event share \/ event share\) gives 1\.386294/);
    // amount: [-inf,5000) 640 rows, none bad; [5000,+inf) 360 rows, all 200 bad. Laplace adds 0.5 to both
    // counts of the first: WoE = ln((640.5 / 800) / (0.5 / 200)) = ln 320.25; the second ln((160 / 800) / (200 / 200)) = ln 0.2.
    const laplace = (woe: number) => (s: ScorecardJson) => {
      const [low, high] = bins(s, 'amount');
      Object.assign(low!, { count: 640, events: 0, eventRate: 0, woe, points: FACTOR * woe + 120 });
      Object.assign(high!, { count: 360, events: 200, eventRate: 0.555556, woe: Math.log(0.2), points: FACTOR * Math.log(0.2) + 120 });
    };
    expect(refused(laplace(Math.log(320.25)))).not.toThrow();
    expect(refused(laplace(Math.log(640 / 800 / (0.001 / 200))))).toThrow(/bins\[0\]\.woe/);
    expect(refused((s) => (bins(s, 'duration')[4]!.woe = 0.1))).toThrow(/bins\[4\]\.woe is 0\.1 but an empty bin \(neutral\) gives 0/);
  });

  it('refuses numeric bins that are not contiguous and ordered from -inf to +inf', () => {
    expect(refused((s) => (bins(s, 'duration')[1]!.lower = 13))).toThrow(/characteristics\[0\]\.bins\[1\]\.lower is 13 but the previous bin ends at 12: bins must be contiguous and ordered/);
    expect(refused((s) => (bins(s, 'duration')[0]!.lower = 0))).toThrow(/bins\[0\]\.lower must be null \(-inf\)/);
    expect(refused((s) => (bins(s, 'duration')[3]!.upper = 100))).toThrow(/bins\[3\]\.upper must be null \(\+inf\)/);
    expect(refused((s) => Object.assign(bins(s, 'duration')[1]!, { lower: 24, upper: 12 }))).toThrow(/bins\[1\] is empty or reversed: \[24, 12\)/);
    expect(refused((s) => (bins(s, 'duration')[1]!.upper = 'x'))).toThrow(/bins\[1\]\.upper must be a finite number/);
  });

  it('refuses a missing bin that is absent, not last, or doubled', () => {
    expect(refused((s) => bins(s, 'duration').pop())).toThrow(/characteristics\[0\]\.bins\[3\] must be the missing bin \("missing": true\): it is always last/);
    expect(refused((s) => bins(s, 'duration').unshift(bins(s, 'duration').pop()!))).toThrow(/bins\[0\] is a missing bin before the last: there is one, and it is last/);
    expect(refused((s) => (bins(s, 'duration')[4]!.missing = false))).toThrow(/bins\[4\]\.missing must be true when present/);
  });

  it('refuses categorical bins without __other__, or that lose, invent or repeat a category', () => {
    expect(refused((s) => (bins(s, 'purpose')[1]!.categories = ['business']))).toThrow(/characteristics\[1\]\.bins must place "__other__" in a bin/);
    expect(refused((s) => (bins(s, 'purpose')[0]!.categories = ['car']))).toThrow(/bins place no bin for "furniture", which card\.json encodes/);
    expect(refused((s) => (bins(s, 'purpose')[2]!.categories = ['education', 'boat']))).toThrow(/bins\[2\]\.categories holds "boat", which card\.json does not list/);
    expect(refused((s) => (bins(s, 'purpose')[2]!.categories = ['education', 'car']))).toThrow(/bins\[2\]\.categories holds "car", already in bins\[0\]/);
    expect(refused((s) => (bins(s, 'purpose')[0]!.upper = 1))).toThrow(/bins\[0\] of a categorical characteristic has categories, not lower\/upper/);
  });

  it('refuses characteristics the card does not type the same way, or bins over other rows', () => {
    expect(refused((s) => (s.characteristics[0]!.feature = 'income'))).toThrow(/characteristics\[0\]\.feature "income" is not a feature in card\.json/);
    expect(refused((s) => (s.characteristics[1]!.feature = 'duration'))).toThrow(/characteristics\[1\]\.feature "duration" has a characteristic already/);
    expect(refused((s) => (s.characteristics[2]!.type = 'numeric'))).toThrow(/characteristics\[2\]\.type must be "boolean" as card\.json types own_home/);
    expect(refused((s) => Object.assign(bins(s, 'late_payments')[3]!, { count: 51, eventRate: 0.196078 }))).toThrow(/characteristics\[4\]\.bins count 1001 rows with 200 events, but characteristics\[0\] counts 1000 with 200/);
    expect(refused((s) => (bins(s, 'duration')[0]!.eventRate = 0.07))).toThrow(/bins\[0\]\.eventRate is 0\.07 but events \/ count gives 0\.0588/);
    expect(refused((s) => (bins(s, 'duration')[0]!.events = 341))).toThrow(/bins\[0\]\.events is more than the bin's count/);
  });

  it('refuses a declared monotone trend the event rates do not follow', () => {
    expect(refused((s) => (s.characteristics[0]!.monotone = 'descending'))).toThrow(/characteristics\[0\]\.bins\[1\]\.eventRate is 0\.111111 after 0\.058824: the characteristic is declared descending/);
    expect(refused((s) => (s.characteristics[0]!.monotone = 'up'))).toThrow(/monotone must be ascending, descending or none/);
  });

  it('is checked when the runtime loads the directory, champion or challenger, naming the file', async () => {
    const broken = (s: ScorecardJson) => (bins(s, 'amount')[1]!.points = 81);
    await expect(ModelRuntime.load(variant(() => undefined, broken))).rejects.toThrow(ScorecardError);
    await expect(ModelRuntime.load(variant(() => undefined, broken))).rejects.toThrow(/scorecard\.json: characteristics\[3\]\.bins\[1\]\.points is 81/);
  });
});

describe('card.json for scorecards, challengers and calibration', () => {
  const card = readFixture('card.json');
  const invalid = (patch: Record<string, unknown>) => () => validateModelCard({ ...card, ...patch }, 'x/card.json');

  it('requires the scorecard file of a woe_scorecard champion, and a binary task', () => {
    expect(invalid({ algorithm: { name: 'woe_scorecard' } })).toThrow(new ModelCardError('x/card.json', 'algorithm.file', 'must name the scorecard file (scorecard.json) when the champion is woe_scorecard'));
    expect(invalid({ task: 'multiclass', classes: ['a', 'b'] })).toThrow(/algorithm\.name woe_scorecard scores binary tasks only/);
  });

  it('names challengers once, never the champion, and the champion as the algorithm served', () => {
    expect(invalid({ challengers: [{ name: 'woe_scorecard', file: 'scorecard.json' }] })).toThrow(/challengers must not list the champion \(woe_scorecard\)/);
    expect(invalid({ challengers: [{ name: 'logistic_regression', file: 'a.onnx' }, { name: 'logistic_regression', file: 'b.onnx' }] })).toThrow(/challengers must not name a model twice/);
    expect(invalid({ challengers: [{ name: 'logistic_regression' }] })).toThrow(/challengers\[0\]\.file must be a non-empty string/);
    expect(invalid({ champion: { name: 'lightgbm', rule: 'r', why: 'w' } })).toThrow(/champion\.name is "lightgbm" but the card serves algorithm "woe_scorecard"/);
    expect(invalid({ candidates: [{ name: 'lightgbm' }] })).toThrow(/champion\.name "woe_scorecard" is not one of the candidates/);
  });

  it('checks the calibration the runtime applies', () => {
    expect(invalid({ calibration: { method: 'beta' } })).toThrow(/calibration\.method must be isotonic, platt or none/);
    expect(invalid({ calibration: { method: 'platt' } })).toThrow(/calibration\.platt must be an object \{ a, b \} for the platt method/);
    expect(invalid({ calibration: { method: 'platt', platt: { a: 1, b: 'x' } } })).toThrow(/calibration\.platt\.b must be a finite number/);
    expect(invalid({ calibration: { method: 'none', platt: { a: 1, b: 0 } } })).toThrow(/calibration\.platt must be absent for the none method/);
    expect(invalid({ calibration: { method: 'isotonic', isotonic: { x: [0.1, 0.1], y: [0.1, 0.2] } } })).toThrow(/calibration\.isotonic\.x must be strictly ascending/);
    expect(invalid({ calibration: { method: 'isotonic', isotonic: { x: [0.1, 0.2], y: [0.2, 0.1] } } })).toThrow(/calibration\.isotonic\.y must not decrease/);
    expect(invalid({ calibration: { method: 'isotonic', isotonic: { x: [0.1, 0.2], y: [0.2] } } })).toThrow(/calibration\.isotonic\.y must be an array of 2 numbers/);
    expect(invalid({ calibration: { method: 'isotonic', isotonic: { x: [0.1, 0.2], y: [0.2, 1.5] } } })).toThrow(/calibration\.isotonic\.y\[1\] must be a probability/);
    expect(invalid({ task: 'anomaly', algorithm: { name: 'isolation_forest' }, champion: undefined, candidates: undefined, calibration: { method: 'none' } })).toThrow(/calibration applies to binary tasks only/);
  });
});
