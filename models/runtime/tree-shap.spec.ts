import { describe, expect, it } from '@jest/globals';
import { type LightGbmDump, type LightGbmNode, TreeDumpError, TreeEnsemble } from './tree-shap.js';

// The algorithm is checked against its definition, not against itself: exact Shapley values of the
// path-dependent conditional expectation (Lundberg et al. 2018, Algorithm 1's EXPVALUE), by
// enumerating every feature subset. Routing is re-implemented here from LightGBM's rules, plainly.
const split = (feature: number, threshold: number | string, count: number, left: LightGbmNode, right: LightGbmNode, extra: Partial<{ missing: 'None' | 'Zero' | 'NaN'; defaultLeft: boolean }> = {}): LightGbmNode => ({
  split_feature: feature,
  threshold,
  decision_type: typeof threshold === 'string' ? '==' : '<=',
  default_left: extra.defaultLeft ?? true,
  missing_type: extra.missing ?? 'None',
  internal_count: count,
  left_child: left,
  right_child: right,
});
const leaf = (value: number, count: number): LightGbmNode => ({ leaf_value: value, leaf_count: count });

// Feature 0 repeats on a path (exercises unwinding); every missing type and a categorical split appear.
const TREE_A = split(0, 0.5, 100,
  split(1, 2, 60, split(0, -1, 40, leaf(1, 10), leaf(-0.5, 30), { missing: 'NaN', defaultLeft: true }), leaf(2, 20)),
  split(2, '1||3', 40, leaf(0.7, 15), split(3, 0, 25, leaf(-1.5, 5), leaf(0.25, 20), { missing: 'Zero', defaultLeft: true })),
  { missing: 'NaN', defaultLeft: false });
const TREE_B = leaf(0.3, 100);
const TREE_C = split(1, 0, 100, leaf(0.4, 50), split(3, 1, 50, split(1, 3, 30, leaf(-0.2, 12), leaf(0.1, 18)), leaf(0.9, 20), { missing: 'NaN' }), { missing: 'Zero', defaultLeft: false });
const dumpOf = (trees: LightGbmNode[], numClass = 1): LightGbmDump => ({
  num_class: numClass, num_tree_per_iteration: numClass, max_feature_idx: 3, tree_info: trees.map((tree_structure) => ({ tree_structure })),
});

const ROWS: number[][] = [
  [0.2, 1, 1, 0],
  [Number.NaN, 3, 3, Number.NaN],
  [-2, Number.NaN, 2, 1e-40],
  [0.6, 0, -1, 5],
  [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
  [-1, 2, 1.7, -0.3],
  [0.5, 1e-36, 3, 1],
];

function route(node: Extract<LightGbmNode, { split_feature: number }>, value: number): LightGbmNode {
  if (node.decision_type === '==') {
    if (Number.isNaN(value) || value < 0) return node.right_child;
    return String(node.threshold).split('||').map(Number).includes(Math.trunc(value)) ? node.left_child : node.right_child;
  }
  const side = node.default_left ? node.left_child : node.right_child;
  if (node.missing_type === 'NaN' && Number.isNaN(value)) return side;
  const x = Number.isNaN(value) || Math.abs(value) <= Math.fround(1e-35) ? 0 : value;
  if (node.missing_type === 'Zero' && x === 0) return side;
  return x <= (node.threshold as number) ? node.left_child : node.right_child;
}
const count = (node: LightGbmNode): number => ('leaf_value' in node ? node.leaf_count! : node.internal_count);

/** E[f(x) | x_S] with unknown features averaged over the training cover (path-dependent). */
function expectation(node: LightGbmNode, x: readonly number[], known: ReadonlySet<number>): number {
  if ('leaf_value' in node) return node.leaf_value;
  if (known.has(node.split_feature)) return expectation(route(node, x[node.split_feature]!), x, known);
  return (count(node.left_child) * expectation(node.left_child, x, known) + count(node.right_child) * expectation(node.right_child, x, known)) / node.internal_count;
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Shapley values by definition: phi_i = sum over S without i of |S|!(M-|S|-1)!/M! (v(S+i) - v(S)); then v(empty). */
function bruteForceShap(trees: readonly LightGbmNode[], x: readonly number[]): number[] {
  const m = x.length;
  const v = (mask: number): number => {
    const known = new Set(Array.from({ length: m }, (_, i) => i).filter((i) => mask & (1 << i)));
    return trees.reduce((sum, tree) => sum + expectation(tree, x, known), 0);
  };
  const phi = new Array<number>(m + 1).fill(0);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      const size = Array.from({ length: m }, (_, j) => (mask >> j) & 1).reduce((a, b) => a + b, 0);
      phi[i]! += ((factorial(size) * factorial(m - size - 1)) / factorial(m)) * (v(mask | (1 << i)) - v(mask));
    }
  }
  phi[m] = v(0);
  return phi;
}

