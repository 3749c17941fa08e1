// Champion/challenger experiments and what their episodes did. Starting one is checked against
// the policy versions under the activation lock (recovery-policy.repository.ts), so a version
// cannot become active between the check that it is not and the experiment's start; the partial
// unique index recovery_experiments_one_running refuses a second running experiment whatever the
// code does. Outcomes are read per arm from the episodes' read model, in exact numeric arithmetic.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ExperimentArm } from '../../policies/recovery/experiment-arm.js';

export const EXPERIMENT_STATUSES = ['running', 'promoted', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** How an episode ends that counts as a cure: the account is whole again (as the recovery stats count it). */
export const CURED_ENDS = ['cured', 'paid_off', 'settled'] as const;
/** The windows of the cure rate, days from the episode's start. */
export const CURE_WINDOWS = [30, 60, 90] as const;

export interface Experiment {
  id: string;
  challengerVersion: number;
  championVersionAtStart: number | null;
  shareBps: number;
  status: ExperimentStatus;
  note: string | null;
  createdBy: string;
  createdAt: string;
  startedBy: string;
  startedAt: string;
  endedBy: string | null;
  endedAt: string | null;
}

export interface NewExperiment {
  id: string;
  challengerVersion: number;
  shareBps: number;
  by: string;
  note: string | null;
}

export type StartOutcome =
  | { outcome: 'started'; experiment: Experiment }
  | { outcome: 'version_not_found' }
  | { outcome: 'not_validated'; status: string }
  | { outcome: 'is_active' }
  | { outcome: 'another_running'; running: Experiment };

export type EndOutcome = { outcome: 'ended' | 'already'; experiment: Experiment } | { outcome: 'not_found' } | { outcome: 'ended_otherwise'; experiment: Experiment };

/** One arm's episodes, as counts and exact sums: the statistics are the use case's. */
export interface ArmOutcomes {
  arm: ExperimentArm;
  episodes: number;
  running: number;
  cured: number;
  /** per window (30, 60, 90 days): episodes started at least that long ago, and those of them cured within it */
  cureWithin: Record<(typeof CURE_WINDOWS)[number], { eligible: number; cured: number }>;
  rolledForward: number;
  contacts: number;
  promisesKept: number;
  promisesBroken: number;
  optedOut: number;
  /** per currency: Σ recovered, Σ delinquent at the start, and Σ(recoveredᵢ − R·delinquentᵢ)² for the ratio estimator */
  recovery: { currency: string; episodes: number; recoveredMinor: number; delinquentMinor: number; residualSumSquares: number }[];
  /** the version each episode was given at assignment (the champion's: whatever was active then) */
  versions: { version: number; episodes: number }[];
}

type Row = Record<string, unknown>;

const ACTIVATION_LOCK = `pg_advisory_xact_lock(hashtext('recovery_policy_versions.activation'))`;
const CURED = `end_reason in (${CURED_ENDS.map((e) => `'${e}'`).join(', ')})`;

export class RecoveryExperimentRepository {
  constructor(private readonly em: EntityManager) {}

  async running(): Promise<Experiment | null> {
    const [row] = await this.em.execute<Row[]>(`select * from recovery_experiments where status = 'running'`);
    return row ? toExperiment(row) : null;
  }

  async find(id: string): Promise<Experiment | null> {
    const [row] = await this.em.execute<Row[]>(`select * from recovery_experiments where id = ?`, [id]);
    return row ? toExperiment(row) : null;
  }

  /** Newest first. */
  async list(): Promise<Experiment[]> {
    const rows = await this.em.execute<Row[]>(`select * from recovery_experiments order by created_at desc, id`);
    return rows.map(toExperiment);
  }

  /** Starts an experiment whose challenger is a validated (or retired) version that is not the active one; the caller checked the document itself. */
  async start(e: NewExperiment): Promise<StartOutcome> {
    return this.em.transactional(async (em) => {
      await em.execute(`select ${ACTIVATION_LOCK}`);
      const [version] = await em.execute<Row[]>(`select status from recovery_policy_versions where version = ?`, [e.challengerVersion]);
      if (!version) return { outcome: 'version_not_found' as const };
      if (version.status === 'active') return { outcome: 'is_active' as const };
      if (version.status === 'draft') return { outcome: 'not_validated' as const, status: String(version.status) };
      const [row] = await em.execute<Row[]>(
        `insert into recovery_experiments (id, challenger_version, champion_version_at_start, share_bps, status, note, created_by, created_at, started_by, started_at)
         select ?, ?, (select version from recovery_policy_versions where status = 'active'), ?, 'running', ?, ?, now(), ?, now()
         on conflict (status) where status = 'running' do nothing returning *`,
        [e.id, e.challengerVersion, e.shareBps, e.note, e.by, e.by],
      );
      if (row) return { outcome: 'started' as const, experiment: toExperiment(row) };
      const [running] = await em.execute<Row[]>(`select * from recovery_experiments where status = 'running'`);
      return { outcome: 'another_running' as const, running: toExperiment(running!) };
    });
  }

  /** Ends a running experiment as promoted or stopped; ending it again the same way changes nothing. */
  async end(id: string, status: Exclude<ExperimentStatus, 'running'>, by: string): Promise<EndOutcome> {
    const [row] = await this.em.execute<Row[]>(
      `update recovery_experiments set status = ?, ended_by = ?, ended_at = now() where id = ? and status = 'running' returning *`,
      [status, by, id],
    );
    if (row) return { outcome: 'ended', experiment: toExperiment(row) };
    const found = await this.find(id);
    if (!found) return { outcome: 'not_found' };
    return found.status === status ? { outcome: 'already', experiment: found } : { outcome: 'ended_otherwise', experiment: found };
  }

  /** Both arms' outcomes as of `asOf` (an arm without episodes is all zeros). */
  async outcomes(id: string, asOf: string): Promise<Record<ExperimentArm, ArmOutcomes>> {
    const windows = CURE_WINDOWS.map(
      (d) =>
        `count(*) filter (where started_at <= ?::timestamptz - interval '${d} days') as eligible_${d},
         count(*) filter (where started_at <= ?::timestamptz - interval '${d} days' and ${CURED} and ended_at <= started_at + interval '${d} days') as cured_${d}`,
    );
    const rows = await this.em.execute<Row[]>(
      `select arm, count(*) as episodes, count(*) filter (where status = 'running') as running, count(*) filter (where ${CURED}) as cured,
              ${windows.join(', ')}, count(*) filter (where rolled_forward) as rolled, coalesce(sum(contacts), 0) as contacts,
              coalesce(sum(promises_kept), 0) as kept, coalesce(sum(promises_broken), 0) as broken, count(*) filter (where opted_out) as opted_out
       from recovery_episodes where experiment_id = ? group by arm`,
      [...CURE_WINDOWS.flatMap(() => [asOf, asOf]), id],
    );
    const money = await this.em.execute<Row[]>(
      `with arms as (
         select arm, currency, count(*) as n, sum(recovered_minor)::numeric as recovered, sum(delinquent_minor)::numeric as delinquent
         from recovery_episodes where experiment_id = ? group by arm, currency)
       select a.arm, a.currency, a.n, a.recovered, a.delinquent,
              sum(power(e.recovered_minor::numeric - case when a.delinquent = 0 then 0 else a.recovered / a.delinquent end * e.delinquent_minor::numeric, 2)) as residual
       from arms a join recovery_episodes e on e.experiment_id = ? and e.arm = a.arm and e.currency = a.currency
       group by a.arm, a.currency, a.n, a.recovered, a.delinquent order by a.currency`,
      [id, id],
    );
    const versions = await this.em.execute<Row[]>(
      `select e.arm, (a.data->>'version')::int as version, count(*) as episodes
       from recovery_episodes e join recovery_actions a on a.workflow_id = e.workflow_id and a.kind = 'experiment_assigned'
       where e.experiment_id = ? and a.data->>'id' = ? and a.data->>'version' is not null group by 1, 2 order by 2`,
      [id, id],
    );
    const arm = (name: ExperimentArm): ArmOutcomes => {
      const r = rows.find((x) => x.arm === name) ?? {};
      const n = (key: string) => Number(r[key] ?? 0);
      return {
        arm: name,
        episodes: n('episodes'),
        running: n('running'),
        cured: n('cured'),
        cureWithin: Object.fromEntries(CURE_WINDOWS.map((d) => [d, { eligible: n(`eligible_${d}`), cured: n(`cured_${d}`) }])) as ArmOutcomes['cureWithin'],
        rolledForward: n('rolled'),
        contacts: n('contacts'),
        promisesKept: n('kept'),
        promisesBroken: n('broken'),
        optedOut: n('opted_out'),
        recovery: money
          .filter((m) => m.arm === name)
          .map((m) => ({ currency: String(m.currency), episodes: Number(m.n), recoveredMinor: Number(m.recovered), delinquentMinor: Number(m.delinquent), residualSumSquares: Number(m.residual) })),
        versions: versions.filter((v) => v.arm === name).map((v) => ({ version: Number(v.version), episodes: Number(v.episodes) })),
      };
    };
    return { champion: arm('champion'), challenger: arm('challenger') };
  }
}

function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function toExperiment(r: Row): Experiment {
  return {
    id: String(r.id),
    challengerVersion: Number(r.challenger_version),
    championVersionAtStart: r.champion_version_at_start === null || r.champion_version_at_start === undefined ? null : Number(r.champion_version_at_start),
    shareBps: Number(r.share_bps),
    status: r.status as ExperimentStatus,
    note: typeof r.note === 'string' ? r.note : null,
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at),
    startedBy: String(r.started_by),
    startedAt: iso(r.started_at),
    endedBy: typeof r.ended_by === 'string' ? r.ended_by : null,
    endedAt: r.ended_at === null || r.ended_at === undefined ? null : iso(r.ended_at),
  };
}
