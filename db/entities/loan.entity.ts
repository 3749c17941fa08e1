// The loan read model: what the API lists and shows. Written only by the loan's workflow
// through the projection activity; `version` is the workflow's event sequence, so a late or
// repeated projection never overwrites a newer one.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LoanView = defineEntity({
  name: 'LoanView',
  tableName: 'loans',
  properties: {
    loanId: p.uuid().primary(),
    status: p.string().length(32).index(),
    bucket: p.string().length(32).nullable().index(),
    product: p.string().length(64),
    currency: p.string().length(3),
    requestedPrincipal: p.bigint('number'),
    principal: p.bigint('number').nullable(),
    decision: p.json<Record<string, unknown>>().nullable(),
    offer: p.json<Record<string, unknown>>().nullable(),
    schedule: p.json<Record<string, unknown>[]>().nullable(),
    outstandingPrincipal: p.bigint('number').default(0),
    outstandingTotal: p.bigint('number').default(0),
    daysPastDue: p.integer().default(0),
    review: p.json<Record<string, unknown>>().nullable(),
    creditLimit: p.bigint('number').nullable(),
    closedReason: p.string().nullable(),
    /** the latest arrangement (domain/loan-view.ts ArrangementView); null when the loan never had one */
    arrangement: p.json<Record<string, unknown>>().nullable(),
    version: p.integer(),
    createdAt: p.datetime().index(),
    updatedAt: p.datetime(),
  },
});

export type ILoanView = InferEntity<typeof LoanView>;
