// Appends audit entries in their own transactions, apart from whatever the request did, so a
// request whose own work rolled back is still recorded with its outcome. Group commit: one batch
// is written at a time per process; entries that arrive meanwhile wait and go together in the next
// (one lock, one insert, one commit for all of them). A batch that fails is tried again twice
// (a dropped connection, a restarting database), then its callers' promises reject with the error.
// A retry leaves out the entries a try whose commit went unanswered did record (each has its own ID).
import type { Orm } from '../../../db/orm.js';
import { AuditLogRepository, type AuditEntry } from '../../../db/repositories/audit-log.repository.js';
import { link } from './audit-chain.js';

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The most entries one transaction carries (19 parameters each, well under Postgres's 65,535). */
export const MAX_AUDIT_BATCH = 500;
/** Pauses before a failed batch is tried again. */
const RETRY_DELAYS_MS = [50, 250];

export class AuditWriter {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly orm: Orm) {}

  append(entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves once everything appended so far is written (or has failed). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_AUDIT_BATCH);
        try {
          await this.write(batch.map((w) => w.entry));
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.writing = null;
    }
  }

  private async write(entries: AuditEntry[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await new AuditLogRepository(this.orm.em.fork()).append(entries, link, attempt > 0);
        return;
      } catch (err) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) throw err;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
