import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { LightGbmDump, LightGbmNode, ModelRuntime as Runtime } from './index.js';

// The runtime end to end without trained artifacts: a two-tree LightGBM-style dump is written as
// trees.json and, by a few lines of protobuf below, as model.onnx (ai.onnx.ml TreeEnsemble in
// doubles, NaN routed as LightGBM does), so onnxruntime-node itself is exercised on every run.

// See model-runtime.spec.ts: onnxruntime-common must capture the main realm's Float64Array.
globalThis.Float64Array = runInThisContext('Float64Array') as Float64ArrayConstructor;
const { FeatureValidationError, ModelRuntime, TreeEnsemble } = await import('./index.js');

// --- a minimal protobuf writer, enough for ONNX's ModelProto -------------------------------------
type Bytes = Uint8Array;
const cat = (parts: Bytes[]): Bytes => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const varint = (n: number): Bytes => {
  const out: number[] = [];
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) return Uint8Array.from([...out, v]);
    out.push((v % 128) + 128);
  }
};
const int = (field: number, n: number): Bytes => cat([varint(field * 8), varint(n)]);
const bytes = (field: number, data: Bytes): Bytes => cat([varint(field * 8 + 2), varint(data.length), data]);
const str = (field: number, s: string): Bytes => bytes(field, new TextEncoder().encode(s));
const msg = (field: number, ...parts: Bytes[]): Bytes => bytes(field, cat(parts));

const DOUBLE = 11;
const FLOAT = 1;
const UINT8 = 2;
const doubles = (name: string, values: number[]): Bytes => cat([int(1, values.length), int(2, DOUBLE), str(8, name), bytes(9, new Uint8Array(Float64Array.from(values).buffer))]);
const uint8s = (name: string, values: number[]): Bytes => cat([int(1, values.length), int(2, UINT8), str(8, name), bytes(9, Uint8Array.from(values))]);
const attrInt = (name: string, n: number): Bytes => msg(5, str(1, name), int(3, n), int(20, 2));
const attrInts = (name: string, ns: number[]): Bytes => msg(5, str(1, name), ...ns.map((n) => int(8, n)), int(20, 7));
const attrTensor = (name: string, tensor: Bytes): Bytes => msg(5, str(1, name), msg(5, tensor), int(20, 4));
const node = (op: string, inputs: string[], outputs: string[], domain: string, ...attributes: Bytes[]): Bytes =>
  msg(1, ...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(4, op), str(7, domain), ...attributes);
const valueInfo = (field: number, name: string, elemType: number, width: number): Bytes =>
  msg(field, str(1, name), msg(2, msg(1, int(1, elemType), msg(2, msg(1, str(2, 'N')), msg(1, int(1, width))))));

/** LightGBM dump -> ONNX TreeEnsemble (opset 5): LEQ splits; NaN goes where LightGBM sends it. */
function treeEnsembleOnnx(dump: LightGbmDump, outputs: string[], inputType = DOUBLE): Bytes {
  const a = { feature: [] as number[], split: [] as number[], trueId: [] as number[], falseId: [] as number[], trueLeaf: [] as number[], falseLeaf: [] as number[], missingTrue: [] as number[], leafWeight: [] as number[] };
  const visit = (n: LightGbmNode): [id: number, isLeaf: number] => {
    if ('leaf_value' in n) return [a.leafWeight.push(n.leaf_value) - 1, 1];
    const i = a.feature.push(n.split_feature) - 1;
    const threshold = n.threshold as number;
    a.split.push(threshold);
    a.missingTrue.push(n.missing_type === 'NaN' ? Number(n.default_left) : Number(0 <= threshold));
    const [l, lLeaf] = visit(n.left_child);
    const [r, rLeaf] = visit(n.right_child);
    a.trueId[i] = l; a.falseId[i] = r; a.trueLeaf[i] = lLeaf; a.falseLeaf[i] = rLeaf;
    return [i, 0];
  };
  const roots = dump.tree_info.map((t) => visit(t.tree_structure)[0]);
  // A float input is cast to double first, so the graph itself is valid and only the contract is broken.
  const input = inputType === DOUBLE ? 'features' : 'features_double';
  const cast = inputType === DOUBLE ? [] : [node('Cast', ['features'], [input], '', attrInt('to', DOUBLE))];
  const ensemble = node('TreeEnsemble', [input], ['margin'], 'ai.onnx.ml',
    attrInt('n_targets', 1), attrInt('aggregate_function', 1), attrInt('post_transform', 0), attrInts('tree_roots', roots),
    attrInts('nodes_featureids', a.feature), attrTensor('nodes_modes', uint8s('m', a.feature.map(() => 0))), attrTensor('nodes_splits', doubles('s', a.split)),
    attrInts('nodes_truenodeids', a.trueId), attrInts('nodes_falsenodeids', a.falseId), attrInts('nodes_trueleafs', a.trueLeaf), attrInts('nodes_falseleafs', a.falseLeaf),
    attrInts('nodes_missing_value_tracks_true', a.missingTrue), attrInts('leaf_targetids', a.leafWeight.map(() => 0)), attrTensor('leaf_weights', doubles('w', a.leafWeight)));
  const graph = msg(7,
    ...cast, ensemble, node('Sigmoid', ['margin'], ['probability'], ''), str(2, 'tiny'),
    valueInfo(11, 'features', inputType, dump.max_feature_idx + 1),
    ...outputs.map((o) => valueInfo(12, o, DOUBLE, 1)));
  return cat([int(1, 10), msg(8, str(1, ''), int(2, 21)), msg(8, str(1, 'ai.onnx.ml'), int(2, 5)), graph]);
}

