// Posts journals whole or not at all. The journal key makes a retried posting a no-op, and a
// reversal is its own journal pointing back at the original.
import type { EntityManager } from '@mikro-orm/postgresql';
import { isBalanced, type Journal } from '../../domain/ledger.js';

export class LedgerRepository {
  constructor(private readonly em: EntityManager) {}

  async post(journal: Journal, reversesJournal: string | null = null): Promise<{ posted: boolean }> {
    if (!isBalanced(journal)) throw new Error(`journal ${journal.journalKey} does not balance`);
    return this.em.transactional(async (em) => {
      if (await this.exists(em, journal.journalKey)) return { posted: false };
      let line = 0;
      for (const l of journal.lines) {
        await em.execute(
          `insert into ledger_entries (journal_key, line, loan_id, unapplied_cash_id, kind, account, debit, credit, currency, reverses_journal, posted_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
          [journal.journalKey, ++line, journal.loanId, journal.unappliedCashId ?? null, journal.kind, l.account, l.debit, l.credit, journal.currency, reversesJournal],
        );
      }
      return { posted: true };
    });
  }

  /** Posts the mirror image of `journalKey` as `reversalKey`; nothing to reverse is not an error. */
  async reverse(journalKey: string, reversalKey: string): Promise<{ reversed: boolean }> {
    const rows = await this.em.execute<{ loan_id: string | null; unapplied_cash_id: string | null; kind: Journal['kind']; account: string; debit: string; credit: string; currency: string }[]>(
      `select loan_id, unapplied_cash_id, kind, account, debit, credit, currency from ledger_entries where journal_key = ? order by line`,
      [journalKey],
    );
    const first = rows[0];
    if (!first) return { reversed: false };
    const lines = rows.map((r) => ({ account: r.account, debit: Number(r.credit), credit: Number(r.debit) }));
    const owner = { loanId: first.loan_id, ...(first.unapplied_cash_id ? { unappliedCashId: first.unapplied_cash_id } : {}) };
    const { posted } = await this.post({ journalKey: reversalKey, ...owner, kind: first.kind, currency: first.currency, lines }, journalKey);
    return { reversed: posted };
  }

  async balances(loanId: string): Promise<Record<string, number>> {
    const rows = await this.em.execute<{ account: string; balance: string }[]>(
      `select account, sum(debit) - sum(credit) as balance from ledger_entries where loan_id = ? group by account order by account`,
      [loanId],
    );
    return Object.fromEntries(rows.map((r) => [r.account, Number(r.balance)]));
  }

  private async exists(em: EntityManager, journalKey: string): Promise<boolean> {
    const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from ledger_entries where journal_key = ?`, [journalKey]);
    return Number(row?.n ?? 0) > 0;
  }
}
