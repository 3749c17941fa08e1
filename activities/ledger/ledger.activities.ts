// Ledger postings. The workflow builds the journal (domain/ledger.ts) and names it with a key
// derived from itself, so a retried activity posts nothing twice.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Journal } from '../../domain/ledger.js';
import { LedgerRepository } from '../../db/repositories/ledger.repository.js';

export function createLedgerActivities(deps: { orm: MikroORM }) {
  const repo = () => new LedgerRepository(deps.orm.em.fork());
  return {
    async postJournal(journal: Journal): Promise<{ posted: boolean }> {
      return repo().post(journal);
    },
    async reverseJournal(input: { journalKey: string; reversalKey: string }): Promise<{ reversed: boolean }> {
      return repo().reverse(input.journalKey, input.reversalKey);
    },
  };
}

export type LedgerActivities = ReturnType<typeof createLedgerActivities>;
