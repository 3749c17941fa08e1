// The recovery episodes' read model and timeline. The workflow is the source of truth; this is
// what the API, the inbox (which episode does a reply belong to?) and the stats read. A snapshot
// carries the workflow's action counter as its version: an older write never overwrites a newer
// one, and a timeline row is written once per (workflow, seq).
import type { EntityManager } from '@mikro-orm/postgresql';
import { ALL_CASES, episodeVisible, type CaseScope } from './case-scope.js';

export interface RunningEpisode {
  workflowId: string;
  loanId: string;
  episode: number;
  currency: string;
  country: string;
}

export interface EpisodeSnapshot {
  workflowId: string;
  loanId: string;
  episode: number;
  status: 'running' | 'ended';
  stage: string;
  currency: string;
  product: string;
  country: string;
  bucketAtStart: string;
  bucket: string;
  dpd: number;
  segment: string | null;
  propensityBand: string | null;
  delinquentMinor: number;
  outstandingMinor: number;
  recoveredMinor: number;
  policyVersion: number | null;
  ruleId: string | null;
  experimentId: string | null;
  arm: string | null;
  contacts: number;
  blocked: number;
  promisesKept: number;
  promisesBroken: number;
  optedOut: boolean;
  rolledForward: boolean;
  startedAt: string;
  endedAt: string | null;
  endReason: string | null;
  version: number;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  kind: string;
  policyVersion: number | null;
  ruleId: string | null;
  stepIndex: number | null;
  data: Record<string, unknown>;
}

export interface EpisodeFilter {
  bucket?: string;
  segment?: string;
  status?: 'running' | 'ended';
  assigneeId?: string;
  policyVersion?: number;
  arm?: string;
  experimentId?: string;
}

export interface EpisodeView extends Omit<EpisodeSnapshot, 'version'> {
  updatedAt: string;
  /** the hand-off case, if the episode has one */
  case: { caseId: string; queue: string; status: string; assigneeId: string | null; slaBreaches: number } | null;
}

/** Keyset position: newest first, the loan breaking ties. */
export interface EpisodePosition {
  startedAt: string;
  loanId: string;
}

export interface StatsGroup {
  key: Record<string, string | number | null>;
  episodes: number;
  running: number;
  cured: number;
  delinquentMinor: number;
  recoveredMinor: number;
  contacts: number;
  blocked: number;
  promisesKept: number;
  promisesBroken: number;
  optedOut: number;
  /** episodes whose account moved into a later bucket while recovery ran */
  rolledForward: number;
}

type Row = Record<string, unknown>;

