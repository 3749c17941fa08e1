// The model registry: which version of each model decides (champion) and which is scored in
// the shadow on the same live traffic (challenger), from models/registry.json. Sessions are
// loaded once per artifact directory and shared by every version that uses it. Every score
// of either role goes to the ScoreSink, paired by scoringId, so the shadow comparison and
// drift monitoring read what production actually saw.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ModelRuntime, WOE_SCORECARD, type FeatureExplanation, type LoadOptions, type ModelRecord, type ModelScore } from '../runtime/index.js';
import { DISCARD_SCORES, type ScoreRecord, type ScoreSink } from './score-sink.js';

export interface VersionEntry {
  dir: string;
  /**
   * 'baseline': the directory's logistic-regression baseline.onnx instead of model.onnx;
   * 'scorecard': its WoE points scorecard (card.challengers lists woe_scorecard). Challengers only.
   */
  variant?: 'baseline' | 'scorecard';
}

export interface RegistryFile {
  models: Record<string, { versions: Record<string, VersionEntry>; champion: string; challenger?: string }>;
}

export interface ScoredRecord {
  model: string;
  version: string;
  score: ModelScore;
  /** at the model's threshold (binary and anomaly models; null for multiclass or without a threshold) */
  flagged: boolean | null;
  /** top reasons, when asked for (tree, logistic and scorecard models) */
  explanation?: FeatureExplanation[];
}

export interface ScoreOptions {
  /** what is being scored: a loan id, or 'api:<request id>'; one per record or one for all */
  subject: string | readonly string[];
  /** how many reasons to explain per record (0: none) */
  explain?: number;
}

export class UnknownModelError extends Error {
  constructor(readonly model: string, known: readonly string[]) {
    super(`unknown model "${model}"; known models: ${known.join(', ')}`);
    this.name = 'UnknownModelError';
  }
}

interface LoadedModel {
  name: string;
  champion: { version: string; runtime: ModelRuntime };
  challenger?: { version: string; runtime: ModelRuntime; variant?: VersionEntry['variant'] };
}

/** models/ in the sources, or its copy beside the compiled code in dist/ (apps/tools/copy-assets.ts). */
export const DEFAULT_MODELS_DIR = resolve(import.meta.dirname, '..');

export class ModelRegistry {
  private readonly pending = new Set<Promise<void>>();

  private constructor(
    private readonly models: ReadonlyMap<string, LoadedModel>,
    private readonly runtimes: readonly ModelRuntime[],
    private readonly sink: ScoreSink,
    private readonly onShadowError: (error: unknown) => void,
  ) {}

