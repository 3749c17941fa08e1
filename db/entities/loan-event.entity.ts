// The loan's event log as projected from its workflow. (loanId, seq) is unique, so replaying
// a projection inserts nothing twice.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LoanEvent = defineEntity({
  name: 'LoanEvent',
  tableName: 'loan_events',
  uniques: [{ properties: ['loanId', 'seq'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    loanId: p.uuid(),
    seq: p.integer(),
    type: p.string().length(64),
    data: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
  },
});

export type ILoanEvent = InferEntity<typeof LoanEvent>;
