// One delinquent episode of one loan, as its recovery workflow (`recovery-<loanId>-<episode>`)
// reports it: the read model behind GET /v1/recovery/cases and the stats, and how the inbox finds
// the running episode a reply belongs to. Written only by the workflow's activities; `version`
// orders its writes so a late one never overwrites a newer one. No personal data.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryEpisode = defineEntity({
  name: 'RecoveryEpisode',
  tableName: 'recovery_episodes',
  uniques: [{ properties: ['loanId', 'episode'] }],
  indexes: [{ properties: ['status', 'loanId'] }, { properties: ['startedAt', 'workflowId'] }, { properties: ['experimentId', 'arm'] }],
  properties: {
    workflowId: p.string().length(80).primary(),
    loanId: p.uuid(),
    episode: p.integer(),
    /** running | ended */
    status: p.string().length(16),
    /** what the workflow is doing: following a path, waiting, paused (dispute), handed off */
    stage: p.string().length(16),
    currency: p.string().length(3),
    product: p.string().length(64),
    country: p.string().length(2),
    bucketAtStart: p.string().length(32),
    bucket: p.string().length(32),
    dpd: p.integer(),
    segment: p.string().length(32).nullable(),
    propensityBand: p.string().length(16).nullable(),
    /** overdue at the start: the denominator of the recovery rate */
    delinquentMinor: p.bigint('number'),
    outstandingMinor: p.bigint('number'),
    recoveredMinor: p.bigint('number').default(0),
    policyVersion: p.integer().nullable(),
    ruleId: p.string().length(100).nullable(),
    experimentId: p.string().length(64).nullable(),
    arm: p.string().length(16).nullable(),
    contacts: p.integer().default(0),
    blocked: p.integer().default(0),
    promisesKept: p.integer().default(0),
    promisesBroken: p.integer().default(0),
    optedOut: p.boolean().default(false),
    /** the account moved into a later bucket during the episode */
    rolledForward: p.boolean().default(false),
    startedAt: p.datetime(),
    endedAt: p.datetime().nullable(),
    endReason: p.string().length(32).nullable(),
    version: p.integer(),
    updatedAt: p.datetime(),
  },
});

export type IRecoveryEpisode = InferEntity<typeof RecoveryEpisode>;
