// The production ScoreSink: buffers champion and challenger scores and writes them to
// model_scores in batches (one multi-row insert per flush), so a burst of POST /v1/score or
// of applications costs a handful of inserts, not one round trip per score.
//
// These rows are monitoring data (shadow comparison, drift), not the loan's record (that is the
// workflow history and the loan's events), so under a sustained database outage the buffer is
// capped and the oldest rows are dropped, counted and logged rather than holding memory forever.
import type { MikroORM } from '@mikro-orm/postgresql';
import { ModelScoreRepository } from '../../../db/repositories/model-score.repository.js';
import type { ScoreRecord, ScoreSink } from '../../../models/registry/index.js';
import type { Logger } from '../logger.js';

export interface ScoreLogOptions {
  /** rows per insert */
  batchSize?: number;
  /** how long a row may wait for its batch to fill */
  flushAfterMs?: number;
  /** rows held while the database is unreachable before the oldest are dropped */
  maxBuffered?: number;
}

export class ScoreLog implements ScoreSink {
  private buffer: ScoreRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dropped = 0;
  private readonly batchSize: number;
  private readonly flushAfterMs: number;
  private readonly maxBuffered: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    options: ScoreLogOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.flushAfterMs = options.flushAfterMs ?? 200;
    this.maxBuffered = options.maxBuffered ?? 100_000;
  }

  record(rows: ScoreRecord[]): void {
    this.buffer.push(...rows);
    if (this.buffer.length > this.maxBuffered) {
      const excess = this.buffer.length - this.maxBuffered;
      this.buffer.splice(0, excess);
      this.dropped += excess;
      this.logger.warn({ dropped: this.dropped }, 'score log buffer full: oldest model scores dropped');
    }
    if (this.buffer.length >= this.batchSize) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushAfterMs);
  }

  /** Writes everything buffered so far; resolves when it is in the database (or failed and was re-queued). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.buffer;
    this.buffer = [];
    // Serialised, so batches land in the order they were scored.
    this.writing = this.writing.then(() => this.write(rows));
    return this.writing;
  }

  get droppedRows(): number {
    return this.dropped;
  }

  private async write(rows: ScoreRecord[]): Promise<void> {
    const repo = new ModelScoreRepository(this.orm.em.fork());
    for (let i = 0; i < rows.length; i += this.batchSize) {
      const batch = rows.slice(i, i + this.batchSize);
      try {
        await repo.insert(batch);
      } catch (error) {
        this.logger.error({ err: error, rows: batch.length }, 'model scores not written; will retry with the next flush');
        this.buffer.unshift(...batch);
        this.timer ??= setTimeout(() => void this.flush(), this.flushAfterMs * 10);
      }
    }
  }
}
