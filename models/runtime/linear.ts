// linear.json: a logistic model's terms per feature (the training pipeline writes it beside a
// logistic champion or baseline, models/training/credence_models/logistic.py). For a linear model
// the exact Shapley value of a feature is its term less the term's training mean, so a logistic
// champion explains itself as a tree model does: contributions in log-odds that add up, with the
// bias, to the margin the ONNX graph computed. Checked against the card at load like the rest.
import { readFile } from 'node:fs/promises';
import type { FeatureSpec } from './model-card.js';

export const LINEAR_SCHEMA = 'credence.linear/1';

/** Numeric and boolean: median-imputed, clipped to [lo, hi] (null: unbounded), standardised. */
interface NumericTerm { kind: 'numeric'; median: number; lo: number; hi: number; mean: number; std: number; coefficient: number; missingCoefficient: number; expected: number }
/** Categorical: a weight per category code, and one for a missing value. */
interface CategoricalTerm { kind: 'categorical'; weights: Float64Array; missingWeight: number; expected: number }
type Term = NumericTerm | CategoricalTerm;

export class LinearError extends Error {
  constructor(readonly file: string, readonly field: string, problem: string) {
    super(`Invalid linear model ${file}: ${field} ${problem}`);
    this.name = 'LinearError';
  }
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class LinearTerms {
  private constructor(
    readonly intercept: number,
    /** intercept + the expected terms: the margin of an average training row */
    readonly bias: number,
    private readonly terms: Term[],
  ) {}

  static async open(file: string, features: readonly FeatureSpec[]): Promise<LinearTerms> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new LinearError(file, '(file)', `could not be read as JSON: ${(error as Error).message}`);
    }
    return LinearTerms.validate(raw, features, file);
  }

  /** Checks `raw` against the card's features, in their order. */
  static validate(raw: unknown, features: readonly FeatureSpec[], file = 'linear.json'): LinearTerms {
    function fail(field: string, problem: string): never {
      throw new LinearError(file, field, problem);
    }
    const num = (v: unknown, field: string): number => (typeof v === 'number' && Number.isFinite(v) ? v : fail(field, 'must be a finite number'));
    if (!isObject(raw)) fail('(root)', 'must be an object');
    if (raw.schema !== LINEAR_SCHEMA) fail('schema', `must be "${LINEAR_SCHEMA}" (got ${JSON.stringify(raw.schema)})`);
    if (!Array.isArray(raw.features) || raw.features.length !== features.length) fail('features', `must hold one term per card feature (${features.length}), in card order`);
    const terms = (raw.features as unknown[]).map((t, i): Term => {
      const field = `features[${i}]`;
      const spec = features[i]!;
      if (!isObject(t)) fail(field, 'must be an object');
      if (t.feature !== spec.name) fail(`${field}.feature`, `must be "${spec.name}" (card.json's feature ${i}), got ${JSON.stringify(t.feature)}`);
      if (t.type !== spec.type) fail(`${field}.type`, `must be "${spec.type}" as card.json types ${spec.name}`);
      const expected = num(t.expected, `${field}.expected`);
      if (spec.type === 'categorical') {
        if (!isObject(t.weights)) fail(`${field}.weights`, 'must be an object of weights by category');
        const named = t.weights;
        const extra = Object.keys(named).filter((c) => !spec.categories.includes(c));
        if (extra.length > 0) fail(`${field}.weights`, `name categories card.json does not list: ${extra.join(', ')}`);
        const weights = Float64Array.from(spec.categories, (c) => num(named[c], `${field}.weights["${c}"]`));
        return { kind: 'categorical', weights, missingWeight: num(t.missingWeight, `${field}.missingWeight`), expected };
      }
      const bound = (v: unknown, name: string, unbounded: number): number => (v === null ? unbounded : num(v, `${field}.${name}`));
      const std = num(t.std, `${field}.std`);
      if (!(std > 0)) fail(`${field}.std`, 'must be positive');
      return {
        kind: 'numeric', median: num(t.median, `${field}.median`), lo: bound(t.lo, 'lo', Number.NEGATIVE_INFINITY), hi: bound(t.hi, 'hi', Number.POSITIVE_INFINITY),
        mean: num(t.mean, `${field}.mean`), std, coefficient: num(t.coefficient, `${field}.coefficient`), missingCoefficient: num(t.missingCoefficient, `${field}.missingCoefficient`), expected,
      };
    });
    const intercept = num(raw.intercept, 'intercept');
    const bias = num(raw.bias, 'bias');
    const implied = intercept + terms.reduce((sum, t) => sum + t.expected, 0);
    if (Math.abs(bias - implied) > 1e-9 * Math.max(1, Math.abs(implied))) fail('bias', `is ${bias} but intercept + the expected terms give ${implied}`);
    return new LinearTerms(intercept, bias, terms);
  }

  /** Each feature's term less its training mean, then the bias (LightGBM pred_contrib layout): they add up to the margin. */
  contributions(row: Float64Array): Float64Array {
    const out = new Float64Array(this.terms.length + 1);
    this.terms.forEach((t, j) => (out[j] = term(t, row[j]!) - t.expected));
    out[this.terms.length] = this.bias;
    return out;
  }
}

/** As the ONNX graph computes it: NaN imputed by the median (plus the missing coefficient), clipped, standardised. */
function term(t: Term, value: number): number {
  const missing = Number.isNaN(value);
  if (t.kind === 'categorical') return missing ? t.missingWeight : t.weights[value]!;
  const clipped = Math.min(Math.max(missing ? t.median : value, t.lo), t.hi);
  return ((clipped - t.mean) / t.std) * t.coefficient + (missing ? t.missingCoefficient : 0);
}
