// What the recovery-episodes bench reads from the platform's database while it runs, on a
// connection of its own: how far the episodes have got by the read model (their first recorded
// step, their first contact's outcome, their end), and which backends serve the platform, to count
// PostgreSQL's CPU. The probe's own backends (named by application_name) are left out of that count.
import pg from 'pg';
import { processCpuSeconds } from '../machine.js';

export interface EpisodeProgress {
  /** episodes with a row in recovery_episodes: the first batch of their timeline (episode_started) is written */
  recorded: number;
  /** episodes whose first contact has an outcome (sent, blocked and rescheduled or abandoned, failed, dead-lettered) */
  contacted: number;
  ended: number;
}

const PROBE = 'credence-bench-probe';
const CONTACT_OUTCOMES = ['contact_sent', 'contact_blocked', 'contact_failed', 'contact_dead_lettered'];

export class ReadModelProbe {
  private constructor(private readonly client: pg.Pool) {}

  static async open(databaseUrl: string): Promise<ReadModelProbe> {
    const client = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: PROBE });
    await client.query('select 1');
    return new ReadModelProbe(client);
  }

  async progress(): Promise<EpisodeProgress> {
    const { rows } = await this.client.query<{ recorded: string; ended: string; contacted: string }>(
      `select (select count(*) from recovery_episodes) as recorded,
              (select count(*) from recovery_episodes where status = 'ended') as ended,
              (select count(distinct workflow_id) from recovery_actions where kind = any($1)) as contacted`,
      [CONTACT_OUTCOMES],
    );
    const row = rows[0]!;
    return { recorded: Number(row.recorded), contacted: Number(row.contacted), ended: Number(row.ended) };
  }

  /** Timeline entries by kind (and the channel or rule behind contacts): what the episodes did. */
  async actionsByKind(): Promise<Record<string, number>> {
    const { rows } = await this.client.query<{ key: string; n: string }>(
      `select kind || coalesce(':' || coalesce(data->>'channel', '') || coalesce(' ' || (data->>'rule'), ''), '') as key, count(*) as n
       from recovery_actions where kind like 'contact_%' or kind in ('reply', 'promise_made', 'dispute_opened', 'delivery_failed', 'paused', 'experiment_assigned')
       group by 1 order by 2 desc`,
    );
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
  }

  /** The backends serving this database, but the probe's own. */
  async backendPids(): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and application_name <> $1`, [PROBE]);
    return rows.map((r) => r.pid);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/**
 * PostgreSQL's CPU for one database, summed over the backends serving it, sampled every second:
 * a backend there at the start counts from its figure then, one that appears later from zero (it
 * was born during the phase), and one that exits loses at most its last second. The server's
 * shared processes (WAL writer, checkpointer) are not counted: other databases share them.
 */
export function postgresCpu(probe: ReadModelProbe) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let starting = true;
  const sample = async () => {
    for (const pid of await probe.backendPids()) {
      const seconds = processCpuSeconds(pid);
      if (seconds === null) continue;
      if (!first.has(pid)) first.set(pid, starting ? seconds : 0);
      last.set(pid, seconds);
    }
    starting = false;
  };
  const ready = sample();
  const timer = setInterval(() => void sample().catch(() => undefined), 1000);
  return {
    ready,
    async stop(): Promise<{ seconds: number; backends: number }> {
      clearInterval(timer);
      await sample();
      let seconds = 0;
      for (const [pid, end] of last) seconds += end - (first.get(pid) ?? 0);
      return { seconds: Math.round(seconds * 100) / 100, backends: last.size };
    },
  };
}
