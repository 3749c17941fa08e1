// A champion/challenger experiment on escalation policies: a validated version (the challenger)
// run beside whatever version is active (the champion) on a hashed share of new delinquent
// episodes. At most one runs at a time, held by a partial unique index whatever the code does, so
// no episode can be claimed by two experiments. Each episode records its arm (recovery_episodes
// experiment_id, arm) and the version it was given (its `experiment_assigned` timeline entry).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryExperiment = defineEntity({
  name: 'RecoveryExperiment',
  tableName: 'recovery_experiments',
  indexes: [
    {
      name: 'recovery_experiments_one_running',
      expression: `create unique index "recovery_experiments_one_running" on "recovery_experiments" ("status") where "status" = 'running'`,
    },
    { properties: ['createdAt'] },
  ],
  checks: [
    { name: 'recovery_experiments_status_known', expression: `status in ('running', 'promoted', 'stopped')` },
    { name: 'recovery_experiments_share_bps', expression: 'share_bps >= 0 and share_bps <= 10000' },
  ],
  properties: {
    /** also the hash's salt: each experiment splits the loans afresh */
    id: p.uuid().primary(),
    challengerVersion: p.integer(),
    /** the version active when it started; each episode's champion is the version active at its own start */
    championVersionAtStart: p.integer().nullable(),
    /** basis points of new episodes on the challenger */
    shareBps: p.integer(),
    /** running | promoted | stopped */
    status: p.string().length(16),
    note: p.string().length(500).nullable(),
    createdBy: p.string().length(100),
    createdAt: p.datetime(),
    /** an experiment runs from its creation; kept apart so a scheduled start needs no migration */
    startedBy: p.string().length(100),
    startedAt: p.datetime(),
    endedBy: p.string().length(100).nullable(),
    endedAt: p.datetime().nullable(),
  },
});

export type IRecoveryExperiment = InferEntity<typeof RecoveryExperiment>;
