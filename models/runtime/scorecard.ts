// scorecard.json, the WoE points scorecard (models/CARD.md, issue 9), checked as strictly as the
// card: a scorecard is read by people as well as served, so a file whose bins overlap, whose WoE
// does not follow from its counts, or whose points do not follow from its WoE, coefficients and
// scaling (to 1e-9) is refused at load, naming the file and the field, rather than served.
import { readFile } from 'node:fs/promises';
import { type FeatureSpec, OTHER_CATEGORY } from './model-card.js';

export const SCORECARD_SCHEMA = 'credence.scorecard/1';
/** How closely points, WoE and the scaling must follow from their definitions. */
export const SCORECARD_TOLERANCE = 1e-9;
/**
 * Event rates are written rounded to 6 places, and so are counts when training weighted its rows
 * (fairness reweighing): what is derived from them is checked to this instead.
 */
const ROUNDED_TOLERANCE = 1e-6;

/** `baseScore` points at `baseOdds`:1 good:bad; `pdo` more points double the odds; factor = pdo / ln 2, offset = baseScore - factor ln(baseOdds). */
export interface ScorecardScaling { baseScore: number; baseOdds: number; pdo: number; factor: number; offset: number }

interface BinCounts {
  label: string;
  /** training rows in the bin (a sum of weights, to 6 places, when training weighted its rows) */
  count: number;
  events: number;
  /** events / count; null for an empty bin */
  eventRate: number | null;
  woe: number;
  points: number;
}
/** [lower, upper): null is -inf / +inf. Boolean characteristics bin their 0/1 encoding this way too. */
export interface NumericBin extends BinCounts { kind: 'numeric'; lower: number | null; upper: number | null }
/** The bin holding "__other__" also takes values the training rows never showed. */
export interface CategoricalBin extends BinCounts { kind: 'categorical'; categories: string[] }
/** Always present and last: null or a missing CSV token. */
export interface MissingBin extends BinCounts { kind: 'missing' }
export type ScorecardBin = NumericBin | CategoricalBin | MissingBin;

export type Monotone = 'ascending' | 'descending' | 'none';

export interface Characteristic {
  feature: string;
  type: FeatureSpec['type'];
  coefficient: number;
  iv: number;
  monotone: Monotone;
  bins: ScorecardBin[];
}

export interface Scorecard {
  schema: typeof SCORECARD_SCHEMA;
  target: { event: string };
  scaling: ScorecardScaling;
  intercept: number;
  characteristics: Characteristic[];
}

export class ScorecardError extends Error {
  constructor(readonly file: string, readonly field: string, problem: string, options?: ErrorOptions) {
    super(`Invalid scorecard ${file}: ${field} ${problem}`, options);
    this.name = 'ScorecardError';
  }
}

