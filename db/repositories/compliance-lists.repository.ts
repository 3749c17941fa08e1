// The opt-outs and disputes compliance officers look through, one row per standing change, newest
// first, from the standing log every one of them is written to (contact-profile.repository.ts).
// Only what an officer needs to find and follow one: the loan, the channel, when, how it came
// (source) and who recorded it; never the sealed reason (free text that can name the borrower: it
// is read per loan, on its contact standing). A dispute's status is whether a verification followed
// it, as the compliance report counts it. Read in the caller's case scope (case-scope.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { loanVisible, type CaseScope } from './case-scope.js';
import { textOrNull } from './row-values.js';

/** The keyset position of a standing change: its instant to the microsecond and its ID (a bigint, as a decimal string). */
export interface StandingPosition {
  at: string;
  id: string;
}

export interface PeriodFilter {
  from?: string;
  to?: string;
}

export const DISPUTE_STATUSES = ['open', 'verified'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export interface OptOutRow {
  id: string;
  loanId: string;
  /** null: an opt-out from all contact */
  channel: string | null;
  source: string;
  actor: string | null;
  at: string;
}

export interface DisputeRow {
  id: string;
  loanId: string;
  openedAt: string;
  source: string;
  /** the channel of the message or key press that raised it (web: the validation notice's form); null when a person recorded it */
  channel: string | null;
  /** who recorded it (a collector, say); null when the borrower's own message did */
  openedBy: string | null;
  status: DisputeStatus;
  verifiedAt: string | null;
  verifiedBy: string | null;
}

export interface Page<T> {
  items: T[];
  next: StandingPosition | null;
}

type Row = Record<string, unknown>;

const MICROSECOND_ISO = `to_char(o.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

export class ComplianceListsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Opt-outs; `channel`: those that stop it, an opt-out from all contact included. */
  async optOuts(filter: PeriodFilter & { channel?: string }, scope: CaseScope, after: StandingPosition | null, limit: number): Promise<Page<OptOutRow>> {
    const where = new Where(`o.change in ('opt_out', 'opt_out_all')`, scope, filter, after);
    if (filter.channel !== undefined) where.and(`(o.channel = ? or o.change = 'opt_out_all')`, filter.channel);
    const rows = await this.em.execute<Row[]>(
      `select o.id, o.loan_id, o.change, o.channel, o.source, o.actor, o.at, ${MICROSECOND_ISO} as position from contact_standing_changes o
       where ${where.sql} order by o.at desc, o.id desc limit ?`,
      [...where.params, limit + 1],
    );
    return page(rows, limit, (r) => ({
      id: String(r.id),
      loanId: String(r.loan_id),
      channel: r.change === 'opt_out_all' ? null : textOrNull(r.channel),
      source: String(r.source),
      actor: textOrNull(r.actor),
      at: iso(r.at),
    }));
  }

  /** Disputes opened, each with the first verification after it (none: still open). */
  async disputes(filter: PeriodFilter & { channel?: string; status?: DisputeStatus }, scope: CaseScope, after: StandingPosition | null, limit: number): Promise<Page<DisputeRow>> {
    const where = new Where(`o.change = 'dispute_opened'`, scope, filter, after);
    if (filter.channel !== undefined) where.and(`i.channel = ?`, filter.channel);
    if (filter.status === 'open') where.and(`v.at is null`);
    if (filter.status === 'verified') where.and(`v.at is not null`);
    const rows = await this.em.execute<Row[]>(
      // The inbox row behind a reply or key press carries its channel (the standing change names the row).
      `select o.id, o.loan_id, o.at, o.source, o.actor, i.channel as inbound_channel, v.at as verified_at, v.actor as verified_by, ${MICROSECOND_ISO} as position
       from contact_standing_changes o
       left join contact_inbound i on o.source in ('inbound', 'key_press') and i.id::text = o.source_ref
       left join lateral (select x.at, x.actor from contact_standing_changes x where x.loan_id = o.loan_id and x.change = 'dispute_verified' and x.at >= o.at order by x.at, x.id limit 1) v on true
       where ${where.sql} order by o.at desc, o.id desc limit ?`,
      [...where.params, limit + 1],
    );
    return page(rows, limit, (r) => ({
      id: String(r.id),
      loanId: String(r.loan_id),
      openedAt: iso(r.at),
      source: String(r.source),
      channel: textOrNull(r.inbound_channel),
      openedBy: textOrNull(r.actor),
      status: r.verified_at === null ? 'open' : 'verified',
      verifiedAt: r.verified_at === null ? null : iso(r.verified_at),
      verifiedBy: textOrNull(r.verified_by),
    }));
  }
}

/** The conditions every list shares: its kind of change, the caller's scope, the period and the page's start. */
class Where {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  constructor(kind: string, scope: CaseScope, filter: PeriodFilter, after: StandingPosition | null) {
    this.and(kind);
    const visible = loanVisible(scope, 'o.loan_id');
    this.and(visible.sql, ...visible.params);
    if (filter.from !== undefined) this.and('o.at >= ?::timestamptz', filter.from);
    if (filter.to !== undefined) this.and('o.at < ?::timestamptz', filter.to);
    if (after) this.and('(o.at, o.id) < (?::timestamptz, ?::bigint)', after.at, after.id);
  }

  and(sql: string, ...params: unknown[]): void {
    this.parts.push(sql);
    this.params.push(...params);
  }

  get sql(): string {
    return this.parts.join(' and ');
  }
}

function page<T>(rows: Row[], limit: number, map: (r: Row) => T): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown.map(map), next: rows.length > limit && last ? { at: String(last.position), id: String(last.id) } : null };
}
