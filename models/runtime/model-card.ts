// card.json is the contract between the Python pipeline and this runtime (models/CARD.md). It is
// validated on load so a malformed artifact fails at startup with the file and field named,
// rather than as a wrong score later. Fields the runtime acts on are checked strictly; the
// descriptive sections (metrics, fairness, drift) only for shape, since their content varies by task.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CalibrationSpec } from './calibration.js';

export const MODEL_CARD_SCHEMA = 'credence.model-card/1';
export const OTHER_CATEGORY = '__other__';
/** algorithm.name, or a challenger's name, of a WoE points scorecard served from its JSON file (scorecard.ts). */
export const WOE_SCORECARD = 'woe_scorecard';

export type ModelTask = 'binary' | 'multiclass' | 'anomaly';

export interface NumericFeature { name: string; type: 'numeric'; nullable: boolean }
export interface BooleanFeature { name: string; type: 'boolean'; nullable: boolean }
export interface CategoricalFeature { name: string; type: 'categorical'; nullable: boolean; categories: string[] }
export type FeatureSpec = NumericFeature | BooleanFeature | CategoricalFeature;

export interface ReasonText { code: string; text: string }

export interface DataProvenance {
  source: string;
  sha256: string;
  rows: number;
  target?: string;
  positive?: string;
  positiveRate?: number;
  split?: { train: number; test: number; seed: number };
  dropped?: { column: string; reason: string }[];
}

/**
 * `version` is the library's (absent for scikit-learn models); `trees` names the LightGBM dump;
 * `linear` a logistic model's terms (linear.json); `file` names the served file when it is not
 * model.onnx (a woe_scorecard champion: scorecard.json).
 */
export interface AlgorithmInfo { name: string; version?: string; params: Record<string, unknown>; trees?: string; linear?: string; file?: string }

/** A model trained beside the champion and served in the shadow: `woe_scorecard` is scorecard.json, any other an ONNX file. */
export interface ChallengerInfo { name: string; file: string }

/** A model the pipeline evaluated on the same folds; the champion is chosen among them (descriptive). */
export interface CandidateInfo { name: string; complexity?: number; params?: Record<string, unknown>; cv?: CvMetrics; test?: TestMetrics; [key: string]: unknown }

export interface ReliabilityBin { from: number; to: number; count: number; meanPredicted: number; observedRate: number }
export interface CvMetrics { folds?: number; auc?: number; aucStd?: number; ks?: number; [metric: string]: unknown }
export interface TestMetrics {
  auc?: number; ks?: number; f1?: number; precision?: number; recall?: number; threshold?: number;
  confusion?: { tp: number; fp: number; tn: number; fn: number };
  brier?: number;
  reliability?: ReliabilityBin[];
  [metric: string]: unknown;
}
export interface ModelMetrics { cv?: CvMetrics; test?: TestMetrics }

export interface DriftBins { edges: number[]; expected: number[] }
export interface DriftReference { features: Record<string, DriftBins>; score?: DriftBins }

export interface ModelCard {
  schema: typeof MODEL_CARD_SCHEMA;
  name: string;
  version: string;
  task: ModelTask;
  description?: string;
  trainedAt: string;
  data: DataProvenance;
  features: FeatureSpec[];
  reasons?: Record<string, ReasonText>;
  /** the reason to give instead when the feature is missing for this record (e.g. no credit file) */
  missingReasons?: Record<string, ReasonText>;
  /** Multiclass only: the K class names in output order. */
  classes?: string[];
  algorithm: AlgorithmInfo;
  /** Binary: the probability at or above which the decision is positive. */
  threshold?: { value: number; objective: string };
  metrics: ModelMetrics;
  /** `linear`: the baseline's terms (linear.json), for its reasons */
  baseline?: { name: string; file: string; linear?: string; metrics: ModelMetrics };
  /** Binary: the shadow models trained with this one (baseline.onnx, scorecard.json). */
  challengers?: ChallengerInfo[];
  candidates?: CandidateInfo[];
  /** Which candidate won and by what rule; its name is algorithm.name. */
  champion?: { name: string; rule: string; why: string };
  /** Binary: the map from the raw probability to the served one (calibration.ts). */
  calibration?: CalibrationSpec;
  /** Described in models/README.md; the runtime passes it through untouched. */
  fairness?: unknown;
  drift?: DriftReference;
  verification?: string;
}

