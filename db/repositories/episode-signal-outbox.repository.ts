// The outbox of signals to recovery episodes (db/entities/episode-signal.entity.ts). `enqueue` runs
// inside the transaction of the change a signal reports; whoever committed it then claims and
// sends its rows at once, and the relay claims what is left unsent. A claim counts the try and
// leases the row for its backoff (5 s, doubling, at most 5 minutes): another sender leaves it alone
// meanwhile, and a sender that died mid-try only delays it until the lease runs out. Rows are
// never dropped: one that keeps failing is tried every 5 minutes, its last error beside it.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The signals that go through the outbox (their definitions: workflows/recovery/definitions.ts). */
export const OUTBOX_SIGNALS = ['caseTouched', 'caseOutcome'] as const;
export type OutboxSignalName = (typeof OUTBOX_SIGNALS)[number];

export interface OutboxSignal {
  /** unique; carried in the payload as `signalId`, by which the episode applies it once */
  id: string;
  workflowId: string;
  signal: OutboxSignalName;
  payload: Record<string, unknown>;
}

export interface ClaimedSignal extends OutboxSignal {
  /** including this one */
  attempts: number;
  createdAt: string;
}

const BACKOFF_FIRST_S = 5;
const BACKOFF_MAX_S = 300;

type Row = Record<string, unknown>;

/** The signal ID of a touch: the case event it reports (accepted, declined, assigned). */
export const touchSignalId = (caseEventId: string) => `touch-${caseEventId}`;

/**
 * The signal ID of a collector's outcome: its case and request key, so a retried request (the same
 * Idempotency-Key) is the same signal however often it is sent. Hashed: a request key may be long.
 */
export const outcomeSignalId = (caseId: string, requestKey: string) => `outcome-${createHash('sha256').update(`${caseId}\n${requestKey}`).digest('hex').slice(0, 32)}`;

/** Writes signals in the caller's transaction, each with its ID in its payload; an ID already there is kept as it was. */
export async function enqueueEpisodeSignals(em: EntityManager, signals: OutboxSignal[]): Promise<void> {
  for (const s of signals) {
    await em.execute(
      `insert into episode_signal_outbox (id, workflow_id, signal, payload, created_at, attempts, next_attempt_at) values (?, ?, ?, ?, now(), 0, now()) on conflict (id) do nothing`,
      [s.id, s.workflowId, s.signal, JSON.stringify({ ...s.payload, signalId: s.id })],
    );
  }
}

function toClaimed(r: Row): ClaimedSignal {
  return {
    id: String(r.id),
    workflowId: String(r.workflow_id),
    signal: r.signal as OutboxSignalName,
    payload: r.payload as Record<string, unknown>,
    attempts: Number(r.attempts),
    createdAt: new Date(r.created_at as string).toISOString(),
  };
}

/** Counts the try and leases the row for its backoff. */
const CLAIM = `update episode_signal_outbox o set attempts = o.attempts + 1,
  next_attempt_at = now() + make_interval(secs => least(${BACKOFF_FIRST_S} * power(2, o.attempts), ${BACKOFF_MAX_S}))`;

export class EpisodeSignalOutbox {
  constructor(private readonly em: EntityManager) {}

  /** These rows, if still unsent and not leased by another sender (the writer, right after its commit). */
  async claim(ids: string[]): Promise<ClaimedSignal[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.execute<Row[]>(
      `${CLAIM} where o.id in (select id from episode_signal_outbox where id in (${ids.map(() => '?').join(', ')}) and sent_at is null and next_attempt_at <= now() for update skip locked) returning o.*`,
      ids,
    );
    return rows.map(toClaimed).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  }

  /** Unsent rows older than `minAgeMs` whose lease has run out, oldest first (the relay). */
  async claimDue(minAgeMs: number, limit: number): Promise<ClaimedSignal[]> {
    const rows = await this.em.execute<Row[]>(
      `${CLAIM} where o.id in (select id from episode_signal_outbox where sent_at is null and next_attempt_at <= now() and created_at <= now() - make_interval(secs => ?)
         order by created_at, id limit ? for update skip locked) returning o.*`,
      [minAgeMs / 1000, limit],
    );
    return rows.map(toClaimed).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async markSent(id: string, result: 'delivered' | 'not_running'): Promise<void> {
    await this.em.execute(`update episode_signal_outbox set sent_at = now(), result = ? where id = ? and sent_at is null`, [result, id]);
  }

  /** The try failed: the row waits out its lease and is tried again. */
  async noteFailure(id: string, error: string): Promise<void> {
    await this.em.execute(`update episode_signal_outbox set last_error = ? where id = ?`, [error.slice(0, 2000), id]);
  }

  /**
   * What waits to be sent, for /metrics: rows unsent, those failing for a while (tried
   * `failingAfter` times or more: the episode is not hearing of its case), and the oldest's age.
   */
  async backlog(failingAfter: number): Promise<{ unsent: number; failing: number; oldestUnsentSeconds: number }> {
    const [r] = await this.em.execute<Row[]>(
      `select count(*) as unsent, count(*) filter (where attempts >= ?) as failing, coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
       from episode_signal_outbox where sent_at is null`,
      [failingAfter],
    );
    return { unsent: Number(r?.unsent ?? 0), failing: Number(r?.failing ?? 0), oldestUnsentSeconds: Math.round(Number(r?.oldest ?? 0)) };
  }

  async find(id: string): Promise<(ClaimedSignal & { sentAt: string | null; result: string | null; lastError: string | null }) | null> {
    const [r] = await this.em.execute<Row[]>(`select * from episode_signal_outbox where id = ?`, [id]);
    if (!r) return null;
    return { ...toClaimed(r), sentAt: r.sent_at ? new Date(r.sent_at as string).toISOString() : null, result: (r.result as string | null) ?? null, lastError: (r.last_error as string | null) ?? null };
  }

  /** The signals written for an episode, oldest first. */
  async forWorkflow(workflowId: string): Promise<NonNullable<Awaited<ReturnType<EpisodeSignalOutbox['find']>>>[]> {
    const rows = await this.em.execute<Row[]>(`select id from episode_signal_outbox where workflow_id = ? order by created_at, id`, [workflowId]);
    return (await Promise.all(rows.map((r) => this.find(String(r.id))))).filter((r) => r !== null);
  }
}
