// The served face of a model directory (models/CARD.md): everything is loaded once in load(), so
// a broken artifact fails at startup; scoring a batch is one ONNX run (or one pass over a points
// scorecard); explanations come from the same trees via TreeSHAP (or a logistic model's terms,
// linear.json), in log-odds, so they add up to the margin that produced the score, or from the
// scorecard's points lost. When the card carries a calibration the served probability is the
// calibrated one; the raw one and the margin stay beside it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calibrator, type Calibrator } from './calibration.js';
import { FeatureEncoder } from './feature-encoder.js';
import { LinearTerms } from './linear.js';
import { type FeatureSpec, loadModelCard, type ModelCard, type ReasonText, WOE_SCORECARD } from './model-card.js';
import { OnnxSession, type OnnxSessionOptions } from './onnx-session.js';
import { byPointsLost, type ScorecardLine, type ScorecardResult, ScorecardSession } from './scorecard-session.js';
import { TreeEnsemble } from './tree-shap.js';

export type ModelRecord = Readonly<Record<string, unknown>>;

/** A scorecard's answer: the points it added up and what each characteristic gave. */
export interface ScorecardPoints { score: number; lines: ScorecardLine[] }

export interface BinaryScore {
  task: 'binary';
  /** P(positive class) as served: calibrated when the card has a calibration, else the raw one */
  probability: number;
  /** the model's own P(positive class), before calibration (kept for audit) */
  rawProbability: number;
  /** raw log-odds; TreeSHAP contributions add up to it */
  margin: number;
  /** `probability` at or above the card's threshold (chosen on the served out-of-fold probabilities) */
  decision: boolean;
  /** present when a WoE scorecard produced the score */
  scorecard?: ScorecardPoints;
}
/** `probabilities` follow `card.classes`; `label` is the most probable class. */
export interface MulticlassScore { task: 'multiclass'; probabilities: number[]; label: string }
export interface AnomalyScore { task: 'anomaly'; score: number }
export type ModelScore = BinaryScore | MulticlassScore | AnomalyScore;

export interface FeatureExplanation {
  feature: string;
  /** The value as the record gave it (null for a missing value of a nullable feature). */
  value: unknown;
  /**
   * In log-odds (margin) space; positive pushes toward the positive class. Tree models: the SHAP
   * value; logistic models: the term less its training mean (the linear model's exact SHAP value).
   * Scorecards: the points lost against the characteristic's best bin, over the scaling factor.
   */
  contribution: number;
  reason: ReasonText;
  /** Scorecards: the applicant's bin, its points, and the points lost against the best bin. */
  bin?: string;
  points?: number;
  pointsLost?: number;
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

/** What serves the champion or a challenger: an ONNX graph, or a points scorecard (no ONNX session at all). */
type Served = { kind: 'onnx'; session: OnnxSession } | { kind: 'scorecard'; scorecard: ScorecardSession };

export class ModelRuntime {
  readonly features: readonly FeatureSpec[];
  private readonly encoder: FeatureEncoder;
  private readonly calibrate: Calibrator;

  private constructor(
    readonly dir: string,
    readonly card: ModelCard,
    private readonly champion: Served,
    private readonly baseline: OnnxSession | undefined,
    private readonly challengers: ReadonlyMap<string, Served>,
    private readonly trees: TreeEnsemble | undefined,
    private readonly linear: { champion?: LinearTerms; baseline?: LinearTerms },
  ) {
    this.features = card.features;
    this.encoder = new FeatureEncoder(card.features);
    this.calibrate = calibrator(card.calibration);
  }