// --- the tiny model ---------------------------------------------------------------------------------
const split = (feature: number, threshold: number, count: number, left: LightGbmNode, right: LightGbmNode, missing: 'None' | 'NaN' = 'None', defaultLeft = false): LightGbmNode => ({
  split_feature: feature, threshold, decision_type: '<=', default_left: defaultLeft, missing_type: missing, internal_count: count, left_child: left, right_child: right,
});
const leaf = (value: number, count: number): LightGbmNode => ({ leaf_value: value, leaf_count: count });
const DUMP: LightGbmDump = {
  num_class: 1, num_tree_per_iteration: 1, max_feature_idx: 2, feature_names: ['loan_to_income', 'income', 'purpose'],
  tree_info: [
    { tree_structure: split(0, 2, 100, split(1, 500, 70, leaf(0.4, 20), leaf(-0.9, 50), 'NaN', false), leaf(1.3, 30)) },
    { tree_structure: split(2, 0.5, 100, leaf(-0.2, 60), split(1, 300, 40, leaf(0.6, 10), leaf(0.05, 30), 'NaN', true)) },
  ],
};
const CARD = {
  schema: 'credence.model-card/1', name: 'tiny', version: '0.0.1', task: 'binary', description: 'built by tiny-model.spec.ts', trainedAt: '2026-11-22T10:00:00Z',
  data: { source: 'none', sha256: '', rows: 100 },
  features: [
    { name: 'loan_to_income', type: 'numeric', nullable: false },
    { name: 'income', type: 'numeric', nullable: true },
    { name: 'purpose', type: 'categorical', nullable: false, categories: ['car', 'tv', '__other__'] },
  ],
  reasons: { loan_to_income: { code: 'INSUFFICIENT_INCOME', text: 'Loan amount is high for the income' } },
  algorithm: { name: 'lightgbm', version: '4.7.0', params: {}, trees: 'trees.json' },
  threshold: { value: 0.5, objective: 'test' },
  metrics: {},
};

