// A hold on capital for one loan's disbursement: held -> consumed (paid out) or released
// (compensation). Keyed by the workflow-derived idempotency key.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const FundingReservation = defineEntity({
  name: 'FundingReservation',
  tableName: 'funding_reservations',
  properties: {
    reservationKey: p.string().length(255).primary(),
    loanId: p.uuid().index(),
    currency: p.string().length(3),
    amount: p.bigint('number'),
    status: p.string().length(16),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type IFundingReservation = InferEntity<typeof FundingReservation>;
