// Versions of the escalation policy. Numbers are handed out under a transaction-scoped advisory
// lock (two drafts submitted at once get 7 and 8, not a key violation); activations are serialised
// by a second one, and the partial unique index recovery_policy_versions_one_active holds the
// invariant whatever the code does. Activating retires the active version in the same transaction
// and appends to the activation log, so a rollback (activating a retired version) is history too.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PolicyChange } from '../../policies/recovery/diff-policy.js';
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import type { PolicyProblem } from '../../policies/recovery/policy-problem.js';

export const POLICY_VERSION_STATUSES = ['draft', 'validated', 'active', 'retired'] as const;
export type PolicyVersionStatus = (typeof POLICY_VERSION_STATUSES)[number];

export interface PolicyProblems {
  errors: PolicyProblem[];
  warnings: PolicyProblem[];
}

export interface PolicyVersionSummary {
  version: number;
  name: string;
  status: PolicyVersionStatus;
  author: string;
  basedOn: number | null;
  createdAt: string;
  validatedAt: string | null;
  activatedAt: string | null;
  activatedBy: string | null;
  retiredAt: string | null;
}

export interface PolicyVersion extends PolicyVersionSummary {
  /** as stored; a draft's may not yet be a valid policy */
  document: Record<string, unknown>;
  source: string;
  sourceFormat: 'yaml' | 'json';
  diff: PolicyChange[] | null;
  problems: PolicyProblems | null;
}

export interface NewPolicyVersion {
  name: string;
  document: Record<string, unknown>;
  source: string;
  sourceFormat: 'yaml' | 'json';
  author: string;
  basedOn: number | null;
  diff: PolicyChange[] | null;
}

export interface PolicyActivation {
  version: number;
  previousVersion: number | null;
  activatedBy: string;
  activatedAt: string;
  rollback: boolean;
}

export type ActivationOutcome =
  | { outcome: 'activated'; version: PolicyVersion; activation: PolicyActivation }
  | { outcome: 'already_active'; version: PolicyVersion }
  | { outcome: 'not_validated'; version: PolicyVersion }
  | { outcome: 'not_found' };

type Row = Record<string, unknown>;

const NUMBERING_LOCK = `pg_advisory_xact_lock(hashtext('recovery_policy_versions.numbering'))`;
const ACTIVATION_LOCK = `pg_advisory_xact_lock(hashtext('recovery_policy_versions.activation'))`;
const SUMMARY_COLUMNS = 'version, name, status, author, based_on, created_at, validated_at, activated_at, activated_by, retired_at';

export class RecoveryPolicyRepository {
  constructor(private readonly em: EntityManager) {}

  /** The active version, as the recovery workflow's activity reads it. */
  async activePolicy(): Promise<{ version: number; document: RecoveryPolicyDocument } | null> {
    const [row] = await this.em.execute<Row[]>(`select version, document from recovery_policy_versions where status = 'active'`);
    return row ? { version: Number(row.version), document: json(row.document) as RecoveryPolicyDocument } : null;
  }

  /** One version's document, whatever its status: a running episode keeps the version that chose its path. */
  async policyVersion(version: number): Promise<{ version: number; document: RecoveryPolicyDocument } | null> {
    const [row] = await this.em.execute<Row[]>(`select version, document from recovery_policy_versions where version = ?`, [version]);
    return row ? { version: Number(row.version), document: json(row.document) as RecoveryPolicyDocument } : null;
  }

  async find(version: number): Promise<PolicyVersion | null> {
    const [row] = await this.em.execute<Row[]>(`select * from recovery_policy_versions where version = ?`, [version]);
    return row ? toVersion(row) : null;
  }

  async active(): Promise<PolicyVersion | null> {
    const [row] = await this.em.execute<Row[]>(`select * from recovery_policy_versions where status = 'active'`);
    return row ? toVersion(row) : null;
  }

  /** Newest first. */
  async list(): Promise<PolicyVersionSummary[]> {
    const rows = await this.em.execute<Row[]>(`select ${SUMMARY_COLUMNS} from recovery_policy_versions order by version desc`);
    return rows.map(toSummary);
  }

  /** Oldest first. */
  async activations(): Promise<PolicyActivation[]> {
    const rows = await this.em.execute<Row[]>(`select * from recovery_policy_activations order by id`);
    return rows.map(toActivation);
  }

  async createDraft(draft: NewPolicyVersion): Promise<PolicyVersion> {
    return this.em.transactional(async (em) => {
      await em.execute(`select ${NUMBERING_LOCK}`);
      const [row] = await em.execute<Row[]>(
        `insert into recovery_policy_versions (version, name, document, source, source_format, status, author, based_on, diff, created_at)
         select coalesce(max(version), 0) + 1, ?, ?, ?, ?, 'draft', ?, ?, ?, now() from recovery_policy_versions
         returning *`,
        [draft.name, JSON.stringify(draft.document), draft.source, draft.sourceFormat, draft.author, draft.basedOn, draft.diff === null ? null : JSON.stringify(draft.diff)],
      );
      return toVersion(row!);
    });
  }

