// What a loan looks like in PostgreSQL after its workflow projected it: for assertions that the
// read model, the ledger and the capital pool agree with the workflow.
import type { MikroORM } from '@mikro-orm/postgresql';
import { FundingRepository } from '../../db/repositories/funding.repository.js';
import { LedgerRepository } from '../../db/repositories/ledger.repository.js';

export async function loanRow(orm: MikroORM, loanId: string) {
  const [row] = await orm.em.fork().execute<Record<string, unknown>[]>(`select * from loans where loan_id = ?`, [loanId]);
  return row;
}

export async function loanEvents(orm: MikroORM, loanId: string): Promise<{ seq: number; type: string; data: Record<string, unknown> }[]> {
  return orm.em.fork().execute(`select seq, type, data from loan_events where loan_id = ? order by seq`, [loanId]);
}

export async function loanPayments(orm: MikroORM, loanId: string): Promise<{ external_id: string; amount: string; source: string; allocation: Record<string, unknown> }[]> {
  return orm.em.fork().execute(`select external_id, amount, source, allocation from payments where loan_id = ? order by applied_at`, [loanId]);
}

export async function journals(orm: MikroORM, loanId: string): Promise<{ journal_key: string; kind: string; lines: string }[]> {
  return orm.em.fork().execute(`select journal_key, kind, count(*) as lines from ledger_entries where loan_id = ? group by journal_key, kind order by min(id)`, [loanId]);
}

export function ledgerBalances(orm: MikroORM, loanId: string): Promise<Record<string, number>> {
  return new LedgerRepository(orm.em.fork()).balances(loanId);
}

export function capitalPool(orm: MikroORM, currency: string) {
  return new FundingRepository(orm.em.fork()).pool(currency);
}

export async function reservation(orm: MikroORM, loanId: string): Promise<{ status: string; amount: string } | undefined> {
  const [row] = await orm.em.fork().execute<{ status: string; amount: string }[]>(`select status, amount from funding_reservations where loan_id = ?`, [loanId]);
  return row;
}

/** Polls until `check` passes: the read model follows the workflow asynchronously. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
