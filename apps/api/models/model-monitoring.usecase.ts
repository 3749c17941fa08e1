// What the model registry and its production scores say: the models and their cards' figures,
// the challenger's shadow comparison, input and score drift, and the same as Prometheus metrics.
import { Inject, Injectable } from '@nestjs/common';
import { ModelScoreRepository, type ShadowSummary } from '../../../db/repositories/model-score.repository.js';
import type { Orm } from '../../../db/orm.js';
import { driftReport, type DriftReport } from '../../../models/monitoring/drift-report.js';
import { ModelRegistry, UnknownModelError } from '../../../models/registry/index.js';
import { ProblemException } from '../http/problem.js';
import { MODELS, ORM } from '../tokens.js';

/** Live rows compared with the training baseline: enough for stable bins, cheap to read. */
export const DRIFT_WINDOW = 5000;

export interface ModelSummary {
  name: string;
  champion: string;
  challenger: string | null;
  task: string;
  description: string;
  trainedAt: string;
  features: { name: string; type: string; nullable: boolean; categories?: string[] }[];
  classes?: string[];
  threshold: number | null;
  metrics: Record<string, unknown>;
  fairness: unknown;
}

@Injectable()
export class ModelMonitoringUseCase {
  constructor(
    @Inject(MODELS) private readonly models: ModelRegistry,
    @Inject(ORM) private readonly orm: Orm,
  ) {}

  list(): ModelSummary[] {
    return this.models.names().map((name) => {
      const { version, runtime } = this.models.champion(name);
      const card = runtime.card;
      return {
        name,
        champion: version,
        challenger: this.models.challenger(name)?.version ?? null,
        task: card.task,
        description: card.description ?? '',
        trainedAt: card.trainedAt,
        features: card.features.map((f) => ({ name: f.name, type: f.type, nullable: f.nullable, ...(f.type === 'categorical' ? { categories: f.categories } : {}) })),
        ...(card.classes ? { classes: card.classes } : {}),
        threshold: card.threshold?.value ?? null,
        metrics: { ...card.metrics },
        fairness: (card as { fairness?: unknown }).fairness ?? null,
      };
    });
  }

  async shadow(name: string, since: string): Promise<ShadowSummary[]> {
    this.known(name);
    return new ModelScoreRepository(this.orm.em.fork()).shadowSummary(name, since);
  }

  async drift(name: string): Promise<DriftReport> {
    const { version, runtime } = this.known(name);
    const live = await new ModelScoreRepository(this.orm.em.fork()).recent(name, version, DRIFT_WINDOW);
    return driftReport(runtime.card, version, live);
  }

  /** Prometheus text exposition (version 0.0.4). */
  async metrics(): Promise<string> {
    const lines = [
      '# HELP credence_model_psi Population stability index of a model input or its score: the latest production scores against the training baseline.',
      '# TYPE credence_model_psi gauge',
    ];
    const rows: string[] = ['# HELP credence_model_drift_rows Production scores the PSI was computed over.', '# TYPE credence_model_drift_rows gauge'];
    const shadow: string[] = ['# HELP credence_model_shadow_agreement Share of the last day\'s scorings where champion and challenger agree at the threshold.', '# TYPE credence_model_shadow_agreement gauge'];
    const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    for (const name of this.models.names()) {
      const report = await this.drift(name);
      const labels = `model="${name}",version="${report.version}"`;
      rows.push(`credence_model_drift_rows{${labels}} ${report.rows}`);
      if (report.score) lines.push(`credence_model_psi{${labels},input="score"} ${report.score.psi}`);
      for (const f of report.features) lines.push(`credence_model_psi{${labels},input="${f.input}"} ${f.psi}`);
      for (const s of await this.shadow(name, since)) {
        if (s.agreement !== null) shadow.push(`credence_model_shadow_agreement{model="${name}",champion="${s.championVersion}",challenger="${s.challengerVersion}"} ${s.agreement}`);
      }
    }
    return [...lines, ...rows, ...shadow, ''].join('\n');
  }

  private known(name: string) {
    try {
      return this.models.champion(name);
    } catch (err) {
      if (err instanceof UnknownModelError) throw new ProblemException('modelNotFound', err.message);
      throw err;
    }
  }
}