export async function loadScorecard(file: string, features: readonly FeatureSpec[]): Promise<Scorecard> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ScorecardError(file, '(file)', `could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  return validateScorecard(raw, features, file);
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const near = (actual: number, expected: number, tolerance: number): boolean => Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));

/** Checks `raw` against the contract and against the card's `features` (whose encoding it scores). */
export function validateScorecard(raw: unknown, features: readonly FeatureSpec[], file = 'scorecard.json'): Scorecard {
  function fail(field: string, problem: string): never {
    throw new ScorecardError(file, field, problem);
  }
  const obj = (v: unknown, field: string): Obj => (isObject(v) ? v : fail(field, 'must be an object'));
  const str = (v: unknown, field: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(field, 'must be a non-empty string'));
  const num = (v: unknown, field: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(field, 'must be a finite number'));
  const count = (v: unknown, field: string): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fail(field, 'must be a non-negative number'));
  const consistent = (actual: number, expected: number, field: string, formula: string, tolerance = SCORECARD_TOLERANCE): void => {
    if (!near(actual, expected, tolerance)) fail(field, `is ${actual} but ${formula} gives ${expected}`);
  };

  const card = obj(raw, '(root)');
  if (card.schema !== SCORECARD_SCHEMA) fail('schema', `must be "${SCORECARD_SCHEMA}" (got ${JSON.stringify(card.schema)})`);
  const target = { event: str(obj(card.target, 'target').event, 'target.event') };

  const s = obj(card.scaling, 'scaling');
  const scaling: ScorecardScaling = { baseScore: num(s.baseScore, 'scaling.baseScore'), baseOdds: num(s.baseOdds, 'scaling.baseOdds'), pdo: num(s.pdo, 'scaling.pdo'), factor: num(s.factor, 'scaling.factor'), offset: num(s.offset, 'scaling.offset') };
  if (scaling.pdo <= 0) fail('scaling.pdo', 'must be positive (more points are safer)');
  if (scaling.baseOdds <= 0) fail('scaling.baseOdds', 'must be positive');
  consistent(scaling.factor, scaling.pdo / Math.LN2, 'scaling.factor', 'pdo / ln 2');
  consistent(scaling.offset, scaling.baseScore - scaling.factor * Math.log(scaling.baseOdds), 'scaling.offset', 'baseScore - factor * ln(baseOdds)');
  const intercept = num(card.intercept, 'intercept');

  if (!Array.isArray(card.characteristics) || card.characteristics.length === 0) fail('characteristics', 'must be a non-empty array');
  const byName = new Map(features.map((f) => [f.name, f]));
  const n = card.characteristics.length;
  // Every bin's points: its share of the score, so that the points of an applicant's bins add up to offset - factor * margin.
  const pointsFor = (coefficient: number, woe: number) => -scaling.factor * coefficient * woe + (scaling.offset - scaling.factor * intercept) / n;
  const seen = new Set<string>();
  let rows: { count: number; events: number; field: string } | undefined;

  const characteristics = (card.characteristics as unknown[]).map((c, i): Characteristic => {
    const field = `characteristics[${i}]`;
    const ch = obj(c, field);
    const feature = str(ch.feature, `${field}.feature`);
    const spec = byName.get(feature) ?? fail(`${field}.feature`, `"${feature}" is not a feature in card.json`);
    if (seen.has(feature)) fail(`${field}.feature`, `"${feature}" has a characteristic already`);
    seen.add(feature);
    if (ch.type !== spec.type) fail(`${field}.type`, `must be "${spec.type}" as card.json types ${feature} (got ${JSON.stringify(ch.type)})`);
    const coefficient = num(ch.coefficient, `${field}.coefficient`);
    const iv = num(ch.iv, `${field}.iv`);
    if (iv < 0) fail(`${field}.iv`, 'must not be negative');
    const monotone = ch.monotone;
    if (monotone !== 'ascending' && monotone !== 'descending' && monotone !== 'none') fail(`${field}.monotone`, `must be ascending, descending or none (got ${JSON.stringify(monotone)})`);

    if (!Array.isArray(ch.bins) || ch.bins.length < 2) fail(`${field}.bins`, 'must hold at least one bin of values and the missing bin');
    const rawBins = ch.bins as unknown[];
    const bins = rawBins.map((b, j): ScorecardBin => {
      const at = `${field}.bins[${j}]`;
      const bin = obj(b, at);
      const counts: BinCounts = {
        label: str(bin.label, `${at}.label`),
        count: count(bin.count, `${at}.count`),
        events: count(bin.events, `${at}.events`),
        eventRate: bin.eventRate === null ? null : num(bin.eventRate, `${at}.eventRate`),
        woe: num(bin.woe, `${at}.woe`),
        points: num(bin.points, `${at}.points`),
      };
      if (counts.events > counts.count) fail(`${at}.events`, `is more than the bin's count (${counts.count})`);
      if (counts.count === 0 ? counts.eventRate !== null : counts.eventRate === null) fail(`${at}.eventRate`, 'must be null exactly when the bin is empty');
      if (counts.eventRate !== null) consistent(counts.eventRate, counts.events / counts.count, `${at}.eventRate`, 'events / count', ROUNDED_TOLERANCE);
      const last = j === rawBins.length - 1;
      if (bin.missing !== undefined && bin.missing !== true) fail(`${at}.missing`, 'must be true when present');
      if (last !== (bin.missing === true)) fail(at, last ? 'must be the missing bin ("missing": true): it is always last' : 'is a missing bin before the last: there is one, and it is last');
      if (last) return { kind: 'missing', ...counts };
      if (spec.type === 'categorical') {
        if (bin.lower !== undefined || bin.upper !== undefined) fail(at, 'of a categorical characteristic has categories, not lower/upper');
        if (!Array.isArray(bin.categories) || bin.categories.length === 0) fail(`${at}.categories`, 'must be a non-empty array of strings');
        return { kind: 'categorical', ...counts, categories: (bin.categories as unknown[]).map((v, k) => str(v, `${at}.categories[${k}]`)) };
      }
      if (bin.categories !== undefined) fail(at, `of a ${spec.type} characteristic has lower/upper, not categories`);
      const edge = (v: unknown, name: string): number | null => (v === null ? null : num(v, `${at}.${name}`));
      return { kind: 'numeric', ...counts, lower: edge(bin.lower, 'lower'), upper: edge(bin.upper, 'upper') };
    });
    const values = bins.slice(0, -1);
    if (spec.type === 'categorical') checkCategories(values as CategoricalBin[], spec.categories, field, fail);
    else checkEdges(values as NumericBin[], field, fail);

    // Each characteristic bins the same training rows; WoE and points follow from its counts.
    const total = { count: bins.reduce((a, b) => a + b.count, 0), events: bins.reduce((a, b) => a + b.events, 0) };
    const weighted = bins.some((b) => !Number.isInteger(b.count) || !Number.isInteger(b.events));
    const countTolerance = weighted ? ROUNDED_TOLERANCE : 0;
    if (rows === undefined) rows = { ...total, field };
    else if (!near(total.count, rows.count, countTolerance) || !near(total.events, rows.events, countTolerance)) {
      fail(`${field}.bins`, `count ${total.count} rows with ${total.events} events, but ${rows.field} counts ${rows.count} with ${rows.events}: characteristics must bin the same training rows`);
    }
    const nonEvents = total.count - total.events;
    if (total.events === 0 || nonEvents === 0) fail(`${field}.bins`, 'must count both events and non-events');
    bins.forEach((bin, j) => {
      const at = `${field}.bins[${j}]`;
      const formula = bin.count === 0 ? 'an empty bin (neutral)' : 'ln(non-event share / event share)';
      consistent(bin.woe, woeOf(bin, total.events, nonEvents), `${at}.woe`, formula, weighted ? ROUNDED_TOLERANCE : SCORECARD_TOLERANCE);
      consistent(bin.points, pointsFor(coefficient, bin.woe), `${at}.points`, '-factor * coefficient * woe + (offset - factor * intercept) / n');
    });
    if (monotone !== 'none' && spec.type !== 'categorical') checkMonotone(values, monotone, field, fail);
    return { feature, type: spec.type, coefficient, iv, monotone, bins };
  });

  return { schema: SCORECARD_SCHEMA, target, scaling, intercept, characteristics };
}

