import { describe, expect, it } from '@jest/globals';
import { FeatureEncoder, type FeatureProblem, FeatureValidationError, parseCsvCell } from './feature-encoder.js';
import type { FeatureSpec } from './model-card.js';

const FEATURES: FeatureSpec[] = [
  { name: 'income', type: 'numeric', nullable: true },
  { name: 'loan_to_income', type: 'numeric', nullable: false },
  { name: 'purpose', type: 'categorical', nullable: false, categories: ['car', 'tv', '__other__'] },
  { name: 'channel', type: 'categorical', nullable: true, categories: ['web', '__other__'] },
  { name: 'income_verified', type: 'boolean', nullable: false },
];
const encoder = new FeatureEncoder(FEATURES);
const valid = { income: 1200, loan_to_income: 0.4, purpose: 'tv', channel: 'web', income_verified: true };

function problems(record: Record<string, unknown>): FeatureProblem['problem'][] {
  try {
    encoder.encode(record);
  } catch (error) {
    if (error instanceof FeatureValidationError) return error.problems.map((p) => p.problem);
    throw error;
  }
  throw new Error('expected a FeatureValidationError');
}
const problemFor = (feature: string, value: unknown) => {
  try {
    encoder.encode({ ...valid, [feature]: value });
  } catch (error) {
    if (error instanceof FeatureValidationError) return error.problems;
    throw error;
  }
  return [];
};

describe('FeatureEncoder', () => {
  it('encodes in card order: numbers as given, categories by index, booleans as 1/0', () => {
    expect(Array.from(encoder.encode(valid))).toEqual([1200, 0.4, 1, 0, 1]);
  });

  it('encodes an unseen category as __other__ (the last code) and null as NaN where nullable', () => {
    expect(Array.from(encoder.encode({ ...valid, purpose: 'boat', income: null, channel: null, income_verified: false }))).toEqual([Number.NaN, 0.4, 2, Number.NaN, 0]);
  });

  it('ignores features the model does not use', () => {
    expect(Array.from(encoder.encode({ ...valid, id: 'x-1', notes: { a: 1 } }))).toEqual([1200, 0.4, 1, 0, 1]);
  });

  it('reports a missing feature, never encodes it as 0', () => {
    const { income: _income, ...withoutIncome } = valid;
    expect(problems(withoutIncome)).toEqual(['missing']);
    expect(problems({ ...valid, income: undefined })).toEqual(['missing']);
  });

  it('does not read features from the prototype chain', () => {
    expect(problems(Object.assign(Object.create({ income: 5 }) as object, { ...valid, income: undefined }))).toEqual(['missing']);
  });

  it('reports the wrong type per feature type', () => {
    expect(problemFor('loan_to_income', '0.4')).toEqual([{ feature: 'loan_to_income', problem: 'wrong-type', message: 'expected a number, got "0.4"' }]);
    expect(problemFor('purpose', 3)[0]!.problem).toBe('wrong-type');
    expect(problemFor('income_verified', 1)[0]!.problem).toBe('wrong-type');
    expect(problemFor('income_verified', 'true')[0]!.problem).toBe('wrong-type');
    expect(problemFor('income', 10n)[0]!.problem).toBe('wrong-type');
  });

  it('reports null where the model requires a value', () => {
    expect(problemFor('loan_to_income', null)).toEqual([{ feature: 'loan_to_income', problem: 'null-not-allowed', message: 'is null but the model requires a value' }]);
    expect(problemFor('purpose', null)[0]!.problem).toBe('null-not-allowed');
    expect(problemFor('income_verified', null)[0]!.problem).toBe('null-not-allowed');
  });

  it('reports NaN and infinities as not finite, even for nullable features (missing is null)', () => {
    for (const value of [Number.NaN, Infinity, -Infinity]) expect(problemFor('income', value)[0]!.problem).toBe('not-finite');
  });

  it('lists every problem of a record at once, in card order', () => {
    const error = (() => {
      try {
        encoder.encode({ income: 'lots', purpose: null, income_verified: 'yes' });
      } catch (e) {
        return e as FeatureValidationError;
      }
      throw new Error('expected a FeatureValidationError');
    })();
    expect(error.problems.map((p) => [p.feature, p.problem])).toEqual([
      ['income', 'wrong-type'], ['loan_to_income', 'missing'], ['purpose', 'null-not-allowed'], ['channel', 'missing'], ['income_verified', 'wrong-type'],
    ]);
    expect(error.message).toContain('loan_to_income: is missing from the record');
  });

  it('encodes a batch row-major and names the failing row', () => {
    expect(Array.from(encoder.encodeBatch([valid, { ...valid, income: 7 }]))).toEqual([1200, 0.4, 1, 0, 1, 7, 0.4, 1, 0, 1]);
    let error: unknown;
    try {
      encoder.encodeBatch([valid, valid, { ...valid, purpose: 1 }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FeatureValidationError);
    expect((error as FeatureValidationError).row).toBe(2);
    expect((error as FeatureValidationError).message).toBe('Invalid record 2: purpose: expected a string, got 1');
  });
});

describe('parseCsvCell', () => {
  const [income, lti, purpose, , verified] = FEATURES as [FeatureSpec, FeatureSpec, FeatureSpec, FeatureSpec, FeatureSpec];

  it('parses numbers after trimming, dropping , and _ separators and a trailing %', () => {
    expect(parseCsvCell(income, ' 1,200 ')).toBe(1200);
    expect(parseCsvCell(income, '1_000_000')).toBe(1000000);
    expect(parseCsvCell(income, '12.5%')).toBe(12.5);
    expect(parseCsvCell(income, '-3e2')).toBe(-300);
    expect(parseCsvCell(income, '.5')).toBe(0.5);
  });

  it('turns an empty cell into null, which the encoder accepts only when nullable', () => {
    expect(parseCsvCell(income, '')).toBeNull();
    expect(parseCsvCell(income, '   ')).toBeNull();
    // The training pipeline's missing tokens (table.py) are missing here too.
    for (const token of ['NA', 'n/a', 'NaN', 'null', '?', '#N/A']) expect(parseCsvCell(income, token)).toBeNull();
    expect(problemFor('loan_to_income', parseCsvCell(lti, ''))[0]!.problem).toBe('null-not-allowed');
  });

  it('leaves unparseable text as text so the encoder reports it (no silent NaN or 0)', () => {
    for (const text of ['12abc', '0x1f', 'Infinity', '1.2.3', '-']) {
      expect(parseCsvCell(income, text)).toBe(text);
      expect(problemFor('income', parseCsvCell(income, text))[0]).toEqual({ feature: 'income', problem: 'wrong-type', message: `expected a number, got ${JSON.stringify(text)}` });
    }
    expect(problemFor('income', parseCsvCell(income, '1e999'))[0]!.problem).toBe('not-finite');
  });

  it('parses booleans case-insensitively from true/false/1/0/yes/no/y/n/t/f', () => {
    expect(['true', 'TRUE', '1', 'Yes', 'y', 'T', ' no ', 'False', '0', 'n', 'f'].map((t) => parseCsvCell(verified, t))).toEqual([true, true, true, true, true, true, false, false, false, false, false]);
    expect(parseCsvCell(verified, 'maybe')).toBe('maybe');
  });

  it('trims categorical text, as training did before learning the categories', () => {
    expect(parseCsvCell(purpose, 'tv')).toBe('tv');
    expect(parseCsvCell(purpose, ' tv ')).toBe('tv');
  });
});