export class ModelCardError extends Error {
  constructor(readonly file: string, readonly field: string, problem: string, options?: ErrorOptions) {
    super(`Invalid model card ${file}: ${field} ${problem}`, options);
    this.name = 'ModelCardError';
  }
}

export async function loadModelCard(dir: string): Promise<ModelCard> {
  const file = join(dir, 'card.json');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ModelCardError(file, '(file)', `could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  return validateModelCard(raw, file);
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks `raw` against CARD.md; `file` is only used to name the source in errors. */
export function validateModelCard(raw: unknown, file = 'card.json'): ModelCard {
  // A declaration (not an arrow) so TypeScript narrows after `if (...) fail(...)`.
  function fail(field: string, problem: string): never {
    throw new ModelCardError(file, field, problem);
  }
  const obj = (v: unknown, field: string): Obj => (isObject(v) ? v : fail(field, 'must be an object'));
  const str = (v: unknown, field: string): string => (typeof v === 'string' && v.length > 0 ? v : fail(field, 'must be a non-empty string'));
  const num = (v: unknown, field: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(field, 'must be a finite number'));
  const bool = (v: unknown, field: string): boolean => (typeof v === 'boolean' ? v : fail(field, 'must be true or false'));
  const strings = (v: unknown, field: string): string[] => {
    if (!Array.isArray(v) || v.length === 0) return fail(field, 'must be a non-empty array of strings');
    const out = v.map((item, i) => str(item, `${field}[${i}]`));
    if (new Set(out).size !== out.length) fail(field, 'must not repeat a value');
    return out;
  };
  const numbers = (v: unknown, field: string): number[] =>
    Array.isArray(v) ? v.map((item, i) => num(item, `${field}[${i}]`)) : fail(field, 'must be an array of numbers');

  const card = obj(raw, '(root)');
  if (card.schema !== MODEL_CARD_SCHEMA) fail('schema', `must be "${MODEL_CARD_SCHEMA}" (got ${JSON.stringify(card.schema)})`);
  const task = card.task;
  if (task !== 'binary' && task !== 'multiclass' && task !== 'anomaly') fail('task', `must be binary, multiclass or anomaly (got ${JSON.stringify(task)})`);

  if (!Array.isArray(card.features) || card.features.length === 0) fail('features', 'must be a non-empty array');
  const features = (card.features as unknown[]).map((f, i): FeatureSpec => {
    const field = `features[${i}]`;
    const spec = obj(f, field);
    const name = str(spec.name, `${field}.name`);
    const nullable = bool(spec.nullable, `${field}.nullable`);
    if (spec.type === 'numeric' || spec.type === 'boolean') return { name, type: spec.type, nullable };
    if (spec.type !== 'categorical') return fail(`${field}.type`, `must be numeric, boolean or categorical (got ${JSON.stringify(spec.type)})`);
    const categories = strings(spec.categories, `${field}.categories`);
    if (categories.at(-1) !== OTHER_CATEGORY) fail(`${field}.categories`, `must end with "${OTHER_CATEGORY}"`);
    return { name, type: 'categorical', nullable, categories };
  });
  const names = new Set(features.map((f) => f.name));
  if (names.size !== features.length) fail('features', 'must not name a feature twice');

  const reasonTable = (raw: unknown, key: 'reasons' | 'missingReasons'): Record<string, ReasonText> | undefined => {
    if (raw === undefined) return undefined;
    const table: Record<string, ReasonText> = {};
    for (const [feature, reason] of Object.entries(obj(raw, key))) {
      if (!names.has(feature)) fail(`${key}["${feature}"]`, 'names no feature of this model');
      const r = obj(reason, `${key}["${feature}"]`);
      table[feature] = { code: str(r.code, `${key}["${feature}"].code`), text: str(r.text, `${key}["${feature}"].text`) };
    }
    return table;
  };
  const reasons = reasonTable(card.reasons, 'reasons');
  const missingReasons = reasonTable(card.missingReasons, 'missingReasons');

  let classes: string[] | undefined;
  if (task === 'multiclass') {
    classes = strings(card.classes, 'classes');
    if (classes.length < 2) fail('classes', 'must name at least two classes');
  }

  let threshold: ModelCard['threshold'];
  if (card.threshold !== undefined || task === 'binary') {
    const t = obj(card.threshold, 'threshold');
    const value = num(t.value, 'threshold.value');
    if (value < 0 || value > 1) fail('threshold.value', 'must be a probability in [0, 1]');
    threshold = { value, objective: str(t.objective, 'threshold.objective') };
  }

  const algorithm = obj(card.algorithm, 'algorithm');
  const data = obj(card.data, 'data');
  if (typeof data.sha256 !== 'string' || !/^(?:[0-9a-f]{64})?$/i.test(data.sha256)) fail('data.sha256', 'must be 64 hex digits (or empty)');
  if (!Number.isInteger(data.rows) || (data.rows as number) < 0) fail('data.rows', 'must be a non-negative integer');

  const optionalString = (v: unknown, field: string): string | undefined => (v === undefined ? undefined : str(v, field));
  if (card.baseline !== undefined) {
    const b = obj(card.baseline, 'baseline');
    str(b.name, 'baseline.name');
    str(b.file, 'baseline.file');
    optionalString(b.linear, 'baseline.linear');
  }
  if (card.drift !== undefined) {
    const drift = obj(card.drift, 'drift');
    const bins = (v: unknown, field: string): DriftBins => {
      const b = obj(v, field);
      const edges = numbers(b.edges, `${field}.edges`);
      const expected = numbers(b.expected, `${field}.expected`);
      if (edges.some((e, i) => i > 0 && e <= edges[i - 1]!)) fail(`${field}.edges`, 'must be strictly ascending');
      // edges.length + 1 bins, then the share of missing values.
      if (expected.length !== edges.length + 2) fail(`${field}.expected`, `must have ${edges.length + 2} shares (one per bin, then missing)`);
      return { edges, expected };
    };
    for (const [feature, b] of Object.entries(obj(drift.features, 'drift.features'))) {
      if (!names.has(feature)) fail(`drift.features["${feature}"]`, 'names no feature of this model');
      bins(b, `drift.features["${feature}"]`);
    }
    if (drift.score !== undefined) bins(drift.score, 'drift.score');
  }

  const algorithmName = str(algorithm.name, 'algorithm.name');
  const algorithmFile = optionalString(algorithm.file, 'algorithm.file');
  if (algorithmName === WOE_SCORECARD) {
    if (task !== 'binary') fail('algorithm.name', `${WOE_SCORECARD} scores binary tasks only`);
    if (algorithmFile === undefined) fail('algorithm.file', `must name the scorecard file (scorecard.json) when the champion is ${WOE_SCORECARD}`);
    if (algorithm.trees !== undefined) fail('algorithm.trees', `must be absent: a ${WOE_SCORECARD} champion has no trees`);
  }

  let challengers: ChallengerInfo[] | undefined;
  if (card.challengers !== undefined) {
    if (task !== 'binary') fail('challengers', 'are served for binary tasks only');
    if (!Array.isArray(card.challengers)) fail('challengers', 'must be an array');
    challengers = (card.challengers as unknown[]).map((c, i) => {
      const entry = obj(c, `challengers[${i}]`);
      return { name: str(entry.name, `challengers[${i}].name`), file: str(entry.file, `challengers[${i}].file`) };
    });
    const named = challengers.map((c) => c.name);
    if (new Set(named).size !== named.length) fail('challengers', 'must not name a model twice');
    if (named.includes(algorithmName)) fail('challengers', `must not list the champion (${algorithmName})`);
  }

  let champion: ModelCard['champion'];
  if (card.champion !== undefined) {
    const c = obj(card.champion, 'champion');
    champion = { ...c, name: str(c.name, 'champion.name'), rule: str(c.rule, 'champion.rule'), why: str(c.why, 'champion.why') };
    if (champion.name !== algorithmName) fail('champion.name', `is "${champion.name}" but the card serves algorithm "${algorithmName}"`);
  }
  let candidates: CandidateInfo[] | undefined;
  if (card.candidates !== undefined) {
    if (!Array.isArray(card.candidates)) fail('candidates', 'must be an array');
    candidates = (card.candidates as unknown[]).map((c, i) => {
      const entry = obj(c, `candidates[${i}]`);
      return { ...entry, name: str(entry.name, `candidates[${i}].name`) };
    });
    if (champion !== undefined && !candidates.some((c) => c.name === champion.name)) fail('champion.name', `"${champion.name}" is not one of the candidates`);
  }

  const calibration = card.calibration === undefined ? undefined : validateCalibration(card.calibration, task, fail);

  // The remaining sections are typed per CARD.md and carried as written.
  const result = {
    ...card,
    schema: MODEL_CARD_SCHEMA,
    name: str(card.name, 'name'),
    version: str(card.version, 'version'),
    task,
    description: card.description === undefined || typeof card.description === 'string' ? card.description : fail('description', 'must be a string'),
    trainedAt: str(card.trainedAt, 'trainedAt'),
    data: { ...data, source: str(data.source, 'data.source') },
    features,
    reasons,
    missingReasons,
    classes,
    algorithm: {
      ...algorithm,
      name: algorithmName,
      version: optionalString(algorithm.version, 'algorithm.version'),
      params: algorithm.params === undefined ? {} : obj(algorithm.params, 'algorithm.params'),
      trees: optionalString(algorithm.trees, 'algorithm.trees'),
      linear: optionalString(algorithm.linear, 'algorithm.linear'),
      file: algorithmFile,
    },
    threshold,
    challengers,
    candidates,
    champion,
    calibration,
    metrics: obj(card.metrics, 'metrics'),
    verification: optionalString(card.verification, 'verification'),
  };
  return result as unknown as ModelCard;
}

/** The fields the runtime computes with are checked strictly; ece and reliability only for shape. */
function validateCalibration(raw: unknown, task: ModelTask, fail: (field: string, problem: string) => never): CalibrationSpec {
  if (task !== 'binary') fail('calibration', 'applies to binary tasks only');
  if (!isObject(raw)) fail('calibration', 'must be an object');
  const { method } = raw;
  if (method !== 'isotonic' && method !== 'platt' && method !== 'none') fail('calibration.method', `must be isotonic, platt or none (got ${JSON.stringify(method)})`);
  const finite = (v: unknown, field: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(field, 'must be a finite number'));
  const spec: CalibrationSpec = { ...raw, method };
  if (raw.fittedOn !== undefined && typeof raw.fittedOn !== 'string') fail('calibration.fittedOn', 'must be a string');
  if (method === 'platt') {
    if (!isObject(raw.platt)) fail('calibration.platt', 'must be an object { a, b } for the platt method');
    spec.platt = { a: finite(raw.platt.a, 'calibration.platt.a'), b: finite(raw.platt.b, 'calibration.platt.b') };
  } else if (raw.platt !== undefined) fail('calibration.platt', `must be absent for the ${method} method`);
  if (method === 'isotonic') {
    if (!isObject(raw.isotonic)) fail('calibration.isotonic', 'must be an object { x, y } for the isotonic method');
    const { x, y } = raw.isotonic;
    if (!Array.isArray(x) || x.length === 0) fail('calibration.isotonic.x', 'must be a non-empty array of numbers');
    if (!Array.isArray(y) || y.length !== x.length) fail('calibration.isotonic.y', `must be an array of ${x.length} numbers, one per knot`);
    const xs = x.map((v, i) => finite(v, `calibration.isotonic.x[${i}]`));
    const ys = y.map((v, i) => finite(v, `calibration.isotonic.y[${i}]`));
    xs.forEach((v, i) => {
      if (v < 0 || v > 1) fail(`calibration.isotonic.x[${i}]`, 'must be a probability in [0, 1]');
      if (i > 0 && !(v > xs[i - 1]!)) fail('calibration.isotonic.x', 'must be strictly ascending');
    });
    ys.forEach((v, i) => {
      if (v < 0 || v > 1) fail(`calibration.isotonic.y[${i}]`, 'must be a probability in [0, 1]');
      // Isotonic: a riskier raw score never maps to a safer served one.
      if (i > 0 && v < ys[i - 1]!) fail('calibration.isotonic.y', 'must not decrease');
    });
    spec.isotonic = { x: xs, y: ys };
  } else if (raw.isotonic !== undefined) fail('calibration.isotonic', `must be absent for the ${method} method`);
  if (raw.ece !== undefined) {
    if (!isObject(raw.ece)) fail('calibration.ece', 'must be an object { before, after }');
    spec.ece = { ...raw.ece, before: finite(raw.ece.before, 'calibration.ece.before'), after: finite(raw.ece.after, 'calibration.ece.after') };
  }
  if (raw.reliability !== undefined) {
    if (!isObject(raw.reliability) || !Array.isArray(raw.reliability.before) || !Array.isArray(raw.reliability.after)) fail('calibration.reliability', 'must be an object { before: [...], after: [...] }');
  }
  return spec;
}