const MICROSECOND_ISO = `to_char(e.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const COLUMNS = [
  'workflow_id', 'loan_id', 'episode', 'status', 'stage', 'currency', 'product', 'country', 'bucket_at_start', 'bucket', 'dpd', 'segment', 'propensity_band',
  'delinquent_minor', 'outstanding_minor', 'recovered_minor', 'policy_version', 'rule_id', 'experiment_id', 'arm', 'contacts', 'blocked', 'promises_kept',
  'promises_broken', 'opted_out', 'rolled_forward', 'started_at', 'ended_at', 'end_reason', 'version', 'updated_at',
] as const;

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

  /** What stops collection for the borrower now (the contact profile's flags); all false without a profile. */
  async holds(loanId: string): Promise<{ disputeOpen: boolean; bankruptcy: boolean; deceased: boolean; originalCreditorRequested: boolean }> {
    const [row] = await this.em.execute<Row[]>(`select dispute_open, bankruptcy, deceased, original_creditor_requested from contact_profiles where loan_id = ?`, [loanId]);
    return { disputeOpen: Boolean(row?.dispute_open), bankruptcy: Boolean(row?.bankruptcy), deceased: Boolean(row?.deceased), originalCreditorRequested: Boolean(row?.original_creditor_requested) };
  }

  async record(s: EpisodeSnapshot, actions: TimelineEntry[]): Promise<void> {
    await this.em.transactional(async (em) => {
      if (actions.length > 0) {
        await em.execute(
          `insert into recovery_actions (workflow_id, loan_id, seq, at, kind, policy_version, rule_id, step_index, data)
           values ${actions.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} on conflict (workflow_id, seq) do nothing`,
          actions.flatMap((a) => [s.workflowId, s.loanId, a.seq, a.at, a.kind, a.policyVersion, a.ruleId, a.stepIndex, JSON.stringify(a.data)]),
        );
      }
      const values = [
        s.workflowId, s.loanId, s.episode, s.status, s.stage, s.currency, s.product, s.country, s.bucketAtStart, s.bucket, s.dpd, s.segment, s.propensityBand,
        s.delinquentMinor, s.outstandingMinor, s.recoveredMinor, s.policyVersion, s.ruleId, s.experimentId, s.arm, s.contacts, s.blocked, s.promisesKept,
        s.promisesBroken, s.optedOut, s.rolledForward, s.startedAt, s.endedAt, s.endReason, s.version,
      ];
      const updates = COLUMNS.filter((c) => !['workflow_id', 'loan_id', 'episode', 'started_at', 'bucket_at_start', 'delinquent_minor'].includes(c)).map((c) => `${c} = excluded.${c}`);
      await em.execute(
        `insert into recovery_episodes (${COLUMNS.join(', ')}) values (${COLUMNS.map((c) => (c === 'updated_at' ? 'now()' : '?')).join(', ')})
         on conflict (workflow_id) do update set ${updates.join(', ')} where recovery_episodes.version <= excluded.version`,
        values,
      );
    });
  }

  /** Episodes in `scope` (those whose hand-off case it sees: case-scope.ts), newest first. */
  async list(filter: EpisodeFilter, after: EpisodePosition | null, limit: number, scope: CaseScope = ALL_CASES): Promise<{ items: EpisodeView[]; next: EpisodePosition | null }> {
    const visible = episodeVisible(scope, 'e.workflow_id');
    const where: string[] = [visible.sql];
    const params: unknown[] = [...visible.params];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.bucket !== undefined) add('e.bucket = ?', filter.bucket);
    if (filter.segment !== undefined) add('e.segment = ?', filter.segment);
    if (filter.status !== undefined) add('e.status = ?', filter.status);
    if (filter.policyVersion !== undefined) add('e.policy_version = ?', filter.policyVersion);
    if (filter.arm !== undefined) add('e.arm = ?', filter.arm);
    if (filter.experimentId !== undefined) add('e.experiment_id = ?', filter.experimentId);
    if (filter.assigneeId !== undefined) add(`exists (select 1 from recovery_cases c where c.workflow_id = e.workflow_id and c.status <> 'closed' and c.assignee_id = ?)`, filter.assigneeId);
    if (after) {
      where.push('(e.started_at, e.loan_id) < (?::timestamptz, ?::uuid)');
      params.push(after.startedAt, after.loanId);
    }
    const rows = await this.em.execute<Row[]>(
      `select e.*, ${MICROSECOND_ISO} as started_at_us, c.id as case_id, c.queue as case_queue, c.status as case_status, c.assignee_id as case_assignee, c.sla_breaches as case_breaches
       from recovery_episodes e left join recovery_cases c on c.workflow_id = e.workflow_id
       where ${where.join(' and ')} order by e.started_at desc, e.loan_id desc limit ?`,
      [...params, limit + 1],
    );
    const items = rows.slice(0, limit).map(toView);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { items, next: last ? { startedAt: String(last.started_at_us), loanId: String(last.loan_id) } : null };
  }

  /** The episode, if it is in `scope`: outside it, as if it did not exist. */
  async get(workflowId: string, scope: CaseScope = ALL_CASES): Promise<EpisodeView | null> {
    const visible = episodeVisible(scope, 'e.workflow_id');
    const [row] = await this.em.execute<Row[]>(
      `select e.*, c.id as case_id, c.queue as case_queue, c.status as case_status, c.assignee_id as case_assignee, c.sla_breaches as case_breaches
       from recovery_episodes e left join recovery_cases c on c.workflow_id = e.workflow_id where e.workflow_id = ? and ${visible.sql}`,
      [workflowId, ...visible.params],
    );
    return row ? toView(row) : null;
  }

  /** Outcomes grouped by `by` (bucket at start, segment, policy version, experiment arm). */
  async stats(by: 'bucket' | 'segment' | 'policyVersion' | 'arm', since: string | null, scope: CaseScope = ALL_CASES): Promise<StatsGroup[]> {
    const visible = episodeVisible(scope, 'recovery_episodes.workflow_id');
    const column = { bucket: 'bucket_at_start', segment: 'segment', policyVersion: 'policy_version', arm: `coalesce(experiment_id || ':' || arm, null)` }[by];
    const rows = await this.em.execute<Row[]>(
      `select currency, ${column} as key, count(*) as episodes, count(*) filter (where status = 'running') as running,
              count(*) filter (where end_reason in ('cured', 'paid_off', 'settled')) as cured,
              coalesce(sum(delinquent_minor), 0) as delinquent, coalesce(sum(recovered_minor), 0) as recovered,
              coalesce(sum(contacts), 0) as contacts, coalesce(sum(blocked), 0) as blocked,
              coalesce(sum(promises_kept), 0) as kept, coalesce(sum(promises_broken), 0) as broken,
              count(*) filter (where opted_out) as opted_out,
              count(*) filter (where rolled_forward) as rolled
       from recovery_episodes where ${visible.sql}${since ? ' and started_at >= ?' : ''} group by 1, 2 order by 1, 2 nulls last`,
      [...visible.params, ...(since ? [since] : [])],
    );
    return rows.map((r) => ({
      key: { currency: String(r.currency), [by]: r.key === null ? null : by === 'policyVersion' ? Number(r.key) : (r.key as string) },
      episodes: Number(r.episodes),
      running: Number(r.running),
      cured: Number(r.cured),
      delinquentMinor: Number(r.delinquent),
      recoveredMinor: Number(r.recovered),
      contacts: Number(r.contacts),
      blocked: Number(r.blocked),
      promisesKept: Number(r.kept),
      promisesBroken: Number(r.broken),
      optedOut: Number(r.opted_out),
      rolledForward: Number(r.rolled),
    }));
  }

  /** The episode's timeline, if it is in `scope`; nothing outside it. */
  async timeline(workflowId: string, scope: CaseScope = ALL_CASES): Promise<TimelineEntry[]> {
    const visible = episodeVisible(scope, 'a.workflow_id');
    const rows = await this.em.execute<Row[]>(
      `select a.seq, a.at, a.kind, a.policy_version, a.rule_id, a.step_index, a.data from recovery_actions a where a.workflow_id = ? and ${visible.sql} order by a.seq`,
      [workflowId, ...visible.params],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at as string).toISOString(),
      kind: String(r.kind),
      policyVersion: r.policy_version === null ? null : Number(r.policy_version),
      ruleId: (r.rule_id as string | null) ?? null,
      stepIndex: r.step_index === null ? null : Number(r.step_index),
      data: r.data as Record<string, unknown>,
    }));
  }
}

const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toView(r: Row): EpisodeView {
  return {
    workflowId: String(r.workflow_id),
    loanId: String(r.loan_id),
    episode: Number(r.episode),
    status: r.status as EpisodeView['status'],
    stage: String(r.stage),
    currency: String(r.currency),
    product: String(r.product),
    country: String(r.country),
    bucketAtStart: String(r.bucket_at_start),
    bucket: String(r.bucket),
    dpd: Number(r.dpd),
    segment: (r.segment as string | null) ?? null,
    propensityBand: (r.propensity_band as string | null) ?? null,
    delinquentMinor: Number(r.delinquent_minor),
    outstandingMinor: Number(r.outstanding_minor),
    recoveredMinor: Number(r.recovered_minor),
    policyVersion: numOrNull(r.policy_version),
    ruleId: (r.rule_id as string | null) ?? null,
    experimentId: (r.experiment_id as string | null) ?? null,
    arm: (r.arm as string | null) ?? null,
    contacts: Number(r.contacts),
    blocked: Number(r.blocked),
    promisesKept: Number(r.promises_kept),
    promisesBroken: Number(r.promises_broken),
    optedOut: Boolean(r.opted_out),
    rolledForward: Boolean(r.rolled_forward),
    startedAt: isoOrNull(r.started_at)!,
    endedAt: isoOrNull(r.ended_at),
    endReason: (r.end_reason as string | null) ?? null,
    updatedAt: isoOrNull(r.updated_at)!,
    case: r.case_id ? { caseId: r.case_id as string, queue: String(r.case_queue), status: String(r.case_status), assigneeId: (r.case_assignee as string | null) ?? null, slaBreaches: Number(r.case_breaches) } : null,
  };
}
