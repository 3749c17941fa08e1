// Double-entry ledger lines. A journal (one business event) is posted whole or not at all, and
// its key makes a retried posting a no-op; a reversal is a new journal that points back. Money
// that belongs to no loan (unapplied cash) has no loanId but names its unapplied-cash item.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LedgerEntry = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entries',
  uniques: [{ properties: ['journalKey', 'line'] }],
  indexes: [{ properties: ['loanId'] }, { properties: ['unappliedCashId'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    journalKey: p.string().length(255),
    line: p.integer(),
    loanId: p.uuid().nullable(),
    unappliedCashId: p.uuid().nullable(),
    kind: p.string().length(64),
    account: p.string().length(64),
    debit: p.bigint('number').default(0),
    credit: p.bigint('number').default(0),
    currency: p.string().length(3),
    reversesJournal: p.string().length(255).nullable(),
    postedAt: p.datetime(),
  },
});

export type ILedgerEntry = InferEntity<typeof LedgerEntry>;
