// Production scores: written in batches by the score log, read back by the drift monitor and
// the shadow comparison.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScoreRecord } from '../../models/registry/index.js';

export interface ShadowSummary {
  model: string;
  championVersion: string;
  challengerVersion: string;
  pairs: number;
  /** share of pairs where both models flag, or both do not */
  agreement: number | null;
  meanAbsDifference: number | null;
}

const COLUMNS = 9;

export class ModelScoreRepository {
  constructor(private readonly em: EntityManager) {}

  /** One multi-row insert per batch: the score path must not wait on a round trip per score. */
  async insert(rows: ScoreRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map(() => `(${Array.from({ length: COLUMNS }, () => '?').join(', ')})`).join(', ');
    await this.em.execute(
      `insert into model_scores (scoring_id, model, version, role, subject, score, flagged, inputs, scored_at) values ${values}`,
      rows.flatMap((r) => [r.scoringId, r.model, r.version, r.role, r.subject, r.score, r.flagged, r.inputs === null ? null : JSON.stringify(r.inputs), r.scoredAt]),
    );
  }

  /** The latest champion scores of one model version, newest first: the live population for drift. */
  async recent(model: string, version: string, limit: number): Promise<{ score: number; inputs: (number | null)[] | null }[]> {
    return this.em.execute<{ score: number; inputs: (number | null)[] | null }[]>(
      `select score, inputs from model_scores where model = ? and version = ? and role = 'champion' order by scored_at desc, id desc limit ?`,
      [model, version, limit],
    );
  }

  /** Champion against challenger over the pairs scored since `since`. */
  async shadowSummary(model: string, since: string): Promise<ShadowSummary[]> {
    const rows = await this.em.execute<{ champion_version: string; challenger_version: string; pairs: string; agreement: number | null; mean_abs_difference: number | null }[]>(
      `select c.version as champion_version, s.version as challenger_version, count(*) as pairs,
              avg(case when c.flagged is null or s.flagged is null then null when c.flagged = s.flagged then 1.0 else 0.0 end) as agreement,
              avg(abs(c.score - s.score)) as mean_abs_difference
       from model_scores c join model_scores s on s.scoring_id = c.scoring_id and s.role = 'challenger'
       where c.role = 'champion' and c.model = ? and c.scored_at >= ?
       group by c.version, s.version order by c.version, s.version`,
      [model, since],
    );
    return rows.map((r) => ({ model, championVersion: r.champion_version, challengerVersion: r.challenger_version, pairs: Number(r.pairs), agreement: r.agreement === null ? null : Number(r.agreement), meanAbsDifference: r.mean_abs_difference === null ? null : Number(r.mean_abs_difference) }));
  }
}
