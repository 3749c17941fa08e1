// Exact path-dependent TreeSHAP (Lundberg et al. 2018, "Consistent individualized feature
// attribution for tree ensembles", Algorithm 2) over a LightGBM `dump_model()`. It is a port of
// LightGBM's own Tree::TreeSHAP / PredictContrib (src/io/tree.cpp), including its routing of
// missing values and its use of training counts as cover, so explanations equal
// `predict(pred_contrib=True)` and sum to the model's margin (local accuracy).
// The dump is compiled once into flat arrays; the recursion then allocates nothing per node.

export type MissingType = 'None' | 'Zero' | 'NaN';

export interface LightGbmSplit {
  split_feature: number;
  /** A number for "<="; for "==" the categories sent left, as "1||4||7". */
  threshold: number | string;
  decision_type: '<=' | '==';
  default_left: boolean;
  missing_type: MissingType;
  internal_count: number;
  left_child: LightGbmNode;
  right_child: LightGbmNode;
}
export interface LightGbmLeaf { leaf_value: number; leaf_count?: number }
export type LightGbmNode = LightGbmSplit | LightGbmLeaf;

export interface LightGbmDump {
  num_class: number;
  num_tree_per_iteration?: number;
  max_feature_idx: number;
  average_output?: boolean;
  feature_names?: string[];
  tree_info: { tree_structure: LightGbmNode }[];
}

// LightGBM's kZeroThreshold is the float literal 1e-35f widened to double; the exact value matters
// at the boundary, so it is rounded through float32 the same way.
const ZERO_THRESHOLD = Math.fround(1e-35);
const isZero = (x: number): boolean => x >= -ZERO_THRESHOLD && x <= ZERO_THRESHOLD;
const MISSING: Record<MissingType, number> = { None: 0, Zero: 1, NaN: 2 };
const MISSING_ZERO = 1;
const MISSING_NAN = 2;
const INT32_MAX = 2 ** 31 - 1;

/** One tree as LightGBM holds it: node i >= 0 is internal, a child < 0 is leaf ~child. */
interface CompiledTree {
  feature: Int32Array;
  threshold: Float64Array;
  /** Categories routed left, for "==" splits. */
  categories: (ReadonlySet<number> | undefined)[];
  defaultLeft: Uint8Array;
  missingType: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  internalCount: Float64Array;
  leafValue: Float64Array;
  leafCount: Float64Array;
  maxDepth: number;
  expectedValue: number;
}

export class TreeDumpError extends Error {
  constructor(source: string, path: string, problem: string) {
    super(`Invalid LightGBM dump ${source}: ${path} ${problem}`);
    this.name = 'TreeDumpError';
  }
}

export class TreeEnsemble {
  /** Scratch space for the recursion, sized for the deepest tree; JS runs it synchronously, so one suffices. */
  private readonly pool: PathPool;

  private constructor(
    private readonly trees: readonly CompiledTree[],
    /** Outputs per row: 1 for binary (and regression), K for multiclass. */
    readonly numClasses: number,
    readonly numFeatures: number,
    readonly featureNames: readonly string[] | undefined,
  ) {
    this.pool = new PathPool(trees.reduce((max, t) => Math.max(max, t.maxDepth), 0) + 1);
  }

  /** Validates and compiles `dump_model()` output; `source` names the file in errors. */
  static fromDump(dump: unknown, source = 'trees.json'): TreeEnsemble {
    const { trees, perIteration, numFeatures, featureNames } = compileDump(dump, source);
    return new TreeEnsemble(trees, perIteration, numFeatures, featureNames);
  }

  get numTrees(): number {
    return this.trees.length;
  }

  /** Raw score (log-odds) per class by walking every tree: what ONNX's `margin` must equal. */
  predictMargin(row: ArrayLike<number>): Float64Array {
    const x = this.prepare(row);
    const margin = new Float64Array(this.numClasses);
    this.trees.forEach((tree, t) => {
      // A single-leaf tree has no internal node: start at its leaf (~0).
      let node = tree.feature.length > 0 ? 0 : ~0;
      while (node >= 0) node = decide(tree, node, x[tree.feature[node]!]!);
      margin[t % this.numClasses]! += tree.leafValue[~node]!;
    });
    return margin;
  }

