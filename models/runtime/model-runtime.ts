// The served face of a model directory (models/CARD.md): everything is loaded once in load(), so
// a broken artifact fails at startup; scoring a batch is one ONNX run; explanations come from the
// same trees via TreeSHAP, in log-odds, so they add up to the margin that produced the score.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FeatureEncoder } from './feature-encoder.js';
import { type FeatureSpec, loadModelCard, type ModelCard, type ReasonText } from './model-card.js';
import { OnnxSession, type OnnxSessionOptions } from './onnx-session.js';
import { TreeEnsemble } from './tree-shap.js';

export type ModelRecord = Readonly<Record<string, unknown>>;

export interface BinaryScore { task: 'binary'; probability: number; margin: number; decision: boolean }
/** `probabilities` follow `card.classes`; `label` is the most probable class. */
export interface MulticlassScore { task: 'multiclass'; probabilities: number[]; label: string }
export interface AnomalyScore { task: 'anomaly'; score: number }
export type ModelScore = BinaryScore | MulticlassScore | AnomalyScore;

export interface FeatureExplanation {
  feature: string;
  /** The value as the record gave it (null for a missing value of a nullable feature). */
  value: unknown;
  /** SHAP value in log-odds (margin) space; positive pushes toward the positive class. */
  contribution: number;
  reason: ReasonText;
}

export interface ExplainOptions {
  /** How many features to return. Default 4, the usual number of adverse-action reasons. */
  top?: number;
  /** Multiclass: the class to explain. Default: the predicted class. */
  class?: string;
}

export type LoadOptions = OnnxSessionOptions;

const OUTPUTS = { binary: ['probability', 'margin'], multiclass: ['probabilities'], anomaly: ['score'] } as const;
// Checked at load for the contract even where scoring reads fewer outputs.
const REQUIRED_OUTPUTS = { binary: ['probability', 'margin'], multiclass: ['probabilities', 'margin'], anomaly: ['score'] } as const;
const DEFAULT_TOP = 4;

export class ModelRuntime {
  readonly features: readonly FeatureSpec[];
  private readonly encoder: FeatureEncoder;

  private constructor(
    readonly dir: string,
    readonly card: ModelCard,
    private readonly session: OnnxSession,
    private readonly baseline: OnnxSession | undefined,
    private readonly trees: TreeEnsemble | undefined,
  ) {
    this.features = card.features;
    this.encoder = new FeatureEncoder(card.features);
  }

