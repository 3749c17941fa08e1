// Who a loan's original creditor is, for the answer to a borrower's request for its name and
// address (12 CFR 1006.38(c)): what ops recorded for it, else the lender itself for a loan it made
// here (disbursed through Credence), else unknown: a loan imported from a book may have been made
// by another lender, so nobody is named until ops record who.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface CreditorIdentity {
  name: string;
  address: string;
}

export type OriginalCreditorRecord =
  | (CreditorIdentity & { known: true; source: 'recorded'; recordedBy: string; recordedAt: string })
  | (CreditorIdentity & { known: true; source: 'lender' })
  | { known: false; reason: string };

type Row = Record<string, unknown>;

export class OriginalCreditorRepository {
  constructor(private readonly em: EntityManager) {}

  /** `lender`: who the lender is (settings), the original creditor of the loans it made here. */
  async find(loanId: string, lender: CreditorIdentity): Promise<OriginalCreditorRecord> {
    const [recorded] = await this.em.execute<Row[]>(`select name, address, recorded_by, recorded_at from original_creditors where loan_id = ?`, [loanId]);
    if (recorded) return { known: true, source: 'recorded', name: String(recorded.name), address: String(recorded.address), recordedBy: String(recorded.recorded_by), recordedAt: iso(recorded.recorded_at) };
    const events = await this.em.execute<Row[]>(`select type from loan_events where loan_id = ? and type in ('disbursement.paid_out', 'loan.imported')`, [loanId]);
    const types = new Set(events.map((e) => String(e.type)));
    if (types.has('loan.imported')) return { known: false, reason: 'the loan was imported from a book, and no original creditor is recorded for it' };
    if (types.has('disbursement.paid_out')) return { known: true, source: 'lender', ...lender };
    return { known: false, reason: 'the loan was not disbursed through Credence, and no original creditor is recorded for it' };
  }

  /** Records (or corrects) who the original creditor is. */
  async record(loanId: string, creditor: CreditorIdentity, by: string, at: string): Promise<void> {
    await this.em.execute(
      `insert into original_creditors (loan_id, name, address, recorded_by, recorded_at) values (?, ?, ?, ?, ?)
       on conflict (loan_id) do update set name = excluded.name, address = excluded.address, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      [loanId, creditor.name, creditor.address, by, at],
    );
  }
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