/** WoE with 0.5 added to both counts of a bin that lacks events or non-events (the contract's Laplace rule); an empty bin is neutral. */
function woeOf(bin: ScorecardBin, events: number, nonEvents: number): number {
  if (bin.count === 0) return 0;
  // Counted in halves so the Laplace 0.5 stays an integer (the ratio below is unchanged by the doubling).
  let good = 2 * (bin.count - bin.events);
  let bad = 2 * bin.events;
  if (good === 0 || bad === 0) {
    good += 1;
    bad += 1;
  }
  return Math.log(good / nonEvents / (bad / events));
}

type Fail = (field: string, problem: string) => never;

/** Contiguous, ordered, covering the real line: -inf, e1, e2, ..., +inf. */
function checkEdges(bins: NumericBin[], field: string, fail: Fail): void {
  bins.forEach((bin, j) => {
    const at = `${field}.bins[${j}]`;
    if ((j === 0) !== (bin.lower === null)) fail(`${at}.lower`, j === 0 ? 'must be null (-inf): the first bin starts the line' : 'must not be null: only the first bin starts at -inf');
    if ((j === bins.length - 1) !== (bin.upper === null)) fail(`${at}.upper`, j === bins.length - 1 ? 'must be null (+inf): the last bin of values ends the line' : 'must not be null: only the last bin of values reaches +inf');
    if (bin.lower !== null && bin.upper !== null && !(bin.lower < bin.upper)) fail(at, `is empty or reversed: [${bin.lower}, ${bin.upper})`);
    if (j > 0 && bin.lower !== bins[j - 1]!.upper) fail(`${at}.lower`, `is ${bin.lower} but the previous bin ends at ${bins[j - 1]!.upper}: bins must be contiguous and ordered`);
  });
}

/** Every category the card encodes lands in exactly one bin, and "__other__" (unseen values) in one of them. */
function checkCategories(bins: CategoricalBin[], categories: readonly string[], field: string, fail: Fail): void {
  const known = new Set(categories);
  const placed = new Map<string, number>();
  bins.forEach((bin, j) => {
    for (const category of bin.categories) {
      if (!known.has(category)) fail(`${field}.bins[${j}].categories`, `holds "${category}", which card.json does not list for this feature`);
      if (placed.has(category)) fail(`${field}.bins[${j}].categories`, `holds "${category}", already in bins[${placed.get(category)}]`);
      placed.set(category, j);
    }
  });
  if (!placed.has(OTHER_CATEGORY)) fail(`${field}.bins`, `must place "${OTHER_CATEGORY}" in a bin (it takes values training never saw)`);
  const unplaced = categories.filter((c) => !placed.has(c));
  if (unplaced.length > 0) fail(`${field}.bins`, `place no bin for ${unplaced.map((c) => JSON.stringify(c)).join(', ')}, which card.json encodes`);
}

/** The declared direction of the event rate holds across the non-empty bins of values. */
function checkMonotone(bins: ScorecardBin[], monotone: 'ascending' | 'descending', field: string, fail: Fail): void {
  const rates = bins.flatMap((b, j) => (b.eventRate === null ? [] : [{ rate: b.eventRate, j }]));
  rates.forEach(({ rate, j }, k) => {
    const previous = rates[k - 1];
    if (previous === undefined) return;
    const wrong = monotone === 'ascending' ? rate < previous.rate : rate > previous.rate;
    if (wrong) fail(`${field}.bins[${j}].eventRate`, `is ${rate} after ${previous.rate}: the characteristic is declared ${monotone}`);
  });
}