  static async load(dir: string, options: LoadOptions = {}): Promise<ModelRuntime> {
    const card = await loadModelCard(dir);
    const trees = card.algorithm.trees === undefined ? undefined : await loadTrees(join(dir, card.algorithm.trees), card);
    const linearFiles = new Map<string, LinearTerms>();
    const linearTerms = async (file: string | undefined) =>
      file === undefined ? undefined : (linearFiles.get(file) ?? linearFiles.set(file, await LinearTerms.open(join(dir, file), card.features)).get(file)!);
    const linear = { champion: await linearTerms(card.algorithm.linear), baseline: await linearTerms(card.baseline?.linear) };
    // Scorecards are checked before any native session opens; sessions opened are released if a later file is refused.
    const scorecards = new Map<string, ScorecardSession>();
    const scorecard = async (file: string) => scorecards.get(file) ?? scorecards.set(file, await ScorecardSession.open(join(dir, file), card.features)).get(file)!;
    const championScorecard = card.algorithm.name === WOE_SCORECARD ? await scorecard(card.algorithm.file!) : undefined;
    for (const c of card.challengers ?? []) if (c.name === WOE_SCORECARD) await scorecard(c.file);

    const sessions = new Map<string, OnnxSession>();
    const onnx = async (file: string, outputs: readonly string[]) => sessions.get(file) ?? sessions.set(file, await OnnxSession.open(join(dir, file), outputs, options)).get(file)!;
    try {
      const champion: Served = championScorecard ? { kind: 'scorecard', scorecard: championScorecard } : { kind: 'onnx', session: await onnx('model.onnx', REQUIRED_OUTPUTS[card.task]) };
      const baseline = card.task === 'binary' && card.baseline !== undefined ? await onnx(card.baseline.file, ['probability']) : undefined;
      const challengers = new Map<string, Served>();
      for (const c of card.challengers ?? []) {
        challengers.set(c.name, c.name === WOE_SCORECARD ? { kind: 'scorecard', scorecard: await scorecard(c.file) } : { kind: 'onnx', session: await onnx(c.file, ['probability']) });
      }
      return new ModelRuntime(dir, card, champion, baseline, challengers, trees, linear);
    } catch (error) {
      await Promise.all([...sessions.values()].map((s) => s.close()));
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

  /** The card's challengers this runtime serves (card.challengers), by name. */
  get challengerNames(): string[] {
    return [...this.challengers.keys()];
  }

  /** Whether explain() can answer: a tree dump to run TreeSHAP on, a logistic model's terms, or a scorecard champion. */
  get explainable(): boolean {
    return this.trees !== undefined || this.linear.champion !== undefined || this.champion.kind === 'scorecard';
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

  /**
   * A challenger's scores for rows encoded by encodeBatch, for the shadow: its own raw probability
   * (the card's calibration was fitted to the champion), decided at the card's threshold.
   */
  async challengerEncoded(name: string, encoded: Float64Array, n: number): Promise<BinaryScore[]> {
    const challenger = this.challengers.get(name);
    if (challenger === undefined) throw new Error(`model ${this.card.name} has no challenger "${name}" (card.challengers: ${this.challengerNames.join(', ') || 'none'})`);
    if (n === 0) return [];
    if (challenger.kind === 'scorecard') return challenger.scorecard.scoreEncoded(encoded, n, this.encoder.width).map((r) => this.scorecardScore(r, false));
    const out = await challenger.session.run(encoded, n, this.encoder.width, ['probability']);
    return Array.from(out.probability!, (p) => this.binaryScore(p, Math.log(p) - Math.log1p(-p), false));
  }

  private async run(encoded: Float64Array, n: number): Promise<ModelScore[]> {
    if (this.champion.kind === 'scorecard') return this.champion.scorecard.scoreEncoded(encoded, n, this.encoder.width).map((r) => this.scorecardScore(r, true));
    const out = await this.champion.session.run(encoded, n, this.encoder.width, OUTPUTS[this.card.task]);
    switch (this.card.task) {
      case 'binary':
        return Array.from({ length: n }, (_, i) => this.binaryScore(out.probability![i]!, out.margin![i]!, true));
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

  /**
   * The champion's probability is calibrated, and the card's threshold was chosen on calibrated
   * out-of-fold predictions, so it decides on that. A challenger has no calibration of its own.
   */
  private binaryScore(rawProbability: number, margin: number, calibrated: boolean): BinaryScore {
    const probability = calibrated ? this.calibrate(rawProbability, margin) : rawProbability;
    return { task: 'binary', probability, rawProbability, margin, decision: probability >= this.card.threshold!.value };
  }

  private scorecardScore(result: ScorecardResult, calibrated: boolean): BinaryScore {
    return { ...this.binaryScore(result.rawProbability, result.margin, calibrated), scorecard: { score: result.score, lines: result.lines } };
  }

  /** Binary models with a challenger: P(positive) from baseline.onnx, for comparison only. */
  baselineProbabilities(records: readonly ModelRecord[]): Promise<number[]> {
    return this.baselineEncoded(this.encoder.encodeBatch(records), records.length);
  }

  /** Per-feature SHAP values then the bias, per class (LightGBM pred_contrib layout), in log-odds. */
  contributions(record: ModelRecord): Float64Array {
    return this.phi(this.encoder.encode(record));
  }

  /** The baseline's (linear.json) contributions then its bias, in log-odds. */
  baselineContributions(record: ModelRecord): Float64Array {
    if (this.linear.baseline === undefined) throw new Error(`model ${this.card.name} has no baseline linear.json (baseline.linear)`);
    return this.linear.baseline.contributions(this.encoder.encode(record));
  }

  /**
   * The features that pushed this record's score up the most, largest first, with reason text:
   * TreeSHAP for tree models, the terms of a logistic one; for a scorecard champion, the
   * characteristics by points lost against their best bin (ties by feature name), the
   * adverse-action reasons lenders report.
   */
  explain(record: ModelRecord, options: ExplainOptions = {}): FeatureExplanation[] {
    if (this.champion.kind === 'scorecard') {
      const result = this.champion.scorecard.scoreRow(this.encoder.encode(record));
      return this.scorecardExplanation(result.lines, record, options.top);
    }
    const phi = this.phi(this.encoder.encode(record));
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

  /**
   * A scorecard's lines (champion's or challenger's) as explanations, most points lost first. The
   * adverse-action reasons are those with points lost (contribution > 0); the missing bin gives
   * the card's missingReasons text where it has one.
   */
  scorecardExplanation(lines: readonly ScorecardLine[], record: ModelRecord, top = DEFAULT_TOP): FeatureExplanation[] {
    const factor = this.scorecardFactor();
    return byPointsLost(lines)
      .slice(0, top)
      .map((line): FeatureExplanation => {
        const contribution = line.pointsLost / factor;
        return { feature: line.feature, value: record[line.feature] ?? null, contribution, reason: this.reasonFor(line.feature, contribution, 'the estimated risk', line.missing), bin: line.bin, points: line.points, pointsLost: line.pointsLost };
      });
  }

  async dispose(): Promise<void> {
    const sessions = new Set<OnnxSession>([...(this.champion.kind === 'onnx' ? [this.champion.session] : []), ...(this.baseline ? [this.baseline] : [])]);
    for (const c of this.challengers.values()) if (c.kind === 'onnx') sessions.add(c.session);
    await Promise.all([...sessions].map((s) => s.close()));
  }

  private scorecardFactor(): number {
    if (this.champion.kind === 'scorecard') return this.champion.scorecard.scaling.factor;
    const challenger = this.challengers.get(WOE_SCORECARD);
    if (challenger?.kind === 'scorecard') return challenger.scorecard.scaling.factor;
    throw new Error(`model ${this.card.name} has no scorecard`);
  }

  private phi(row: Float64Array): Float64Array {
    if (this.trees !== undefined) return this.trees.contributions(row);
    if (this.linear.champion !== undefined) return this.linear.champion.contributions(row);
    throw new Error(`model ${this.card.name} has no tree dump (algorithm.trees) or linear terms (algorithm.linear), so it cannot be explained`);
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
