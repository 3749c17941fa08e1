// The recovery episodes' read model. The workflow is the source of truth; this is what the API,
// the inbox (which episode does a reply belong to?) and the stats read.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RunningEpisode {
  workflowId: string;
  loanId: string;
  episode: number;
  currency: string;
  country: string;
}

type Row = Record<string, unknown>;

export class RecoveryEpisodeRepository {
  constructor(private readonly em: EntityManager) {}

  /** The loan's running episode, if it has one (a loan has at most one at a time). */
  async running(loanId: string): Promise<RunningEpisode | null> {
    const [row] = await this.em.execute<Row[]>(
      `select workflow_id, loan_id, episode, currency, country from recovery_episodes where loan_id = ? and status = 'running' order by episode desc limit 1`,
      [loanId],
    );
    return row ? { workflowId: String(row.workflow_id), loanId: String(row.loan_id), episode: Number(row.episode), currency: String(row.currency), country: String(row.country) } : null;
  }
}