  static async load(options: { dir?: string; sink?: ScoreSink; session?: LoadOptions; onShadowError?: (error: unknown) => void } = {}): Promise<ModelRegistry> {
    const dir = options.dir ?? DEFAULT_MODELS_DIR;
    const file = JSON.parse(await readFile(join(dir, 'registry.json'), 'utf8')) as RegistryFile;
    const byDir = new Map<string, Promise<ModelRuntime>>();
    const runtimeFor = (entry: VersionEntry) => {
      const path = resolve(dir, entry.dir);
      if (!byDir.has(path)) byDir.set(path, ModelRuntime.load(path, options.session));
      return byDir.get(path)!;
    };
    const models = new Map<string, LoadedModel>();
    async function loadModels(): Promise<void> {
      for (const [name, model] of Object.entries(file.models)) {
        const entry = (version: string) => {
          const found = model.versions[version];
          if (!found) throw new Error(`models/registry.json: ${name} names version ${version}, which it does not list`);
          return found;
        };
        const champion = entry(model.champion);
        if (champion.variant !== undefined) throw new Error(`models/registry.json: ${name}'s champion must be its directory's champion, not a ${champion.variant} variant`);
        const loaded: LoadedModel = { name, champion: { version: model.champion, runtime: await runtimeFor(champion) } };
        if (model.challenger !== undefined) {
          const challenger = entry(model.challenger);
          const runtime = await runtimeFor(challenger);
          if (challenger.variant === 'baseline' && !runtime.hasBaseline) throw new Error(`models/registry.json: ${name} ${model.challenger} has no baseline.onnx`);
          if (challenger.variant === 'scorecard' && !runtime.challengerNames.includes(WOE_SCORECARD)) {
            throw new Error(`models/registry.json: ${name} ${model.challenger} names a scorecard, but ${challenger.dir}/card.json lists no ${WOE_SCORECARD} challenger`);
          }
          loaded.challenger = { version: model.challenger, runtime, variant: challenger.variant };
        }
        models.set(name, loaded);
      }
    }
    try {
      await loadModels();
    } catch (error) {
      // A refused registry releases the sessions it had opened before saying why.
      const opened = await Promise.allSettled(byDir.values());
      await Promise.all(opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value.dispose()] : [])));
      throw error;
    }
    return new ModelRegistry(models, await Promise.all(byDir.values()), options.sink ?? DISCARD_SCORES, options.onShadowError ?? (() => undefined));
  }

  names(): string[] {
    return [...this.models.keys()];
  }

  /** The champion's runtime (card, features, explain). */
  champion(name: string): { version: string; runtime: ModelRuntime } {
    return this.get(name).champion;
  }

  challenger(name: string): { version: string } | undefined {
    const c = this.get(name).challenger;
    return c && { version: c.version };
  }

  /**
   * Scores with the champion and returns its answers; the challenger scores the same rows in the
   * shadow after the champion has answered (settled() awaits it). Invalid records throw
   * FeatureValidationError before anything is scored or recorded.
   */
  async score(name: string, records: readonly ModelRecord[], options: ScoreOptions): Promise<ScoredRecord[]> {
    const model = this.get(name);
    const { runtime, version } = model.champion;
    const encoded = runtime.encodeBatch(records);
    const scores = await runtime.scoreEncoded(encoded, records.length);
    const scoringIds = records.map(() => randomUUID());
    const subjects = records.map((_, i) => (typeof options.subject === 'string' ? options.subject : (options.subject[i] ?? 'unknown')));
    const scoredAt = new Date().toISOString();
    const width = runtime.features.length;
    this.sink.record(
      scores.map((s, i) => ({ scoringId: scoringIds[i]!, model: name, version, role: 'champion', subject: subjects[i]!, ...recorded(s, runtime), inputs: Array.from(encoded.subarray(i * width, (i + 1) * width), (v) => (Number.isNaN(v) ? null : v)), scoredAt })),
    );
    if (model.challenger) this.track(this.shadow(model, encoded, records.length, scoringIds, subjects, scoredAt));
    const top = options.explain ?? 0;
    return scores.map((score, i) => ({ model: name, version, score, flagged: recorded(score, runtime).flagged, ...(top > 0 && runtime.explainable ? { explanation: runtime.explain(records[i]!, { top }) } : {}) }));
  }

  /** Resolves when every shadow scoring started so far has been recorded. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async dispose(): Promise<void> {
    await this.settled();
    await Promise.all(this.runtimes.map((r) => r.dispose()));
  }

  private async shadow(model: LoadedModel, encoded: Float64Array, n: number, scoringIds: string[], subjects: string[], scoredAt: string): Promise<void> {
    const c = model.challenger!;
    const rows: ScoreRecord[] = [];
    if (c.variant === 'baseline') {
      const threshold = c.runtime.card.threshold?.value;
      const probabilities = await c.runtime.baselineEncoded(encoded, n);
      probabilities.forEach((p, i) => rows.push({ scoringId: scoringIds[i]!, model: model.name, version: c.version, role: 'challenger', subject: subjects[i]!, score: p, flagged: threshold === undefined ? null : p >= threshold, inputs: null, scoredAt }));
    } else {
      const scores = c.variant === 'scorecard' ? await c.runtime.challengerEncoded(WOE_SCORECARD, encoded, n) : await c.runtime.scoreEncoded(encoded, n);
      scores.forEach((s, i) => rows.push({ scoringId: scoringIds[i]!, model: model.name, version: c.version, role: 'challenger', subject: subjects[i]!, ...recorded(s, c.runtime), inputs: null, scoredAt }));
    }
    this.sink.record(rows);
  }

  private track(work: Promise<void>): void {
    const done = work.catch(this.onShadowError).finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  private get(name: string): LoadedModel {
    const model = this.models.get(name);
    if (!model) throw new UnknownModelError(name, this.names());
    return model;
  }
}

/**
 * The number a score is recorded as, and whether it crossed the model's threshold. A binary
 * model's is its served probability: the card's drift baseline and threshold are of served scores.
 */
function recorded(score: ModelScore, runtime: ModelRuntime): { score: number; flagged: boolean | null } {
  switch (score.task) {
    case 'binary':
      return { score: score.probability, flagged: score.decision };
    case 'anomaly': {
      const threshold = runtime.card.threshold?.value;
      return { score: score.score, flagged: threshold === undefined ? null : score.score >= threshold };
    }
    case 'multiclass':
      return { score: Math.max(...score.probabilities), flagged: null };
  }
}
