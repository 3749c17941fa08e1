// The recovery timeline: every step an episode took and why (policy version, rule, step), every
// gate decision, reply, promise, hand-off and outcome, in order. `seq` is the workflow's own
// counter, so a retried activity writes the same row once. Message bodies are not here (they are
// in the outbox, encrypted); `data` holds no personal data.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryAction = defineEntity({
  name: 'RecoveryAction',
  tableName: 'recovery_actions',
  uniques: [{ properties: ['workflowId', 'seq'] }],
  indexes: [{ properties: ['loanId', 'at'] }, { properties: ['kind', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    workflowId: p.string().length(80),
    loanId: p.uuid(),
    seq: p.integer(),
    at: p.datetime(),
    kind: p.string().length(40),
    policyVersion: p.integer().nullable(),
    ruleId: p.string().length(100).nullable(),
    stepIndex: p.integer().nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

export type IRecoveryAction = InferEntity<typeof RecoveryAction>;
