// Reads of the loan read model for the API: one loan with its events and payments, and pages of
// loans newest first by keyset on (created_at, loan_id), which stays fast and stable however
// deep the page and however many loans arrive meanwhile.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoanEventRecord, LoanSnapshot, PaymentView } from '../../domain/loan-view.js';
import type { LoanStatus } from '../../domain/loan-status.js';

export interface LoanFilter {
  status?: LoanStatus;
  bucket?: string;
  product?: string;
}

/** Where a page ends: created_at to the microsecond (ISO, UTC) and the loan ID that breaks ties. */
export interface LoanPosition {
  createdAt: string;
  loanId: string;
}

export type LoanSummaryRecord = Omit<LoanSnapshot, 'schedule' | 'review' | 'offer' | 'version'>;

/** A loan as projected, with its whole event log and its payments. */
export interface LoanRecord {
  snapshot: LoanSnapshot;
  events: LoanEventRecord[];
  payments: PaymentView[];
}

export interface LoanPage {
  items: LoanSummaryRecord[];
  /** the position after the last item, when more loans follow */
  next: LoanPosition | null;
}

type Row = Record<string, unknown>;

const MICROSECOND_ISO = `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export class LoanReadRepository {
  constructor(private readonly em: EntityManager) {}

  async find(loanId: string): Promise<LoanRecord | null> {
    const [row] = await this.em.execute<Row[]>(`select * from loans where loan_id = ?`, [loanId]);
    if (!row) return null;
    const events = await this.em.execute<Row[]>(`select seq, type, data, occurred_at from loan_events where loan_id = ? order by seq`, [loanId]);
    const payments = await this.em.execute<Row[]>(
      `select external_id, amount, currency, source, received_on, allocation from payments where loan_id = ? order by applied_at, external_id`,
      [loanId],
    );
    return { snapshot: toSnapshot(row), events: events.map(toEvent), payments: payments.map(toPayment) };
  }

  /** The loan's row alone (no events, no payments), for checks that need its status or balances. */
  async summary(loanId: string): Promise<LoanSummaryRecord | null> {
    const [row] = await this.em.execute<Row[]>(
      `select loan_id, status, bucket, product, currency, requested_principal, principal, decision, outstanding_principal, outstanding_total,
         days_past_due, credit_limit, closed_reason, created_at, updated_at from loans where loan_id = ?`,
      [loanId],
    );
    return row ? toSummary(row) : null;
  }

  /** Whether the loan recorded an event of this type whose data has `field` equal to `value` (an arrangement or write-off already applied). */
  async hasEvent(loanId: string, type: string, field: string, value: string): Promise<boolean> {
    const rows = await this.em.execute<Row[]>(`select 1 from loan_events where loan_id = ? and type = ? and data ->> ? = ? limit 1`, [loanId, type, field, value]);
    return rows.length > 0;
  }

  async findPayment(loanId: string, externalId: string): Promise<PaymentView | null> {
    const [row] = await this.em.execute<Row[]>(
      `select external_id, amount, currency, source, received_on, allocation from payments where loan_id = ? and external_id = ?`,
      [loanId, externalId],
    );
    return row ? toPayment(row) : null;
  }

  async list(filter: LoanFilter, after: LoanPosition | null, limit: number): Promise<LoanPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['status', filter.status], ['bucket', filter.bucket], ['product', filter.product]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    if (after) {
      where.push(`(created_at, loan_id) < (?::timestamptz, ?::uuid)`);
      params.push(after.createdAt, after.loanId);
    }
    const rows = await this.em.execute<Row[]>(
      `select loan_id, status, bucket, product, currency, requested_principal, principal, decision, outstanding_principal, outstanding_total,
         days_past_due, credit_limit, closed_reason, created_at, updated_at, ${MICROSECOND_ISO} as position
       from loans ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by created_at desc, loan_id desc limit ?`,
      [...params, limit + 1],
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      next: rows.length > limit && last ? { createdAt: String(last.position), loanId: String(last.loan_id) } : null,
    };
  }
}

function toSummary(r: Row): LoanSummaryRecord {
  return {
    loanId: String(r.loan_id),
    status: r.status as LoanStatus,
    bucket: (r.bucket as string | null) ?? null,
    product: String(r.product),
    currency: String(r.currency),
    requestedPrincipal: Number(r.requested_principal),
    principal: r.principal === null || r.principal === undefined ? null : Number(r.principal),
    decision: json<LoanSnapshot['decision']>(r.decision),
    outstandingPrincipal: Number(r.outstanding_principal),
    outstandingTotal: Number(r.outstanding_total),
    daysPastDue: Number(r.days_past_due),
    creditLimit: r.credit_limit === null || r.credit_limit === undefined ? null : Number(r.credit_limit),
    closedReason: (r.closed_reason as string | null) ?? null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

function toSnapshot(r: Row): LoanSnapshot {
  return {
    ...toSummary(r),
    offer: json<LoanSnapshot['offer']>(r.offer),
    schedule: json<LoanSnapshot['schedule']>(r.schedule),
    review: json<LoanSnapshot['review']>(r.review),
    arrangement: json<LoanSnapshot['arrangement']>(r.arrangement) ?? null,
    version: Number(r.version),
  };
}

function toEvent(r: Row): LoanEventRecord {
  return { seq: Number(r.seq), type: String(r.type), data: json<Record<string, unknown>>(r.data) ?? {}, occurredAt: iso(r.occurred_at) };
}

function toPayment(r: Row): PaymentView {
  return {
    externalId: String(r.external_id),
    amount: Number(r.amount),
    currency: String(r.currency),
    source: r.source as PaymentView['source'],
    receivedOn: String(r.received_on),
    allocation: json<PaymentView['allocation']>(r.allocation) ?? {},
  };
}

/** jsonb arrives parsed from pg; a driver set up to hand back text is read the same way. */
function json<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