function walk(tree: LightGbmNode, x: readonly number[]): number {
  let node = tree;
  while (!('leaf_value' in node)) node = route(node, x[node.split_feature]!);
  return node.leaf_value;
}

const expectClose = (actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void => {
  expect(actual.length).toBe(expected.length);
  Array.from(actual).forEach((a, i) => {
    if (Math.abs(a - expected[i]!) > tolerance) throw new Error(`element ${i}: ${a} vs ${expected[i]} (tolerance ${tolerance})`);
  });
};

describe('TreeEnsemble routing (LightGBM missing-value rules)', () => {
  const one = (tree: LightGbmNode) => TreeEnsemble.fromDump(dumpOf([tree]));
  const at = (ensemble: TreeEnsemble, x: number[]) => ensemble.predictMargin(x)[0];

  it('missing_type NaN sends NaN the default side and compares everything else', () => {
    const right = one(split(0, 0.5, 2, leaf(1, 1), leaf(2, 1), { missing: 'NaN', defaultLeft: false }));
    const left = one(split(0, 0.5, 2, leaf(1, 1), leaf(2, 1), { missing: 'NaN', defaultLeft: true }));
    expect(at(right, [Number.NaN, 0, 0, 0])).toBe(2);
    expect(at(left, [Number.NaN, 0, 0, 0])).toBe(1);
    expect(at(right, [0.5, 0, 0, 0])).toBe(1);
    expect(at(left, [0.6, 0, 0, 0])).toBe(2);
  });

  it('missing_type None reads NaN as 0.0, whatever default_left says', () => {
    const tree = one(split(0, -1, 2, leaf(1, 1), leaf(2, 1), { missing: 'None', defaultLeft: true }));
    expect(at(tree, [Number.NaN, 0, 0, 0])).toBe(2);
    const positive = one(split(0, 1, 2, leaf(1, 1), leaf(2, 1), { missing: 'None', defaultLeft: false }));
    expect(at(positive, [Number.NaN, 0, 0, 0])).toBe(1);
  });

  it('missing_type Zero sends NaN, 0 and |x| <= 1e-35 the default side', () => {
    const tree = one(split(0, -5, 2, leaf(1, 1), leaf(2, 1), { missing: 'Zero', defaultLeft: true }));
    for (const x of [Number.NaN, 0, -0, 1e-36, -1e-36]) expect(at(tree, [x, 0, 0, 0])).toBe(1);
    expect(at(tree, [1e-30, 0, 0, 0])).toBe(2);
    expect(at(tree, [-6, 0, 0, 0])).toBe(1);
  });

  it('categorical splits send listed categories left; NaN, negatives and others right; codes truncate', () => {
    const tree = one(split(2, '1||3', 2, leaf(1, 1), leaf(2, 1)));
    expect([1, 3, 3.9, Number.NaN, -1, 0, 2, 4].map((c) => at(tree, [0, 0, c, 0]))).toEqual([1, 1, 1, 2, 2, 2, 2, 2]);
  });
});

describe('TreeSHAP', () => {
  const trees = [TREE_A, TREE_B, TREE_C];
  const ensemble = TreeEnsemble.fromDump(dumpOf(trees));

  it.each(ROWS.map((row) => [row]))('equals brute-force Shapley values of the path-dependent expectation for %p', (row) => {
    expectClose(ensemble.contributions(row), bruteForceShap(trees, row), 1e-12);
  });

  it('is locally accurate: contributions plus bias sum to the margin, which is the tree walk', () => {
    for (const row of ROWS) {
      const margin = ensemble.predictMargin(row)[0]!;
      expect(margin).toBeCloseTo(trees.reduce((s, t) => s + walk(t, row), 0), 12);
      expect(ensemble.contributions(row).reduce((a, b) => a + b, 0)).toBeCloseTo(margin, 12);
    }
  });

  it('gives the bias as the cover-weighted mean leaf value, and zero to features no tree uses', () => {
    const [f0, f1, f2, f3, bias] = TreeEnsemble.fromDump(dumpOf([TREE_B, split(0, 0, 4, leaf(1, 1), leaf(5, 3))])).contributions([1, 0, 0, 0]);
    expect(bias).toBeCloseTo(0.3 + (1 * 1 + 5 * 3) / 4, 12);
    expect(f0).toBeCloseTo(5 - 4, 12);
    expect([f1, f2, f3]).toEqual([0, 0, 0]);
  });

  it('interleaves multiclass trees by class (tree i is class i % K) with one block of F+1 per class', () => {
    const perClass = [[TREE_A, TREE_C], [TREE_C, TREE_B], [TREE_B, TREE_A]];
    const interleaved = [perClass[0]![0]!, perClass[1]![0]!, perClass[2]![0]!, perClass[0]![1]!, perClass[1]![1]!, perClass[2]![1]!];
    const multi = TreeEnsemble.fromDump(dumpOf(interleaved, 3));
    expect(multi.numClasses).toBe(3);
    for (const row of ROWS) {
      const phi = multi.contributions(row);
      const margin = multi.predictMargin(row);
      perClass.forEach((classTrees, k) => {
        const block = phi.subarray(k * 5, (k + 1) * 5);
        expectClose(block, bruteForceShap(classTrees, row), 1e-12);
        expect(block.reduce((a, b) => a + b, 0)).toBeCloseTo(margin[k]!, 12);
      });
    }
  });

  it.each([
    ['zero_as_missing with a categorical feature', () => LIGHTGBM_ZERO],
    ['default missing handling', () => LIGHTGBM_NAN],
  ])('reproduces LightGBM predict(raw_score) and predict(pred_contrib) (%s)', (_name, fixture) => {
    const { dump, rows, raw, contrib } = fixture();
    const model = TreeEnsemble.fromDump(dump);
    rows.forEach((row, i) => {
      const x = row.map((v) => v ?? Number.NaN);
      expect(model.predictMargin(x)[0]).toBeCloseTo(raw[i]!, 12);
      expectClose(model.contributions(x), contrib[i]!, 1e-12);
    });
  });
});

describe('TreeEnsemble.fromDump validation', () => {
  it('names the file and the node path of a malformed field', () => {
    const bad = dumpOf([split(0, 0.5, 2, leaf(1, 1), { ...split(9, 1, 1, leaf(1, 1), leaf(2, 0)) })]);
    expect(() => TreeEnsemble.fromDump(bad, 'm/trees.json')).toThrow(new TreeDumpError('m/trees.json', 'tree_info[0].tree_structure.right_child.split_feature', 'must be an integer in [0, 3]'));
  });

  it('rejects random-forest (averaged) dumps and unknown decision types', () => {
    expect(() => TreeEnsemble.fromDump({ ...dumpOf([TREE_B]), average_output: true })).toThrow(/average_output/);
    const lessThan = { ...split(0, 1, 2, leaf(1, 1), leaf(2, 1)), decision_type: '<' } as unknown as LightGbmNode;
    expect(() => TreeEnsemble.fromDump(dumpOf([lessThan]))).toThrow(/decision_type/);
  });
});

interface LightGbmFixture { dump: LightGbmDump; rows: (number | null)[][]; raw: number[]; contrib: number[][] }
// LightGBM 4.7.0, zero_as_missing=True with a categorical feature ("Zero" and "==" splits); rows include NaN (null), 0, 1e-40 and a negative category.
const LIGHTGBM_ZERO: LightGbmFixture = {"dump":{"num_class":1,"num_tree_per_iteration":1,"max_feature_idx":3,"tree_info":[{"tree_structure":{"split_feature":0,"threshold":-0.1818978996297743,"decision_type":"<=","default_left":false,"missing_type":"Zero","internal_count":400,"left_child":{"split_feature":1,"threshold":-1.667507211587917,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":132,"left_child":{"split_feature":3,"threshold":-0.2095157637410399,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":46,"left_child":{"leaf_value":-0.579327495389355,"leaf_count":19},"right_child":{"leaf_value":0.2026628225602919,"leaf_count":27}},"right_child":{"leaf_value":-0.5587459370976848,"leaf_count":86}},"right_child":{"split_feature":2,"threshold":"1||3||4","decision_type":"==","default_left":false,"missing_type":"None","internal_count":268,"left_child":{"leaf_value":0.24980923995741833,"leaf_count":153},"right_child":{"leaf_value":-0.15124022368825052,"leaf_count":115}}}},{"tree_structure":{"split_feature":0,"threshold":0.5340153041796628,"decision_type":"<=","default_left":false,"missing_type":"Zero","internal_count":400,"left_child":{"split_feature":1,"threshold":-1.523437756288884,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":216,"left_child":{"leaf_value":0.06052225401985791,"leaf_count":78},"right_child":{"leaf_value":-0.3204729566895554,"leaf_count":138}},"right_child":{"split_feature":3,"threshold":-0.059632353803958406,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":184,"left_child":{"split_feature":1,"threshold":-2.1798093918449966,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":84,"left_child":{"leaf_value":0.3874516812115607,"leaf_count":32},"right_child":{"leaf_value":-0.21522185844979852,"leaf_count":52}},"right_child":{"leaf_value":0.3897568907640795,"leaf_count":100}}}},{"tree_structure":{"split_feature":2,"threshold":"1||3","decision_type":"==","default_left":false,"missing_type":"None","internal_count":400,"left_child":{"split_feature":0,"threshold":-1.0475605743126897,"decision_type":"<=","default_left":false,"missing_type":"Zero","internal_count":152,"left_child":{"leaf_value":-0.2650595843738307,"leaf_count":22},"right_child":{"leaf_value":0.35098637310151587,"leaf_count":130}},"right_child":{"split_feature":0,"threshold":0.5340153041796628,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":248,"left_child":{"split_feature":3,"threshold":0.8901167179992099,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":175,"left_child":{"leaf_value":-0.34657930306693785,"leaf_count":149},"right_child":{"leaf_value":0.04991114310628658,"leaf_count":26}},"right_child":{"leaf_value":0.1515140092552124,"leaf_count":73}}}},{"tree_structure":{"split_feature":0,"threshold":-0.24419302538366158,"decision_type":"<=","default_left":false,"missing_type":"Zero","internal_count":400,"left_child":{"leaf_value":-0.22320610721042608,"leaf_count":120},"right_child":{"split_feature":3,"threshold":0.03155702119911519,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":280,"left_child":{"split_feature":1,"threshold":-2.1798093918449966,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":140,"left_child":{"leaf_value":0.2054768520297095,"leaf_count":50},"right_child":{"leaf_value":-0.1936130835502029,"leaf_count":90}},"right_child":{"split_feature":1,"threshold":-1.523437756288884,"decision_type":"<=","default_left":true,"missing_type":"Zero","internal_count":140,"left_child":{"leaf_value":0.41781180504169246,"leaf_count":45},"right_child":{"leaf_value":0.1512368387582676,"leaf_count":95}}}}}]},"rows":[[0.3,0.0,1.0,-0.2],[null,1.1,3.0,0.5],[-1.2,null,0.0,2.0],[2.0,1e-40,4.0,-1.0],[0.0,-0.5,null,0.0],[1.5,0.7,-1.0,0.1],[null,null,2.0,null]],"raw":[0.8667947191085015,1.1417893425812813,0.08989011247601028,0.994251782453901,-0.9066544687551897,0.5412675150893089,0.09510900648608184],"contrib":[[0.07670472717285744,0.5037914144665729,0.4884179170560625,-0.12128574517165311,-0.0808335944153381],[0.6195219656148057,-0.18628816685319816,0.4884179170560625,0.30097122117894953,-0.0808335944153381],[-0.74889488592358,0.5573490473798344,-0.10299096638563265,0.46526051182072653,-0.0808335944153381],[0.7744834107728882,0.5068112950737323,0.02332325307168156,-0.2295325820490632,-0.0808335944153381],[0.2617702321519043,-0.29101317540609467,-0.4024599921201448,-0.3941179389655165,-0.0808335944153381],[0.8198119563404209,-0.18628816685319816,-0.31155304907245196,0.30013036908987617,-0.0808335944153381],[0.32684666970481946,0.5068112950737323,-0.4024599921201448,-0.25525537175698704,-0.0808335944153381]]};
// LightGBM 4.7.0, defaults ("None" and "NaN" splits); rows include NaN (null), 0, 1e-40 and a negative category.
const LIGHTGBM_NAN: LightGbmFixture = {"dump":{"num_class":1,"num_tree_per_iteration":1,"max_feature_idx":3,"tree_info":[{"tree_structure":{"split_feature":0,"threshold":-0.1818978996297743,"decision_type":"<=","default_left":false,"missing_type":"NaN","internal_count":400,"left_child":{"leaf_value":-0.4059657332853845,"leaf_count":132},"right_child":{"split_feature":3,"threshold":0.03155702119911519,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":268,"left_child":{"split_feature":0,"threshold":0.9721292945352219,"decision_type":"<=","default_left":true,"missing_type":"NaN","internal_count":132,"left_child":{"leaf_value":-0.1447970282134183,"leaf_count":111},"right_child":{"leaf_value":0.2725670041049781,"leaf_count":21}},"right_child":{"split_feature":2,"threshold":1.0000000180025095e-35,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":136,"left_child":{"leaf_value":0.028650007003867342,"leaf_count":34},"right_child":{"leaf_value":0.3819091062537518,"leaf_count":102}}}}},{"tree_structure":{"split_feature":0,"threshold":0.5340153041796628,"decision_type":"<=","default_left":false,"missing_type":"NaN","internal_count":400,"left_child":{"split_feature":3,"threshold":0.8475179611828422,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":216,"left_child":{"split_feature":2,"threshold":2.5000000000000004,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":173,"left_child":{"leaf_value":-0.3497996101282705,"leaf_count":101},"right_child":{"leaf_value":-0.0910528440476025,"leaf_count":72}},"right_child":{"leaf_value":0.08801400915817163,"leaf_count":43}},"right_child":{"split_feature":3,"threshold":-0.9525990773541254,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":184,"left_child":{"leaf_value":-0.187268730289301,"leaf_count":30},"right_child":{"leaf_value":0.28175497329670823,"leaf_count":154}}}},{"tree_structure":{"split_feature":0,"threshold":-0.44870837389661494,"decision_type":"<=","default_left":false,"missing_type":"NaN","internal_count":400,"left_child":{"leaf_value":-0.27005764692219314,"leaf_count":99},"right_child":{"split_feature":3,"threshold":0.03155702119911519,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":301,"left_child":{"split_feature":1,"threshold":-1.0000000180025095e-35,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":148,"left_child":{"leaf_value":-0.276298774756873,"leaf_count":42},"right_child":{"split_feature":1,"threshold":0.10869901429679778,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":106,"left_child":{"leaf_value":0.3019546899237622,"leaf_count":55},"right_child":{"leaf_value":-0.22314131845233973,"leaf_count":51}}},"right_child":{"leaf_value":0.2119525737277977,"leaf_count":153}}}},{"tree_structure":{"split_feature":0,"threshold":0.5340153041796628,"decision_type":"<=","default_left":false,"missing_type":"NaN","internal_count":400,"left_child":{"split_feature":2,"threshold":1.0000000180025095e-35,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":216,"left_child":{"leaf_value":-0.3400954496285074,"leaf_count":53},"right_child":{"split_feature":2,"threshold":1.5000000000000002,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":163,"left_child":{"leaf_value":0.23438621516610525,"leaf_count":40},"right_child":{"split_feature":2,"threshold":2.5000000000000004,"decision_type":"<=","default_left":true,"missing_type":"None","internal_count":123,"left_child":{"leaf_value":-0.4241964901417713,"leaf_count":38},"right_child":{"leaf_value":0.0011201028773828263,"leaf_count":85}}}},"right_child":{"leaf_value":0.12822467443847704,"leaf_count":184}}}]},"rows":[[0.3,0.0,1.0,-0.2],[null,1.1,3.0,0.5],[-1.2,null,0.0,2.0],[2.0,1e-40,4.0,-1.0],[0.0,-0.5,null,0.0],[1.5,0.7,-1.0,0.1],[null,null,2.0,null]],"raw":[0.04174426674817866,1.0038413277167346,-0.9281048206779134,0.5154776381779164,-1.110990862727069,0.6505822284668503,0.5671373094455292],"contrib":[[-0.06290713870190677,0.22912052702328217,0.21042665505624342,-0.2696440043981887,-0.0652517722312514],[0.6027767721153616,-0.03696146543533638,0.1232965297024787,0.3799812635654825,-0.0652517722312514],[-0.9723866628407328,0.04255545161980656,-0.26342782495739925,0.3304059877316636,-0.0652517722312514],[0.6908681541483189,0.22912052702328217,0.08399645491092905,-0.42325572567336206,-0.0652517722312514],[-0.26433181553798013,-0.15485850432625636,-0.301837893343869,-0.3247108772877122,-0.0652517722312514],[0.8141962776223183,-0.03696146543533638,-0.25653550287246074,0.19513469138358058,-0.0652517722312514],[0.6861000857545506,0.22912052702328217,-0.09142889292813232,-0.19140263817291975,-0.0652517722312514]]};