  static async load(dir: string, options: LoadOptions = {}): Promise<ModelRuntime> {
    const card = await loadModelCard(dir);
    const trees = card.algorithm.trees === undefined ? undefined : await loadTrees(join(dir, card.algorithm.trees), card);
    const session = await OnnxSession.open(join(dir, 'model.onnx'), REQUIRED_OUTPUTS[card.task], options);
    try {
      const baseline =
        card.task === 'binary' && card.baseline !== undefined
          ? await OnnxSession.open(join(dir, card.baseline.file), ['probability'], options)
          : undefined;
      return new ModelRuntime(dir, card, session, baseline, trees);
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  /** Throws FeatureValidationError listing every problem with the record. */
  async score(record: ModelRecord): Promise<ModelScore> {
    const [score] = await this.run(this.encoder.encode(record), 1);
    return score!;
  }

  /** Scores all records in one ONNX run; an invalid record throws FeatureValidationError with its index. */
  async scoreBatch(records: readonly ModelRecord[]): Promise<ModelScore[]> {
    if (records.length === 0) return [];
    return this.run(this.encoder.encodeBatch(records), records.length);
  }

  get hasBaseline(): boolean {
    return this.baseline !== undefined;
  }

  /** The records as the model's input rows (throws FeatureValidationError): encode once, score champion and challenger from it. */
  encodeBatch(records: readonly ModelRecord[]): Float64Array {
    return this.encoder.encodeBatch(records);
  }

  /** Scores rows already encoded by encodeBatch (n rows of features.length). */
  scoreEncoded(encoded: Float64Array, n: number): Promise<ModelScore[]> {
    return n === 0 ? Promise.resolve([]) : this.run(encoded, n);
  }

  /** The baseline's P(positive) for rows already encoded by encodeBatch. */
  async baselineEncoded(encoded: Float64Array, n: number): Promise<number[]> {
    if (this.baseline === undefined) throw new Error(`model ${this.card.name} has no baseline model`);
    if (n === 0) return [];
    const out = await this.baseline.run(encoded, n, this.encoder.width, ['probability']);
    return Array.from(out.probability!);
  }

  private async run(encoded: Float64Array, n: number): Promise<ModelScore[]> {
    const out = await this.session.run(encoded, n, this.encoder.width, OUTPUTS[this.card.task]);
    switch (this.card.task) {
      case 'binary': {
        const threshold = this.card.threshold!.value;
        return Array.from({ length: n }, (_, i): BinaryScore => {
          const probability = out.probability![i]!;
          return { task: 'binary', probability, margin: out.margin![i]!, decision: probability >= threshold };
        });
      }
      case 'multiclass': {
        const classes = this.card.classes!;
        const k = classes.length;
        return Array.from({ length: n }, (_, i): MulticlassScore => {
          const probabilities = Array.from(out.probabilities!.subarray(i * k, (i + 1) * k));
          return { task: 'multiclass', probabilities, label: classes[argmax(probabilities)]! };
        });
      }
      case 'anomaly':
        return Array.from(out.score!, (score): AnomalyScore => ({ task: 'anomaly', score }));
    }
  }

  /** Binary models with a challenger: P(positive) from baseline.onnx, for comparison only. */
  baselineProbabilities(records: readonly ModelRecord[]): Promise<number[]> {
    return this.baselineEncoded(this.encoder.encodeBatch(records), records.length);
  }

  /** Per-feature SHAP values then the bias, per class (LightGBM pred_contrib layout), in log-odds. */
  contributions(record: ModelRecord): Float64Array {
    return this.requireTrees().contributions(this.encoder.encode(record));
  }

  /** The features that pushed this record's score up the most, largest first, with reason text. */
  explain(record: ModelRecord, options: ExplainOptions = {}): FeatureExplanation[] {
    const trees = this.requireTrees();
    const phi = trees.contributions(this.encoder.encode(record));
    const width = this.features.length + 1;
    const classIndex = this.classToExplain(phi, options.class);
    const target = this.card.task === 'multiclass' ? `the likelihood of "${this.card.classes![classIndex]}"` : 'the estimated risk';
    const explained = this.features.map((f, i): FeatureExplanation => {
      const contribution = phi[classIndex * width + i]!;
      return { feature: f.name, value: record[f.name] ?? null, contribution, reason: this.reasonFor(f.name, contribution, target, record[f.name] === null || record[f.name] === undefined) };
    });
    // Array.prototype.sort is stable, so ties keep card order and explanations are reproducible.
    return explained.sort((a, b) => b.contribution - a.contribution).slice(0, options.top ?? DEFAULT_TOP);
  }

  async dispose(): Promise<void> {
    await this.session.close();
    await this.baseline?.close();
  }

  private requireTrees(): TreeEnsemble {
    if (this.trees === undefined) throw new Error(`model ${this.card.name} has no tree dump (algorithm.trees), so it cannot be explained`);
    return this.trees;
  }

  private classToExplain(phi: Float64Array, name: string | undefined): number {
    if (this.card.task !== 'multiclass') return 0;
    const classes = this.card.classes!;
    if (name !== undefined) {
      const index = classes.indexOf(name);
      if (index < 0) throw new Error(`model ${this.card.name} has no class ${JSON.stringify(name)} (classes: ${classes.join(', ')})`);
      return index;
    }
    // Each class block sums to that class's margin; softmax is monotone, so its argmax is the label.
    const width = this.features.length + 1;
    return argmax(classes.map((_, k) => phi.subarray(k * width, (k + 1) * width).reduce((a, b) => a + b, 0)));
  }

  private reasonFor(feature: string, contribution: number, target: string, missing: boolean): ReasonText {
    // Card reasons are adverse-action texts: they only describe a feature that raised the score.
    // A missing value raises it for its absence ("no credit file"), not for a level it does not have.
    const card = (missing ? this.card.missingReasons?.[feature] : undefined) ?? this.card.reasons?.[feature];
    if (card !== undefined && contribution > 0) return card;
    const label = feature.replace(/_/g, ' ');
    const effect = contribution > 0 ? 'increased' : contribution < 0 ? 'decreased' : 'did not change';
    return { code: `FEATURE_${feature.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`, text: `Value of "${label}" ${effect} ${target}` };
  }
}

function argmax(values: readonly number[]): number {
  return values.reduce((best, v, i) => (v > values[best]! ? i : best), 0);
}

async function loadTrees(file: string, card: ModelCard): Promise<TreeEnsemble> {
  let dump: unknown;
  try {
    dump = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: could not be read as JSON: ${(error as Error).message}`, { cause: error });
  }
  const trees = TreeEnsemble.fromDump(dump, file);
  const expectedClasses = card.task === 'multiclass' ? card.classes!.length : 1;
  if (trees.numFeatures !== card.features.length) throw new Error(`${file}: trees use ${trees.numFeatures} features, card.json lists ${card.features.length}`);
  if (trees.numClasses !== expectedClasses) throw new Error(`${file}: trees produce ${trees.numClasses} outputs, the ${card.task} card expects ${expectedClasses}`);
  // LightGBM stores names with whitespace replaced by "_"; "Column_i" means it was trained without names.
  const names = trees.featureNames;
  if (names !== undefined && !names.every((n, i) => n === `Column_${i}`)) {
    card.features.forEach((f, i) => {
      if (names[i] !== f.name.replace(/\s/g, '_')) throw new Error(`${file}: feature ${i} is "${names[i]}" in the trees but "${f.name}" in card.json`);
    });
  }
  return trees;
}
