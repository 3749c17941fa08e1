import { describe, expect, it } from '@jest/globals';
import { FeatureEncoder } from './feature-encoder.js';
import { LinearError, LinearTerms } from './linear.js';
import type { FeatureSpec } from './model-card.js';

// A logistic model's linear.json by hand: each feature's term less its training mean is its exact
// SHAP value, and the terms with the bias add up to the margin.
const FEATURES: FeatureSpec[] = [
  { name: 'income', type: 'numeric', nullable: true },
  { name: 'purpose', type: 'categorical', nullable: true, categories: ['car', 'tv', '__other__'] },
];
const LINEAR = {
  schema: 'credence.linear/1',
  intercept: -1,
  // intercept + the expected terms: -1 + 0.1 + 0.2
  bias: -0.7,
  features: [
    { feature: 'income', type: 'numeric', median: 100, lo: 50, hi: 300, mean: 150, std: 50, coefficient: 0.8, missingCoefficient: 0.3, expected: 0.1 },
    { feature: 'purpose', type: 'categorical', weights: { car: 0, tv: 0.5, __other__: -0.2 }, missingWeight: 0.7, expected: 0.2 },
  ],
};
const encoder = new FeatureEncoder(FEATURES);
const contributions = (record: Record<string, unknown>) => Array.from(LinearTerms.validate(LINEAR, FEATURES).contributions(encoder.encode(record)));

describe('LinearTerms', () => {
  it('gives each term less its training mean, then the bias', () => {
    // income 400 is clipped to 300: z = (300 - 150) / 50 = 3, term 2.4, less 0.1; tv: 0.5 less 0.2.
    const clipped = contributions({ income: 400, purpose: 'tv' });
    [2.3, 0.3, -0.7].forEach((v, i) => expect(clipped[i]).toBeCloseTo(v, 12));
    // They add up to the margin: -1 + 2.4 + 0.5.
    expect(clipped.reduce((a, b) => a + b, 0)).toBeCloseTo(1.9, 12);
    // Missing income: the median 100, z = -1, term -0.8 plus the missing coefficient 0.3, less 0.1;
    // missing purpose: its own weight 0.7, less 0.2.
    const missing = contributions({ income: null, purpose: null });
    [-0.6, 0.5].forEach((v, i) => expect(missing[i]).toBeCloseTo(v, 12));
    // income 20 is clipped up to 50: z = -2, term -1.6, less 0.1; "boat" is __other__: -0.2, less 0.2.
    const low = contributions({ income: 20, purpose: 'boat' });
    [-1.7, -0.4].forEach((v, i) => expect(low[i]).toBeCloseTo(v, 12));
  });

  it('reads null bounds as unclipped', () => {
    const unbounded = { ...LINEAR, features: [{ ...LINEAR.features[0], lo: null, hi: null }, LINEAR.features[1]] };
    // z = (400 - 150) / 50 = 5: term 4, less 0.1.
    expect(LinearTerms.validate(unbounded, FEATURES).contributions(encoder.encode({ income: 400, purpose: 'car' }))[0]).toBeCloseTo(3.9, 12);
  });

  it('refuses terms that do not match the card, or a bias that does not follow from them', () => {
    const invalid = (patch: (l: typeof LINEAR) => void) => () => {
      const copy = structuredClone(LINEAR);
      patch(copy);
      LinearTerms.validate(copy, FEATURES, 'x/linear.json');
    };
    expect(invalid((l) => l.features.reverse())).toThrow(new LinearError('x/linear.json', 'features[0].feature', 'must be "income" (card.json\'s feature 0), got "purpose"'));
    expect(invalid((l) => (l.features[0]!.type = 'boolean'))).toThrow(/features\[0\]\.type must be "numeric" as card\.json types income/);
    expect(invalid((l) => delete (l.features[1]!.weights as Record<string, number>).tv)).toThrow(/features\[1\]\.weights\["tv"\] must be a finite number/);
    expect(invalid((l) => ((l.features[1]!.weights as Record<string, number>).boat = 1))).toThrow(/features\[1\]\.weights name categories card\.json does not list: boat/);
    expect(invalid((l) => (l.features[0]!.std = 0))).toThrow(/features\[0\]\.std must be positive/);
    expect(invalid((l) => (l.bias = -0.6))).toThrow(/bias is -0\.6 but intercept \+ the expected terms give -0\.7/);
    expect(invalid((l) => l.features.pop())).toThrow(/features must hold one term per card feature \(2\)/);
  });
});
