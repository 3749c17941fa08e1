// Turns a record into the model's feature vector exactly as models/CARD.md specifies. Every way a
// record can be wrong is reported (all of them at once, per feature) instead of being encoded as
// 0 or NaN: a silently defaulted feature is a wrong credit decision nobody can see.
import { type FeatureSpec, OTHER_CATEGORY } from './model-card.js';

export type FeatureProblemKind = 'missing' | 'wrong-type' | 'null-not-allowed' | 'not-finite';

export interface FeatureProblem {
  feature: string;
  problem: FeatureProblemKind;
  /** Human-readable detail, e.g. `expected a number, got "12abc"`. */
  message: string;
}

export class FeatureValidationError extends Error {
  constructor(
    readonly problems: readonly FeatureProblem[],
    /** Index of the record within a batch, when the record came from one. */
    readonly row?: number,
  ) {
    const where = row === undefined ? 'record' : `record ${row}`;
    super(`Invalid ${where}: ${problems.map((p) => `${p.feature}: ${p.message}`).join('; ')}`);
    this.name = 'FeatureValidationError';
  }
}

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
};

export class FeatureEncoder {
  readonly width: number;
  private readonly codes: ReadonlyMap<string, ReadonlyMap<string, number>>;

  constructor(readonly features: readonly FeatureSpec[]) {
    this.width = features.length;
    this.codes = new Map(
      features.flatMap((f) => (f.type === 'categorical' ? [[f.name, new Map(f.categories.map((c, i) => [c, i]))] as const] : [])),
    );
  }

  /** Encodes one record; extra keys are ignored. Throws FeatureValidationError listing every problem. */
  encode(record: Readonly<Record<string, unknown>>): Float64Array {
    const out = new Float64Array(this.width);
    this.encodeInto(record, out, 0);
    return out;
  }

  /** Encodes records row-major into one [N, F] buffer (one ONNX run per batch). */
  encodeBatch(records: readonly Readonly<Record<string, unknown>>[]): Float64Array {
    const out = new Float64Array(records.length * this.width);
    records.forEach((record, row) => {
      try {
        this.encodeInto(record, out, row * this.width);
      } catch (error) {
        if (error instanceof FeatureValidationError) throw new FeatureValidationError(error.problems, row);
        throw error;
      }
    });
    return out;
  }

  private encodeInto(record: Readonly<Record<string, unknown>>, out: Float64Array, offset: number): void {
    const problems: FeatureProblem[] = [];
    this.features.forEach((feature, i) => {
      const encoded = this.encodeValue(feature, record);
      if (typeof encoded === 'number') out[offset + i] = encoded;
      else problems.push(encoded);
    });
    if (problems.length > 0) throw new FeatureValidationError(problems);
  }

  private encodeValue(feature: FeatureSpec, record: Readonly<Record<string, unknown>>): number | FeatureProblem {
    const problem = (kind: FeatureProblemKind, message: string): FeatureProblem => ({ feature: feature.name, problem: kind, message });
    // Own properties only: a record must not pick up a feature from Object.prototype.
    const value = Object.hasOwn(record, feature.name) ? record[feature.name] : undefined;
    if (value === undefined) return problem('missing', 'is missing from the record');
    if (value === null) return feature.nullable ? Number.NaN : problem('null-not-allowed', 'is null but the model requires a value');
    switch (feature.type) {
      case 'numeric':
        if (typeof value !== 'number') return problem('wrong-type', `expected a number, got ${show(value)}`);
        return Number.isFinite(value) ? value : problem('not-finite', `expected a finite number, got ${show(value)}`);
      case 'boolean':
        return typeof value === 'boolean' ? Number(value) : problem('wrong-type', `expected true or false, got ${show(value)}`);
      case 'categorical': {
        if (typeof value !== 'string') return problem('wrong-type', `expected a string, got ${show(value)}`);
        const codes = this.codes.get(feature.name)!;
        // Unseen values share the "__other__" code, which the card guarantees is the last category.
        return codes.get(value) ?? codes.get(OTHER_CATEGORY)!;
      }
    }
  }
}

const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_TEXT = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_TEXT = new Set(['false', '0', 'no', 'n', 'f']);
/** The training pipeline's missing-value tokens (models/training/credence_models/table.py), compared lower-cased. */
const MISSING_TEXT = new Set(['', 'na', 'n/a', 'nan', 'null', '?', '#n/a']);

/**
 * Parses one CSV cell into the value a record would carry (CARD.md "CSV text"): an empty cell or a
 * missing token is null. Text that does not parse is returned unchanged, so the encoder reports it as the wrong type
 * with the offending text quoted, rather than this function inventing a value.
 */
export function parseCsvCell(feature: FeatureSpec, text: string): unknown {
  const trimmed = text.trim();
  if (MISSING_TEXT.has(trimmed.toLowerCase())) return null;
  switch (feature.type) {
    case 'numeric': {
      const cleaned = trimmed.replace(/[,_]/g, '').replace(/%$/, '').trim();
      // Number() alone would accept "0x1f", "Infinity" and "" — none of them a number as written.
      return NUMBER_TEXT.test(cleaned) ? Number(cleaned) : text;
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (TRUE_TEXT.has(lower)) return true;
      return FALSE_TEXT.has(lower) ? false : text;
    }
    case 'categorical':
      // Training trimmed every cell before learning the categories, so scoring must too.
      return trimmed;
  }
}
