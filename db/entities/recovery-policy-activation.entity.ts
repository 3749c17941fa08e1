// Every activation of an escalation-policy version, in order: who made which version active, when,
// and which one it replaced. Activating a retired version is a rollback; this log is its history
// (the version rows keep only their latest activation).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryPolicyActivation = defineEntity({
  name: 'RecoveryPolicyActivation',
  tableName: 'recovery_policy_activations',
  indexes: [{ properties: ['version'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    version: p.integer(),
    /** the version it replaced; null for the first */
    previousVersion: p.integer().nullable(),
    activatedBy: p.string().length(100),
    activatedAt: p.datetime(),
    /** the version had been active before (a rollback to it) */
    rollback: p.boolean(),
  },
});

export type IRecoveryPolicyActivation = InferEntity<typeof RecoveryPolicyActivation>;
