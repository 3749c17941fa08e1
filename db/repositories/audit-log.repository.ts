// The audit trail's rows. Appends take the chain head's row lock, so they are serialised across
// every process writing to the database, and each batch is linked, inserted and the head moved in
// one transaction: a seq is never skipped nor given twice. Searches page newest first by keyset on
// (at, id); the verifier walks the chain in seq order.
import type { EntityManager } from '@mikro-orm/postgresql';

export type ActorKind = 'person' | 'api-key' | 'system' | 'anonymous';
export type AuditKind = 'command' | 'read';
export type AuditOutcome = 'succeeded' | 'refused' | 'rejected' | 'failed' | 'aborted';

/** What is recorded of one request. */
export interface AuditEntry {
  id: string;
  /** ISO instant, milliseconds */
  at: string;
  requestId: string;
  actorId: string;
  actorKind: ActorKind;
  /** sorted */
  actorRoles: string[];
  agencyId: string | null;
  kind: AuditKind;
  action: string;
  method: string;
  route: string;
  loanId: string | null;
  caseId: string | null;
  clientAddress: string;
  status: number;
  outcome: AuditOutcome;
}

/** A row as stored: the entry, where it sits in the chain, and its link. */
export interface AuditRow extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface AuditFilter {
  actorId?: string;
  loanId?: string;
  caseId?: string;
  action?: string;
  kind?: AuditKind;
  outcome?: AuditOutcome;
  /** inclusive */
  from?: string;
  /** exclusive */
  to?: string;
}

export interface AuditPosition {
  /** microseconds, UTC */
  createdAt: string;
  id: string;
}

type Row = Record<string, unknown>;

const COLUMNS = [
  'seq', 'id', 'at', 'request_id', 'actor_id', 'actor_kind', 'actor_roles', 'agency_id', 'kind', 'action', 'method', 'route', 'loan_id', 'case_id', 'client_address', 'status', 'outcome', 'prev_hash', 'hash',
] as const;
const MICROSECOND_ISO = `to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export class AuditLogRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Links the entries after the head (under its lock) and stores them with the new head, in one
   * transaction. `retry`: an earlier try of this batch may have committed without its caller
   * hearing so (the connection dropped on the commit's answer); entries already in the log are
   * left out, so the retry neither records them twice nor fails on their IDs.
   */
  async append(entries: readonly AuditEntry[], linked: (head: ChainHead, entries: readonly AuditEntry[]) => AuditRow[], retry = false): Promise<AuditRow[]> {
    if (entries.length === 0) return [];
    return this.em.transactional(async (em) => {
      const [head] = await em.execute<Row[]>(`select seq, hash from audit_chain_head where id = 1 for update`);
      if (!head) throw new Error('audit_chain_head has no row: the audit_log migration seeds it');
      if (retry) {
        const present = new Set((await em.execute<Row[]>(`select id from audit_log where id in (${entries.map(() => '?').join(', ')})`, entries.map((e) => e.id))).map((r) => String(r.id)));
        entries = entries.filter((e) => !present.has(e.id));
        if (entries.length === 0) return [];
      }
      const rows = linked({ seq: Number(head.seq), hash: String(head.hash) }, entries);
      const last = rows.at(-1)!;
      // One round trip for the rows and the head's move.
      await em.execute(
        `with appended as (insert into audit_log (${COLUMNS.join(', ')}) values ${rows.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')} returning seq)
         update audit_chain_head set seq = ?, hash = ?, updated_at = now() where id = 1 and (select count(*) from appended) = ?`,
        [
          ...rows.flatMap((r) => [
            r.seq, r.id, r.at, r.requestId, r.actorId, r.actorKind, JSON.stringify(r.actorRoles), r.agencyId, r.kind, r.action, r.method, r.route, r.loanId, r.caseId, r.clientAddress, r.status, r.outcome, r.prevHash, r.hash,
          ]),
          last.seq,
          last.hash,
          rows.length,
        ],
      );
      return rows;
    });
  }

  async head(): Promise<ChainHead> {
    const [row] = await this.em.execute<Row[]>(`select seq, hash from audit_chain_head where id = 1`);
    if (!row) throw new Error('audit_chain_head has no row: the audit_log migration seeds it');
    return { seq: Number(row.seq), hash: String(row.hash) };
  }

  /** Up to `limit` rows after `afterSeq` and up to `throughSeq`, in chain order. */
  async walk(afterSeq: number, throughSeq: number, limit: number): Promise<AuditRow[]> {
    const rows = await this.em.execute<Row[]>(`select * from audit_log where seq > ? and seq <= ? order by seq limit ?`, [afterSeq, throughSeq, limit]);
    return rows.map(toRow);
  }

  async search(filter: AuditFilter, after: AuditPosition | null, limit: number): Promise<{ items: AuditRow[]; next: AuditPosition | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const equal: [string, unknown][] = [
      ['actor_id', filter.actorId],
      ['loan_id', filter.loanId],
      ['case_id', filter.caseId],
      ['action', filter.action],
      ['kind', filter.kind],
      ['outcome', filter.outcome],
    ];
    for (const [column, value] of equal) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    if (filter.from !== undefined) {
      where.push('at >= ?::timestamptz');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at < ?::timestamptz');
      params.push(filter.to);
    }
    if (after) {
      where.push('(at, id) < (?::timestamptz, ?::uuid)');
      params.push(after.createdAt, after.id);
    }
    const rows = await this.em.execute<Row[]>(
      `select *, ${MICROSECOND_ISO} as position from audit_log ${where.length > 0 ? `where ${where.join(' and ')}` : ''} order by at desc, id desc limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toRow), next: rows.length > limit && last ? { createdAt: String(last.position), id: String(last.id) } : null };
  }
}

function toRow(r: Row): AuditRow {
  return {
    seq: Number(r.seq),
    id: String(r.id),
    at: (r.at instanceof Date ? r.at : new Date(String(r.at))).toISOString(),
    requestId: String(r.request_id),
    actorId: String(r.actor_id),
    actorKind: r.actor_kind as ActorKind,
    actorRoles: (typeof r.actor_roles === 'string' ? JSON.parse(r.actor_roles) : r.actor_roles) as string[],
    agencyId: (r.agency_id as string | null) ?? null,
    kind: r.kind as AuditKind,
    action: String(r.action),
    method: String(r.method),
    route: String(r.route),
    loanId: (r.loan_id as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null,
    clientAddress: String(r.client_address),
    status: Number(r.status),
    outcome: r.outcome as AuditOutcome,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}