const dirs: string[] = [];
function modelDir(card: object, onnx: Bytes): string {
  const dir = mkdtempSync(join(tmpdir(), 'tiny-model-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'card.json'), JSON.stringify(card));
  writeFileSync(join(dir, 'trees.json'), JSON.stringify(DUMP));
  writeFileSync(join(dir, 'model.onnx'), onnx);
  return dir;
}

describe('ModelRuntime on a tiny tree model', () => {
  const trees = TreeEnsemble.fromDump(DUMP);
  const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));
  const records = [
    { loan_to_income: 1, income: 400, purpose: 'car' },
    { loan_to_income: 1, income: null, purpose: 'tv' },
    { loan_to_income: 3, income: 100, purpose: 'boat', extra: 'ignored' },
    { loan_to_income: 2, income: null, purpose: 'car' },
  ];
  const encoded = [[1, 400, 0], [1, Number.NaN, 1], [3, 100, 2], [2, Number.NaN, 0]];
  let runtime: Runtime;

  beforeAll(async () => {
    runtime = await ModelRuntime.load(modelDir(CARD, treeEnsembleOnnx(DUMP, ['probability', 'margin'])), { intraOpNumThreads: 2 });
  });
  afterAll(async () => {
    await runtime.dispose();
    for (const dir of dirs) rmSync(dir, { recursive: true });
  });

  it('scores a batch in one run: ONNX margin equals the tree walk, probability its sigmoid, decision at the threshold', async () => {
    const scores = await runtime.scoreBatch(records);
    scores.forEach((score, i) => {
      const margin = trees.predictMargin(encoded[i]!)[0]!;
      // No calibration in the card: the served probability is the raw one.
      expect(score).toEqual({ task: 'binary', probability: expect.any(Number), rawProbability: expect.any(Number), margin: expect.any(Number), decision: sigmoid(margin) >= 0.5 });
      if (score.task !== 'binary') throw new Error('binary expected');
      expect(score.margin).toBeCloseTo(margin, 12);
      expect(score.probability).toBeCloseTo(sigmoid(margin), 12);
      expect(score.rawProbability).toBe(score.probability);
    });
    expect(await runtime.score(records[2]!)).toEqual(scores[2]);
    expect(await runtime.scoreBatch([])).toEqual([]);
  });

  it('rejects an invalid record instead of scoring it, naming the feature (and the row in a batch)', async () => {
    await expect(runtime.score({ loan_to_income: 1, purpose: 'car' })).rejects.toThrow(new FeatureValidationError([{ feature: 'income', problem: 'missing', message: 'is missing from the record' }]));
    await expect(runtime.scoreBatch([records[0]!, { ...records[0]!, loan_to_income: null }])).rejects.toMatchObject({ row: 1, problems: [{ feature: 'loan_to_income', problem: 'null-not-allowed' }] });
  });

  it('explains the largest upward contributions first, with the card reason or a plain-language one', () => {
    const record = records[2]!;
    const phi = trees.contributions(encoded[2]!);
    const explained = runtime.explain(record, { top: 3 });
    expect(explained.map((e) => e.contribution)).toEqual([...phi.subarray(0, 3)].sort((x, y) => y - x));
    const byFeature = Object.fromEntries(explained.map((e) => [e.feature, e]));
    expect(byFeature.loan_to_income).toEqual({ feature: 'loan_to_income', value: 3, contribution: phi[0], reason: CARD.reasons.loan_to_income });
    expect(byFeature.purpose!.value).toBe('boat');
    expect(byFeature.purpose!.reason).toEqual({ code: 'FEATURE_PURPOSE', text: `Value of "purpose" ${phi[2]! > 0 ? 'increased' : 'decreased'} the estimated risk` });
    expect(runtime.explain(record, { top: 1 })).toHaveLength(1);
    expect(runtime.explain(record)).toHaveLength(3);
  });

  it('uses generic text for a card reason whose feature lowered the risk', () => {
    const record = { loan_to_income: 1, income: 1000, purpose: 'car' };
    const lti = runtime.explain(record).find((e) => e.feature === 'loan_to_income')!;
    expect(lti.contribution).toBeLessThan(0);
    expect(lti.reason).toEqual({ code: 'FEATURE_LOAN_TO_INCOME', text: 'Value of "loan to income" decreased the estimated risk' });
  });

  it('refuses at load a model without the outputs the card task needs, or with float input', async () => {
    await expect(ModelRuntime.load(modelDir(CARD, treeEnsembleOnnx(DUMP, ['probability'])))).rejects.toThrow(/model\.onnx: missing output "margin"/);
    await expect(ModelRuntime.load(modelDir(CARD, treeEnsembleOnnx(DUMP, ['probability', 'margin'], FLOAT)))).rejects.toThrow(/input "features" must be tensor\(double\)/);
  });

  it('refuses at load trees that disagree with the card', async () => {
    const card = { ...CARD, features: [CARD.features[1], CARD.features[0], CARD.features[2]], reasons: undefined };
    await expect(ModelRuntime.load(modelDir(card, treeEnsembleOnnx(DUMP, ['probability', 'margin'])))).rejects.toThrow(/feature 0 is "loan_to_income" in the trees but "income" in card.json/);
  });
});