  /**
   * SHAP values in margin space, laid out as LightGBM's pred_contrib: for each class, one value per
   * feature followed by the bias (the expected margin), so each block sums to that class's margin.
   * Trees are interleaved by class: tree t belongs to class t % K.
   */
  contributions(row: ArrayLike<number>): Float64Array {
    const x = this.prepare(row);
    const width = this.numFeatures + 1;
    const phi = new Float64Array(this.numClasses * width);
    this.trees.forEach((tree, t) => {
      const offset = (t % this.numClasses) * width;
      phi[offset + this.numFeatures]! += tree.expectedValue;
      if (tree.feature.length > 0) treeShap(tree, x, phi, offset, this.pool, 0, 0, 0, 1, 1, -1);
    });
    return phi;
  }

  private prepare(row: ArrayLike<number>): Float64Array {
    if (row.length !== this.numFeatures) throw new Error(`expected ${this.numFeatures} feature values, got ${row.length}`);
    // LightGBM's predictor drops |x| <= kZeroThreshold when it copies a dense row (c_api.cpp), so
    // such values reach the trees as exactly 0.
    return Float64Array.from(row, (v) => (Number.isNaN(v) || !isZero(v) ? v : 0));
  }
}

/** Tree::Decision: which child a value goes to, with LightGBM's missing-value rules. */
function decide(tree: CompiledTree, node: number, value: number): number {
  const categories = tree.categories[node];
  if (categories !== undefined) {
    // CategoricalDecision: NaN and negatives go right; otherwise the truncated int is looked up.
    if (Number.isNaN(value)) return tree.right[node]!;
    const category = Math.trunc(value);
    if (category < 0 || category > INT32_MAX) return tree.right[node]!;
    return categories.has(category) ? tree.left[node]! : tree.right[node]!;
  }
  // NumericalDecision: NaN is 0 unless the split learned a direction for NaN.
  const missing = tree.missingType[node]!;
  const x = Number.isNaN(value) && missing !== MISSING_NAN ? 0 : value;
  if ((missing === MISSING_ZERO && isZero(x)) || (missing === MISSING_NAN && Number.isNaN(x))) {
    return tree.defaultLeft[node] === 1 ? tree.left[node]! : tree.right[node]!;
  }
  return x <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
}

const cover = (tree: CompiledTree, node: number): number => (node >= 0 ? tree.internalCount[node]! : tree.leafCount[~node]!);

/**
 * The unique-path elements of Algorithm 2, as struct-of-arrays. Each recursion level copies its
 * parent's path just past it, so one triangular buffer of (D+1)(D+2)/2 elements serves a tree of depth D.
 */
