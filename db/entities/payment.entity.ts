// Payments the loan's workflow has applied, with their allocation. (loanId, externalId) is the
// key: the same payment reported twice (API retry, webhook redelivery) posts once.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PaymentRecord = defineEntity({
  name: 'PaymentRecord',
  tableName: 'payments',
  properties: {
    loanId: p.uuid().primary(),
    externalId: p.string().length(255).primary(),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    source: p.string().length(32),
    allocation: p.json<Record<string, unknown>>(),
    receivedOn: p.string().length(10),
    appliedAt: p.datetime(),
  },
});

export type IPaymentRecord = InferEntity<typeof PaymentRecord>;
