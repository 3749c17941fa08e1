// Contacts whose sends exhausted their retries, for ops to read and replay. A replay is claimed
// under the row lock (open -> replaying), so two replays of one dead letter cannot both run; its
// outcome is kept on the row, written in the transaction that records the contact's outcome. A
// replay that dead-letters again leaves a new row (the next generation) in that same transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { textOrNull } from './row-values.js';

export const DEAD_LETTER_STATUSES = ['open', 'replaying', 'replayed'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export interface DeadLetter {
  id: string;
  deliveryKey: string;
  generation: number;
  loanId: string;
  workflowId: string;
  channel: string;
  template: string;
  command: Record<string, unknown>;
  reason: string;
  attempts: number;
  status: DeadLetterStatus;
  replayedAt: string | null;
  replayedBy: string | null;
  replayOutcome: Record<string, unknown> | null;
  createdAt: string;
}

export interface DeadLetterPosition {
  createdAt: string;
  id: string;
}

type Row = Record<string, unknown>;
const MICROSECOND_ISO = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export class ContactDeadLetterRepository {
  constructor(private readonly em: EntityManager) {}

  /** Once per delivery key and generation: a retried activity that dead-letters again finds the row it left. */
  async add(letter: Pick<DeadLetter, 'deliveryKey' | 'loanId' | 'workflowId' | 'channel' | 'template' | 'command' | 'reason' | 'attempts'>): Promise<DeadLetter> {
    return this.em.transactional(async (em) => {
      await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`dead-letter:${letter.deliveryKey}`]);
      const [open] = await em.execute<Row[]>(`select * from contact_dead_letters where delivery_key = ? and status = 'open' order by generation desc limit 1`, [letter.deliveryKey]);
      if (open) return toLetter(open);
      const [counted] = await em.execute<{ next: number }[]>(`select coalesce(max(generation) + 1, 0)::int as next from contact_dead_letters where delivery_key = ?`, [letter.deliveryKey]);
      const [row] = await em.execute<Row[]>(
        `insert into contact_dead_letters (id, delivery_key, generation, loan_id, workflow_id, channel, template, command, reason, attempts, status, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', now()) returning *`,
        [randomUUID(), letter.deliveryKey, Number(counted?.next ?? 0), letter.loanId, letter.workflowId, letter.channel, letter.template, JSON.stringify(letter.command), letter.reason.slice(0, 2000), letter.attempts],
      );
      return toLetter(row!);
    });
  }

  /** Letters by channel and status, for /metrics: open ones are contacts nobody has replayed. */
  async counts(): Promise<{ channel: string; status: DeadLetterStatus; count: number }[]> {
    const rows = await this.em.execute<Row[]>(`select channel, status, count(*) as n from contact_dead_letters group by channel, status order by channel, status`);
    return rows.map((r) => ({ channel: String(r.channel), status: r.status as DeadLetterStatus, count: Number(r.n) }));
  }

  async find(id: string): Promise<DeadLetter | null> {
    const [row] = await this.em.execute<Row[]>(`select * from contact_dead_letters where id = ?`, [id]);
    return row ? toLetter(row) : null;
  }

  /** Newest first, by keyset on (created_at, id). */
  async list(filter: { channel?: string; status?: DeadLetterStatus }, after: DeadLetterPosition | null, limit: number): Promise<{ items: DeadLetter[]; next: DeadLetterPosition | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const when = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (filter.channel !== undefined) when('channel = ?', filter.channel);
    if (filter.status !== undefined) when('status = ?', filter.status);
    if (after) when('(created_at, id) < (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    const rows = await this.em.execute<Row[]>(
      `select *, ${MICROSECOND_ISO} as position from contact_dead_letters ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by created_at desc, id desc limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toLetter), next: rows.length > limit && last ? { createdAt: String(last.position), id: String(last.id) } : null };
  }

  /**
   * open -> replaying; null when there is no such letter, the letter as it is when it is not open.
   * `takeOver` claims a letter left replaying by an earlier try of the same replay that died
   * before it could answer (the dispatch under the same delivery key still sends at most once).
   */
  async claimReplay(id: string, by: string | null, takeOver = false): Promise<{ claimed: boolean; letter: DeadLetter } | null> {
    return this.em.transactional(async (em) => {
      const [row] = await em.execute<Row[]>(`select * from contact_dead_letters where id = ? for update`, [id]);
      if (!row) return null;
      if (row.status !== 'open' && !(takeOver && row.status === 'replaying')) return { claimed: false, letter: toLetter(row) };
      const [updated] = await em.execute<Row[]>(`update contact_dead_letters set status = 'replaying', replayed_by = ? where id = ? returning *`, [by, id]);
      return { claimed: true, letter: toLetter(updated!) };
    });
  }

  /**
   * The replay's answer, kept on the letter: replayed, or open again when the rules only deferred
   * it (hours, a cap) for ops to ask again later. Run in the transaction that records what the
   * contact became (the dispatcher's settlement). Only a claimed letter changes: false when none is
   * (another try of the same replay settled it first).
   */
  async settleReplay(id: string, outcome: Record<string, unknown> & { outcome: string; retryAt?: number | null }): Promise<boolean> {
    const deferred = outcome.outcome === 'blocked' && outcome.retryAt != null;
    const rows = await this.em.execute<Row[]>(
      deferred
        ? `update contact_dead_letters set status = 'open', replay_outcome = ? where id = ? and status = 'replaying' returning id`
        : `update contact_dead_letters set status = 'replayed', replayed_at = now(), replay_outcome = ? where id = ? and status = 'replaying' returning id`,
      [JSON.stringify(outcome), id],
    );
    return rows.length > 0;
  }

  /** The dead letter a replay of this one left (it dead-lettered again), if any. */
  async nextGeneration(deliveryKey: string, generation: number): Promise<DeadLetter | null> {
    const [row] = await this.em.execute<Row[]>(`select * from contact_dead_letters where delivery_key = ? and generation > ? order by generation limit 1`, [deliveryKey, generation]);
    return row ? toLetter(row) : null;
  }

  /** A replay that could not run to an answer (a crash, a transient fault) may be asked for again. */
  async releaseReplay(id: string): Promise<void> {
    await this.em.execute(`update contact_dead_letters set status = 'open', replayed_by = null where id = ? and status = 'replaying'`, [id]);
  }
}

function toLetter(r: Row): DeadLetter {
  const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  return {
    id: String(r.id),
    deliveryKey: String(r.delivery_key),
    generation: Number(r.generation),
    loanId: String(r.loan_id),
    workflowId: String(r.workflow_id),
    channel: String(r.channel),
    template: String(r.template),
    command: json<Record<string, unknown>>(r.command),
    reason: String(r.reason),
    attempts: Number(r.attempts),
    status: String(r.status) as DeadLetterStatus,
    replayedAt: r.replayed_at === null ? null : iso(r.replayed_at),
    replayedBy: textOrNull(r.replayed_by),
    replayOutcome: r.replay_outcome === null ? null : json<Record<string, unknown>>(r.replay_outcome),
    createdAt: iso(r.created_at),
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
