// Money we received and could not apply, until it is applied to a loan or refunded. originKey
// makes the same money arriving twice (a redelivered webhook, a replayed projection) one item;
// the claim columns make an item's one fate (applied or refunded) happen once. No personal data.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const UnappliedCash = defineEntity({
  name: 'UnappliedCash',
  tableName: 'unapplied_cash',
  uniques: [{ properties: ['originKey'] }],
  indexes: [{ properties: ['createdAt', 'id'] }, { properties: ['gatewayPaymentId'] }, { properties: ['applicationPaymentId'] }],
  properties: {
    id: p.uuid().primary(),
    originKey: p.string().length(255),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    source: p.string().length(32),
    reason: p.string().length(32),
    reasonDetail: p.string().length(255).nullable(),
    paymentReference: p.string().length(255),
    gatewayPaymentId: p.string().length(255).nullable(),
    loanReference: p.string().length(255).nullable(),
    /** the item whose application to a loan overpaid it, when this one is that overpayment */
    parentId: p.uuid().nullable(),
    receivedAt: p.datetime(),
    status: p.string().length(16),
    /** actions claimed so far; each attempt has its own payment id and refund key */
    attempt: p.integer().default(0),
    /** the workflow run carrying the current action */
    claimToken: p.string().length(255).nullable(),
    targetLoanId: p.uuid().nullable(),
    requestedBy: p.string().length(100).nullable(),
    requestedAt: p.datetime().nullable(),
    resolvedAt: p.datetime().nullable(),
    applicationPaymentId: p.string().length(255).nullable(),
    refundIdempotencyKey: p.string().length(255).nullable(),
    refundId: p.string().length(255).nullable(),
    lastProblem: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type IUnappliedCash = InferEntity<typeof UnappliedCash>;