class PathPool {
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
  constructor(maxPathLength: number) {
    const size = (maxPathLength * (maxPathLength + 1)) / 2;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

// Arithmetic below keeps LightGBM's operation order so results agree to the last bits where possible.
function extendPath(p: PathPool, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  p.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[at + i + 1]! += (one * p.weight[at + i]! * (i + 1)) / (depth + 1);
    p.weight[at + i] = (zero * p.weight[at + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(p: PathPool, at: number, depth: number, index: number): void {
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let nextOnePortion = p.weight[at + depth]!;
  for (let i = depth - 1; i >= 0; --i) {
    if (one !== 0) {
      const tmp = p.weight[at + i]!;
      p.weight[at + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * one);
      nextOnePortion = tmp - (p.weight[at + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[at + i] = (p.weight[at + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; ++i) {
    p.feature[at + i] = p.feature[at + i + 1]!;
    p.zero[at + i] = p.zero[at + i + 1]!;
    p.one[at + i] = p.one[at + i + 1]!;
  }
}

function unwoundPathSum(p: PathPool, at: number, depth: number, index: number): number {
  const one = p.one[at + index]!;
  const zero = p.zero[at + index]!;
  let nextOnePortion = p.weight[at + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; --i) {
    if (one !== 0) {
      const tmp = (nextOnePortion * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      nextOnePortion = p.weight[at + i]! - tmp * zero * ((depth - i) / (depth + 1));
    } else {
      total += p.weight[at + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

function treeShap(
  tree: CompiledTree, x: Float64Array, phi: Float64Array, phiOffset: number, p: PathPool,
  node: number, parentAt: number, depthIn: number, parentZero: number, parentOne: number, parentFeature: number,
): void {
  let depth = depthIn;
  const at = parentAt + depth;
  // Paths are a few elements long: a plain loop beats four copyWithin calls.
  for (let i = 0; i < depth; i++) {
    p.feature[at + i] = p.feature[parentAt + i]!;
    p.zero[at + i] = p.zero[parentAt + i]!;
    p.one[at + i] = p.one[parentAt + i]!;
    p.weight[at + i] = p.weight[parentAt + i]!;
  }
  extendPath(p, at, depth, parentZero, parentOne, parentFeature);

  if (node < 0) {
    const leafValue = tree.leafValue[~node]!;
    for (let i = 1; i <= depth; ++i) {
      const w = unwoundPathSum(p, at, depth, i);
      phi[phiOffset + p.feature[at + i]!]! += w * (p.one[at + i]! - p.zero[at + i]!) * leafValue;
    }
    return;
  }

  const feature = tree.feature[node]!;
  const hot = decide(tree, node, x[feature]!);
  const cold = hot === tree.left[node] ? tree.right[node]! : tree.left[node]!;
  const w = cover(tree, node);
  const hotZero = cover(tree, hot) / w;
  const coldZero = cover(tree, cold) / w;
  let incomingZero = 1;
  let incomingOne = 1;

  // A feature already on the path is unwound so this split can be redone with both fractions.
  let index = 0;
  while (index <= depth && p.feature[at + index] !== feature) index++;
  if (index !== depth + 1) {
    incomingZero = p.zero[at + index]!;
    incomingOne = p.one[at + index]!;
    unwindPath(p, at, depth, index);
    depth -= 1;
  }

  treeShap(tree, x, phi, phiOffset, p, hot, at, depth + 1, hotZero * incomingZero, incomingOne, feature);
  treeShap(tree, x, phi, phiOffset, p, cold, at, depth + 1, coldZero * incomingZero, 0, feature);
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface CompiledDump { trees: CompiledTree[]; perIteration: number; numFeatures: number; featureNames: string[] | undefined }

function compileDump(raw: unknown, source: string): CompiledDump {
  function fail(path: string, problem: string): never {
    throw new TreeDumpError(source, path, problem);
  }
  if (!isObject(raw)) fail('(root)', 'must be an object');
  if (raw.average_output === true) fail('average_output', 'is true (boosting=rf), which this runtime does not support');
  const maxFeature = raw.max_feature_idx;
  if (!Number.isInteger(maxFeature) || (maxFeature as number) < 0) fail('max_feature_idx', 'must be a non-negative integer');
  const numFeatures = (maxFeature as number) + 1;
  const perIteration = raw.num_tree_per_iteration ?? raw.num_class;
  if (!Number.isInteger(perIteration) || (perIteration as number) < 1) fail('num_tree_per_iteration', 'must be a positive integer');
  if (!Array.isArray(raw.tree_info) || raw.tree_info.length === 0) fail('tree_info', 'must be a non-empty array');
  let featureNames: string[] | undefined;
  if (raw.feature_names !== undefined) {
    const names = raw.feature_names;
    if (!Array.isArray(names) || names.length !== numFeatures || !names.every((n) => typeof n === 'string')) {
      fail('feature_names', `must be ${numFeatures} strings`);
    }
    featureNames = names;
  }
  const trees = (raw.tree_info as unknown[]).map((info, t) => {
    const path = `tree_info[${t}].tree_structure`;
    if (!isObject(info) || !isObject(info.tree_structure)) return fail(path, 'must be an object');
    return compileTree(info.tree_structure, path, numFeatures, fail);
  });
  return { trees, perIteration: perIteration as number, numFeatures, featureNames };
}

function compileTree(root: Obj, rootPath: string, numFeatures: number, fail: (path: string, problem: string) => never): CompiledTree {
  const internal: { node: Obj; path: string; left: number; right: number }[] = [];
  const leaves: { node: Obj; path: string }[] = [];
  let maxDepth = 0;
  // Preorder numbering with the root as internal node 0 and leaves as ~index, as in LightGBM.
  const visit = (node: unknown, path: string, depth: number): number => {
    if (!isObject(node)) return fail(path, 'must be an object');
    if ('leaf_value' in node) {
      maxDepth = Math.max(maxDepth, depth);
      return ~(leaves.push({ node, path }) - 1);
    }
    const entry = { node, path, left: 0, right: 0 };
    const i = internal.push(entry) - 1;
    entry.left = visit(node.left_child, `${path}.left_child`, depth + 1);
    entry.right = visit(node.right_child, `${path}.right_child`, depth + 1);
    return i;
  };
  visit(root, rootPath, 0);

  const n = internal.length;
  const tree: CompiledTree = {
    feature: new Int32Array(n), threshold: new Float64Array(n), categories: new Array<ReadonlySet<number> | undefined>(n).fill(undefined),
    defaultLeft: new Uint8Array(n), missingType: new Uint8Array(n), left: new Int32Array(n), right: new Int32Array(n),
    internalCount: new Float64Array(n), leafValue: new Float64Array(leaves.length), leafCount: new Float64Array(leaves.length),
    maxDepth, expectedValue: 0,
  };
  const count = (v: unknown, path: string): number => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : fail(path, 'must be a non-negative integer'));
  leaves.forEach(({ node, path }, i) => {
    if (typeof node.leaf_value !== 'number' || !Number.isFinite(node.leaf_value)) fail(`${path}.leaf_value`, 'must be a finite number');
    if ('leaf_coeff' in node) fail(path, 'is a linear-tree leaf, which TreeSHAP (and LightGBM pred_contrib) do not support');
    tree.leafValue[i] = node.leaf_value;
    // A single-leaf tree needs no cover: it only contributes to the bias.
    tree.leafCount[i] = n === 0 ? 0 : count(node.leaf_count, `${path}.leaf_count`);
  });
  internal.forEach(({ node, path, left, right }, i) => {
    const feature = node.split_feature;
    if (!Number.isInteger(feature) || (feature as number) < 0 || (feature as number) >= numFeatures) {
      fail(`${path}.split_feature`, `must be an integer in [0, ${numFeatures - 1}]`);
    }
    tree.feature[i] = feature as number;
    if (node.decision_type === '<=') {
      if (typeof node.threshold !== 'number' || Number.isNaN(node.threshold)) fail(`${path}.threshold`, 'must be a number');
      tree.threshold[i] = node.threshold;
    } else if (node.decision_type === '==') {
      const cats = String(node.threshold as string | number).split('||').map(Number);
      if (cats.some((c) => !Number.isInteger(c) || c < 0)) fail(`${path}.threshold`, `must list categories as "1||4||7" (got ${JSON.stringify(node.threshold)})`);
      tree.categories[i] = new Set(cats);
    } else {
      fail(`${path}.decision_type`, `must be "<=" or "==" (got ${JSON.stringify(node.decision_type)})`);
    }
    if (typeof node.default_left !== 'boolean') fail(`${path}.default_left`, 'must be true or false');
    tree.defaultLeft[i] = node.default_left ? 1 : 0;
    const missing = node.missing_type;
    if (missing !== 'None' && missing !== 'Zero' && missing !== 'NaN') fail(`${path}.missing_type`, 'must be "None", "Zero" or "NaN"');
    tree.missingType[i] = MISSING[missing];
    tree.internalCount[i] = count(node.internal_count, `${path}.internal_count`);
    tree.left[i] = left;
    tree.right[i] = right;
  });
  // Tree::ExpectedValue: the leaf values weighted by their share of the training rows.
  if (n === 0) tree.expectedValue = tree.leafValue[0]!;
  else tree.leafValue.forEach((v, i) => (tree.expectedValue += (tree.leafCount[i]! / tree.internalCount[0]!) * v));
  return tree;
}
