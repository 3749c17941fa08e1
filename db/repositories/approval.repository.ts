// Proposals and their maker-checker decisions (db/entities/approval.entity.ts). Every transition is
// one conditional UPDATE, so two checkers deciding at once, or a retry racing its first attempt,
// leave one decision: pending -> approved | rejected (by someone other than the proposer, which a
// check constraint holds too), approved -> applied once applying it succeeded.
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { textOrNull } from './row-values.js';
import { isSealed, NOTE_CONTEXT, openNotes, sealNote } from '../../apps/shared/crypto/sealed-note.js';
import type { FieldSealer } from './contact-profile.repository.js';

export const APPROVAL_KINDS = ['arrangement', 'write_off', 'policy_activation'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'applied'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export interface ApprovalRecord {
  id: string;
  kind: ApprovalKind;
  loanId: string | null;
  policyVersion: number | null;
  experimentId: string | null;
  payload: Record<string, unknown>;
  /** why a second person must approve; empty when none had to */
  reasons: string[];
  status: ApprovalStatus;
  proposedBy: string;
  proposedByRoles: string[];
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  appliedAt: string | null;
  outcome: Record<string, unknown> | null;
}

export interface NewApproval {
  kind: ApprovalKind;
  loanId?: string;
  policyVersion?: number;
  experimentId?: string;
  payload: Record<string, unknown>;
  reasons: string[];
  /** 'approved' for what needs no checker (applied next), 'pending' for what does */
  status: 'pending' | 'approved';
  proposedBy: string;
  proposedByRoles: readonly string[];
  requestKey: string;
}

export type ProposeOutcome =
  | { outcome: 'created'; approval: ApprovalRecord }
  /** the proposer's own retry (the same request key) */
  | { outcome: 'retried'; approval: ApprovalRecord }
  /** a write-off or activation of the same subject already awaits a decision */
  | { outcome: 'already_pending'; approval: ApprovalRecord };

export type DecideOutcome =
  | { outcome: 'decided'; approval: ApprovalRecord }
  | { outcome: 'not_found' }
  | { outcome: 'own_proposal'; approval: ApprovalRecord }
  /** decided before: by this checker the same way (a retry), or otherwise */
  | { outcome: 'already_decided'; approval: ApprovalRecord };

type Row = Record<string, unknown>;

export class ApprovalRepository {
  /**
   * `sealer`: what people write on a proposal (its note, a write-off's reason, the checker's note)
   * may name the borrower, so it is sealed at rest like every note (sealed-note.ts) and opened for
   * those who read the proposal. Without keys (none configured) it is stored as written.
   */
  constructor(
    private readonly em: EntityManager,
    private readonly sealer: FieldSealer | null = null,
  ) {}

  private readonly toApproval = (row: Row): ApprovalRecord => {
    const approval = rowToApproval(row);
    if (!this.sealer) return approval;
    const decisionNote = approval.decisionNote !== null && isSealed(approval.decisionNote) ? this.sealer.decrypt(approval.decisionNote, NOTE_CONTEXT) : approval.decisionNote;
    return { ...approval, payload: openNotes(this.sealer, approval.payload), decisionNote };
  };

  private seal(text: string | null): string | null {
    return text === null || !this.sealer ? text : sealNote(this.sealer, text);
  }

  /** The payload as stored: its note and reason sealed. */
  private sealed(payload: Record<string, unknown>): Record<string, unknown> {
    const out = { ...payload };
    for (const field of ['note', 'reason'] as const) if (typeof out[field] === 'string') out[field] = this.seal(out[field]);
    return out;
  }

  async propose(proposal: NewApproval): Promise<ProposeOutcome> {
    const [row] = await this.em.execute<Row[]>(
      `insert into approvals (id, kind, loan_id, policy_version, experiment_id, payload, reasons, status, proposed_by, proposed_by_roles, proposed_at, request_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?) on conflict do nothing returning *`,
      [
        randomUUID(),
        proposal.kind,
        proposal.loanId ?? null,
        proposal.policyVersion ?? null,
        proposal.experimentId ?? null,
        JSON.stringify(this.sealed(proposal.payload)),
        JSON.stringify(proposal.reasons),
        proposal.status,
        proposal.proposedBy,
        JSON.stringify(proposal.proposedByRoles),
        proposal.requestKey,
      ],
    );
    if (row) return { outcome: 'created', approval: this.toApproval(row) };
    const retried = await this.byRequest(proposal.proposedBy, proposal.requestKey);
    if (retried) return { outcome: 'retried', approval: retried };
    const pending = await this.pendingFor(proposal);
    // The one that held the index was decided in between: propose again.
    return pending ? { outcome: 'already_pending', approval: pending } : this.propose(proposal);
  }

  private async pendingFor(proposal: NewApproval): Promise<ApprovalRecord | null> {
    const [row] =
      proposal.kind === 'write_off'
        ? await this.em.execute<Row[]>(`select * from approvals where kind = 'write_off' and loan_id = ? and status in ('pending', 'approved')`, [proposal.loanId])
        : proposal.kind === 'policy_activation'
          ? await this.em.execute<Row[]>(`select * from approvals where kind = 'policy_activation' and policy_version = ? and status = 'pending'`, [proposal.policyVersion])
          : [];
    return row ? this.toApproval(row) : null;
  }

  /** The proposal this proposer made under this request key, if any. */
  async byRequest(proposedBy: string, requestKey: string): Promise<ApprovalRecord | null> {
    const [row] = await this.em.execute<Row[]>(`select * from approvals where proposed_by = ? and request_key = ?`, [proposedBy, requestKey]);
    return row ? this.toApproval(row) : null;
  }

  /** `proposedBy`: only if that caller proposed it (a collector or agency reads its own proposals, nobody else's). */
  async get(id: string, proposedBy?: string): Promise<ApprovalRecord | null> {
    const [row] = await this.em.execute<Row[]>(`select * from approvals where id = ?${proposedBy === undefined ? '' : ' and proposed_by = ?'}`, proposedBy === undefined ? [id] : [id, proposedBy]);
    return row ? this.toApproval(row) : null;
  }

  /** Oldest first: the queue a checker works through. */
  async list(filter: { status?: ApprovalStatus; kind?: ApprovalKind; loanId?: string; proposedBy?: string }, limit: number): Promise<ApprovalRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['status', filter.status], ['kind', filter.kind], ['loan_id', filter.loanId], ['proposed_by', filter.proposedBy]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const rows = await this.em.execute<Row[]>(`select * from approvals ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by proposed_at, id limit ?`, [...params, limit]);
    return rows.map(this.toApproval);
  }

  /** A pending proposal approved or rejected by someone other than its proposer. */
  async decide(id: string, decision: 'approved' | 'rejected', by: string, note: string | null): Promise<DecideOutcome> {
    const [row] = await this.em.execute<Row[]>(
      `update approvals set status = ?, decided_by = ?, decided_at = now(), decision_note = ? where id = ? and status = 'pending' and proposed_by <> ? returning *`,
      [decision, by, this.seal(note), id, by],
    );
    if (row) return { outcome: 'decided', approval: this.toApproval(row) };
    const current = await this.get(id);
    if (!current) return { outcome: 'not_found' };
    if (current.status === 'pending') return { outcome: 'own_proposal', approval: current };
    return { outcome: 'already_decided', approval: current };
  }

  /** Applying it succeeded: approved -> applied, with what applying answered. Once. */
  async applied(id: string, outcome: Record<string, unknown>): Promise<ApprovalRecord | null> {
    const [row] = await this.em.execute<Row[]>(`update approvals set status = 'applied', applied_at = now(), outcome = ? where id = ? and status = 'approved' returning *`, [JSON.stringify(outcome), id]);
    return row ? this.toApproval(row) : this.get(id);
  }

  /** Applying it was refused (the loan closed meanwhile, say): it stays approved, with why, and may be tried again. */
  async applyFailed(id: string, problem: { type: string; detail: string }): Promise<ApprovalRecord | null> {
    const [row] = await this.em.execute<Row[]>(`update approvals set outcome = ? where id = ? and status = 'approved' returning *`, [JSON.stringify({ failed: problem }), id]);
    return row ? this.toApproval(row) : this.get(id);
  }
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function rowToApproval(row: Row): ApprovalRecord {
  return {
    id: String(row.id),
    kind: row.kind as ApprovalKind,
    loanId: textOrNull(row.loan_id),
    policyVersion: row.policy_version === null || row.policy_version === undefined ? null : Number(row.policy_version),
    experimentId: textOrNull(row.experiment_id),
    payload: json<Record<string, unknown>>(row.payload),
    reasons: json<string[]>(row.reasons),
    status: row.status as ApprovalStatus,
    proposedBy: String(row.proposed_by),
    proposedByRoles: json<string[]>(row.proposed_by_roles),
    proposedAt: iso(row.proposed_at),
    decidedBy: textOrNull(row.decided_by),
    decidedAt: isoOrNull(row.decided_at),
    decisionNote: textOrNull(row.decision_note),
    appliedAt: isoOrNull(row.applied_at),
    outcome: row.outcome === null || row.outcome === undefined ? null : json<Record<string, unknown>>(row.outcome),
  };
}