  /**
   * Records a validation. A draft or validated version becomes validated (no errors) or draft
   * (errors); an active or retired one keeps its status (it was validated to get there) and only
   * its problems are refreshed.
   */
  async recordValidation(version: number, problems: PolicyProblems): Promise<PolicyVersion | null> {
    const valid = problems.errors.length === 0;
    const [row] = await this.em.execute<Row[]>(
      `update recovery_policy_versions set
         status = case when status in ('draft', 'validated') then ? else status end,
         validated_at = case when status in ('draft', 'validated') then (case when ? then now() else null end) else validated_at end,
         problems = ?
       where version = ? returning *`,
      [valid ? 'validated' : 'draft', valid, JSON.stringify(problems), version],
    );
    return row ? toVersion(row) : null;
  }

  /** Makes `version` the active one: the only way a version becomes active, one activation at a time. */
  async activate(version: number, by: string): Promise<ActivationOutcome> {
    return this.em.transactional(async (em) => {
      await em.execute(`select ${ACTIVATION_LOCK}`);
      const [target] = await em.execute<Row[]>(`select * from recovery_policy_versions where version = ? for update`, [version]);
      if (!target) return { outcome: 'not_found' as const };
      const current = toVersion(target);
      if (current.status === 'active') return { outcome: 'already_active' as const, version: current };
      if (current.status === 'draft') return { outcome: 'not_validated' as const, version: current };
      const [previous] = await em.execute<Row[]>(
        `update recovery_policy_versions set status = 'retired', retired_at = now() where status = 'active' returning version`,
      );
      const [activated] = await em.execute<Row[]>(
        `update recovery_policy_versions set status = 'active', activated_at = now(), activated_by = ?, retired_at = null where version = ? returning *`,
        [by, version],
      );
      const [logged] = await em.execute<Row[]>(
        `insert into recovery_policy_activations (version, previous_version, activated_by, activated_at, rollback) values (?, ?, ?, now(), ?) returning *`,
        [version, previous ? Number(previous.version) : null, by, current.status === 'retired'],
      );
      return { outcome: 'activated' as const, version: toVersion(activated!), activation: toActivation(logged!) };
    });
  }

  /** The first version of a fresh database, active at once (the seeder's); nothing when any version exists. */
  async seedFirst(draft: Omit<NewPolicyVersion, 'basedOn' | 'diff'>): Promise<boolean> {
    return this.em.transactional(async (em) => {
      await em.execute(`select ${NUMBERING_LOCK}`);
      const [any] = await em.execute<Row[]>(`select 1 from recovery_policy_versions limit 1`);
      if (any) return false;
      await em.execute(
        `insert into recovery_policy_versions (version, name, document, source, source_format, status, author, problems, created_at, validated_at, activated_at, activated_by)
         values (1, ?, ?, ?, ?, 'active', ?, ?, now(), now(), now(), ?)`,
        [draft.name, JSON.stringify(draft.document), draft.source, draft.sourceFormat, draft.author, JSON.stringify({ errors: [], warnings: [] }), draft.author],
      );
      await em.execute(`insert into recovery_policy_activations (version, previous_version, activated_by, activated_at, rollback) values (1, null, ?, now(), false)`, [draft.author]);
      return true;
    });
  }
}

function json(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

function instant(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function toSummary(r: Row): PolicyVersionSummary {
  return {
    version: Number(r.version),
    name: String(r.name),
    status: r.status as PolicyVersionStatus,
    author: String(r.author),
    basedOn: r.based_on === null || r.based_on === undefined ? null : Number(r.based_on),
    createdAt: iso(r.created_at),
    validatedAt: instant(r.validated_at),
    activatedAt: instant(r.activated_at),
    activatedBy: typeof r.activated_by === 'string' ? r.activated_by : null,
    retiredAt: instant(r.retired_at),
  };
}

function toVersion(r: Row): PolicyVersion {
  return {
    ...toSummary(r),
    document: json(r.document) as Record<string, unknown>,
    source: String(r.source),
    sourceFormat: r.source_format === 'json' ? 'json' : 'yaml',
    diff: r.diff === null || r.diff === undefined ? null : (json(r.diff) as PolicyChange[]),
    problems: r.problems === null || r.problems === undefined ? null : (json(r.problems) as PolicyProblems),
  };
}

function toActivation(r: Row): PolicyActivation {
  return {
    version: Number(r.version),
    previousVersion: r.previous_version === null ? null : Number(r.previous_version),
    activatedBy: String(r.activated_by),
    activatedAt: iso(r.activated_at),
    rollback: Boolean(r.rollback),
  };
}
