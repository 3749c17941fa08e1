// Scores records with the named model's champion (the challenger shadows it). Every way the
// request can be wrong is a 400 naming the record and the feature; nothing is scored or recorded
// for a request with any invalid record. A key that is no feature of the model is refused too (a
// misspelt optional input would otherwise pass unseen), as the OpenAPI document's records say.
import { Inject, Injectable } from '@nestjs/common';
import { ModelRegistry, UnknownModelError, type ScoredRecord } from '../../../models/registry/index.js';
import { FeatureValidationError, type ModelRuntime } from '../../../models/runtime/index.js';
import { ProblemException, type FieldError } from '../http/problem.js';
import { MODELS } from '../tokens.js';
import type { ScoreResponseDto, RecordScoreDto } from './score-response.dto.js';

export interface ScoreRecordsCommand {
  model: string;
  records: Record<string, unknown>[];
  explain: number;
  requestId: string;
}

@Injectable()
export class ScoreRecordsUseCase {
  constructor(@Inject(MODELS) private readonly models: ModelRegistry) {}

  async execute(command: ScoreRecordsCommand): Promise<ScoreResponseDto> {
    const runtime = this.champion(command.model);
    const features = new Set(runtime.card.features.map((f) => f.name));
    if (command.records.some((record) => Object.keys(record).some((key) => !features.has(key)))) throw ProblemException.validation(this.problems(runtime, command.records));
    let scored: ScoredRecord[];
    try {
      scored = await this.models.score(command.model, command.records, { subject: `api:${command.requestId}`, explain: runtime.explainable ? command.explain : 0 });
    } catch (err) {
      if (err instanceof FeatureValidationError) throw ProblemException.validation(this.problems(runtime, command.records));
      throw err;
    }
    return { model: command.model, version: this.models.champion(command.model).version, scores: scored.map((s) => view(s, runtime)) };
  }

  private champion(model: string): ModelRuntime {
    try {
      return this.models.champion(model).runtime;
    } catch (err) {
      if (err instanceof UnknownModelError) throw ProblemException.validation([{ field: 'model', message: err.message }]);
      throw err;
    }
  }

  /** Every problem of every record (the batch stops at the first bad record; the client deserves all). */
  private problems(runtime: ModelRuntime, records: Record<string, unknown>[]): FieldError[] {
    const errors: FieldError[] = [];
    const features = new Set(runtime.card.features.map((f) => f.name));
    records.forEach((record, i) => {
      for (const key of Object.keys(record).filter((k) => !features.has(k))) errors.push({ field: `records[${i}].${key}`, message: `is not a feature of ${runtime.card.name}` });
      try {
        runtime.encodeBatch([record]);
      } catch (err) {
        if (!(err instanceof FeatureValidationError)) throw err;
        for (const p of err.problems) errors.push({ field: `records[${i}].${p.feature}`, message: p.message });
      }
    });
    return errors;
  }
}

function view(s: ScoredRecord, runtime: ModelRuntime): RecordScoreDto {
  const reasons = s.explanation?.map((e) => ({ feature: e.feature, value: e.value, contribution: e.contribution, ...(e.pointsLost === undefined ? {} : { pointsLost: e.pointsLost }), code: e.reason.code, text: e.reason.text }));
  const withReasons = reasons ? { reasons } : {};
  switch (s.score.task) {
    case 'binary':
      return { probability: s.score.probability, rawProbability: s.score.rawProbability, ...(s.score.scorecard ? { points: s.score.scorecard.score } : {}), decision: s.score.decision, ...withReasons };
    case 'multiclass': {
      const probabilities = s.score.probabilities;
      const classes = runtime.card.classes ?? [];
      return { label: s.score.label, probabilities: Object.fromEntries(probabilities.map((p, i) => [classes[i] ?? String(i), p])), ...withReasons };
    }
    case 'anomaly':
      return { score: s.score.score, ...(s.flagged === null ? {} : { flagged: s.flagged }), ...withReasons };
  }
}
