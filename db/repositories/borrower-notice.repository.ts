// What the borrower's own pages (the validation notice, the pay page) are built from: the loan as
// projected (schedule, payments, balances), the credit balance the ledger holds for it, and when
// the first message carrying the validation information went out. Amounts only: no personal data is read here.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IsoDate } from '../../domain/calendar.js';
import type { LoanStatus } from '../../domain/loan-status.js';
import type { ScheduleLineView } from '../../domain/loan-view.js';

export interface BorrowerLoanRecords {
  status: LoanStatus;
  currency: string;
  principal: number;
  /** everything still scheduled, as the messages call it "outstanding" */
  outstandingTotal: number;
  schedule: ScheduleLineView[];
  disbursedOn: IsoDate;
  payments: { amount: number; overpayment: number }[];
  /** ledger: borrower_advances, what the borrower paid ahead of its due date */
  creditBalance: number;
  /** the day the first delivery carrying the validation information (us.reg-f.1006.34) went out; null before one has */
  firstCommunicationOn: IsoDate | null;
}

type Row = Record<string, unknown>;

/** The disclosure a delivery carries when it gave the validation information (rule-packs.ts). */
const VALIDATION_DISCLOSURE = 'us.reg-f.1006.34';

export class BorrowerNoticeRepository {
  constructor(private readonly em: EntityManager) {}

  /** Null for a loan that does not exist or never became a debt (not disbursed). */
  async find(loanId: string): Promise<BorrowerLoanRecords | null> {
    const [loan] = await this.em.execute<Row[]>(`select status, currency, principal, outstanding_total, schedule from loans where loan_id = ?`, [loanId]);
    const schedule = loan ? json<ScheduleLineView[]>(loan.schedule) : null;
    if (!loan || loan.principal === null || !schedule || schedule.length === 0) return null;
    const disbursedOn = await this.disbursedOn(loanId);
    if (!disbursedOn) return null;
    const payments = await this.em.execute<Row[]>(`select amount, allocation from payments where loan_id = ?`, [loanId]);
    const [advances] = await this.em.execute<Row[]>(
      `select coalesce(sum(credit), 0) - coalesce(sum(debit), 0) as balance from ledger_entries where loan_id = ? and account = 'borrower_advances'`,
      [loanId],
    );
    // The validation period runs from the first message that gave the validation information
    // (1006.34), not from any earlier contact: a collector's call carries none. Until one has gone
    // out, none has started.
    const [first] = await this.em.execute<Row[]>(
      `select min(contact_at) as at from contact_deliveries where loan_id = ? and sent_at is not null and disclosures @> ?::jsonb`,
      [loanId, JSON.stringify([VALIDATION_DISCLOSURE])],
    );
    return {
      status: String(loan.status) as LoanStatus,
      currency: String(loan.currency),
      principal: Number(loan.principal),
      outstandingTotal: Number(loan.outstanding_total),
      schedule,
      disbursedOn,
      payments: payments.map((p) => ({ amount: Number(p.amount), overpayment: Number(json<Record<string, unknown>>(p.allocation)?.overpayment ?? 0) })),
      creditBalance: Number(advances?.balance ?? 0),
      firstCommunicationOn: first?.at ? isoDate(first.at) : null,
    };
  }

  /** The day the money went out (the workflow's clock), or the imported loan's own disbursement date. */
  private async disbursedOn(loanId: string): Promise<IsoDate | null> {
    const [row] = await this.em.execute<Row[]>(
      `select type, data, occurred_at from loan_events where loan_id = ? and type in ('disbursement.paid_out', 'loan.imported') order by seq limit 1`,
      [loanId],
    );
    if (!row) return null;
    if (row.type === 'loan.imported') {
      const on = json<{ disbursedOn?: unknown }>(row.data)?.disbursedOn;
      return typeof on === 'string' ? on : null;
    }
    return isoDate(row.occurred_at);
  }
}

function json<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function isoDate(value: unknown): IsoDate {
  return (value instanceof Date ? value : new Date(String(value))).toISOString().slice(0, 10);
}
