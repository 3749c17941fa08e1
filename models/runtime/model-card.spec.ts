import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelCard, ModelCardError, validateModelCard } from './model-card.js';

const CARD = {
  schema: 'credence.model-card/1',
  name: 'application-pd',
  version: '1.0.0',
  task: 'binary',
  description: 'PD at origination',
  trainedAt: '2026-11-22T10:00:00Z',
  data: { source: 'loans.csv', sha256: 'ab'.repeat(32), rows: 40000, target: 'defaulted_12m', positive: '1', positiveRate: 0.08, split: { train: 32000, test: 8000, seed: 42 }, dropped: [{ column: 'id', reason: 'identifier' }] },
  features: [
    { name: 'income', type: 'numeric', nullable: true },
    { name: 'purpose', type: 'categorical', nullable: false, categories: ['car', 'tv', '__other__'] },
    { name: 'income_verified', type: 'boolean', nullable: false },
  ],
  reasons: { income: { code: 'INSUFFICIENT_INCOME', text: 'Income is low for the amount requested' } },
  algorithm: { name: 'lightgbm', version: '4.7.0', params: {}, trees: 'trees.json' },
  threshold: { value: 0.31, objective: 'max F1 on out-of-fold predictions' },
  metrics: { cv: { folds: 5, auc: 0.81 }, test: { auc: 0.8 } },
  baseline: { name: 'logistic_regression', file: 'baseline.onnx', metrics: { cv: {}, test: {} } },
  drift: { features: { income: { edges: [100, 200], expected: [0.3, 0.3, 0.3, 0.1] } }, score: { edges: [0.5], expected: [0.5, 0.5, 0] } },
  verification: 'verification.json',
};
const invalid = (patch: Record<string, unknown>) => () => validateModelCard({ ...CARD, ...patch }, 'x/card.json');

describe('validateModelCard', () => {
  it('accepts the card CARD.md describes and keeps its fields', () => {
    const card = validateModelCard(CARD);
    expect(card.features[1]).toEqual({ name: 'purpose', type: 'categorical', nullable: false, categories: ['car', 'tv', '__other__'] });
    expect(card.threshold!.value).toBe(0.31);
    expect(card.metrics.cv!.auc).toBe(0.81);
  });

  it('names the file and field that is wrong', () => {
    expect(invalid({ schema: 'v2' })).toThrow(new ModelCardError('x/card.json', 'schema', 'must be "credence.model-card/1" (got "v2")'));
    expect(invalid({ task: 'regression' })).toThrow(/x\/card\.json: task must be binary, multiclass or anomaly/);
    expect(invalid({ features: [{ name: 'a', type: 'numeric' }] })).toThrow(/features\[0\]\.nullable must be true or false/);
    expect(invalid({ features: [{ name: 'a', type: 'text', nullable: true }] })).toThrow(/features\[0\]\.type must be numeric, boolean or categorical/);
  });

  it('requires categories to end with __other__ and names to be unique', () => {
    expect(invalid({ features: [{ name: 'p', type: 'categorical', nullable: false, categories: ['a', 'b'] }] })).toThrow(/features\[0\]\.categories must end with "__other__"/);
    expect(invalid({ features: [CARD.features[0], CARD.features[0]], reasons: undefined, drift: undefined })).toThrow(/features must not name a feature twice/);
  });

  it('requires a threshold for binary models and classes for multiclass ones', () => {
    expect(invalid({ threshold: undefined })).toThrow(/threshold must be an object/);
    expect(invalid({ threshold: { value: 1.5, objective: 'x' } })).toThrow(/threshold\.value must be a probability/);
    expect(invalid({ task: 'multiclass' })).toThrow(/classes must be a non-empty array of strings/);
    expect(validateModelCard({ ...CARD, task: 'multiclass', classes: ['8', '9'], threshold: undefined }).classes).toEqual(['8', '9']);
  });

  it('rejects reasons and drift for features the model does not have, and malformed drift bins', () => {
    expect(invalid({ reasons: { salary: { code: 'X', text: 'y' } } })).toThrow(/reasons\["salary"\] names no feature/);
    expect(invalid({ drift: { features: { income: { edges: [2, 1], expected: [0, 0, 0, 0] } } } })).toThrow(/edges must be strictly ascending/);
    expect(invalid({ drift: { features: { income: { edges: [1], expected: [1] } } } })).toThrow(/expected must have 3 shares/);
  });
});

describe('loadModelCard', () => {
  it('reads DIR/card.json and names the file when it is not JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'card-'));
    writeFileSync(join(dir, 'card.json'), JSON.stringify(CARD));
    expect((await loadModelCard(dir)).name).toBe('application-pd');
    writeFileSync(join(dir, 'card.json'), '{ nope');
    await expect(loadModelCard(dir)).rejects.toThrow(`Invalid model card ${join(dir, 'card.json')}: (file) could not be read as JSON`);
    rmSync(dir, { recursive: true });
  });
});
