// Versions of the escalation policy ops write: draft -> validated -> active -> retired. At most one
// version is active, held by a partial unique index (not only by the code that activates), so no
// race between two activations can leave two policies choosing paths. `source` is the text as
// submitted (YAML or JSON), so ops see their own comments and layout; `document` is what runs.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryPolicyVersion = defineEntity({
  name: 'RecoveryPolicyVersion',
  tableName: 'recovery_policy_versions',
  indexes: [
    {
      name: 'recovery_policy_versions_one_active',
      expression: `create unique index "recovery_policy_versions_one_active" on "recovery_policy_versions" ("status") where "status" = 'active'`,
    },
  ],
  checks: [{ name: 'recovery_policy_versions_status_known', expression: `status in ('draft', 'validated', 'active', 'retired')` }],
  properties: {
    version: p.integer().primary().autoincrement(false),
    name: p.string().length(100),
    document: p.json<Record<string, unknown>>(),
    source: p.text(),
    /** 'yaml' or 'json', as submitted */
    sourceFormat: p.string().length(8),
    status: p.string().length(16),
    author: p.string().length(100),
    /** the version this one was written against (the active one when none was named) */
    basedOn: p.integer().nullable(),
    /** changes from basedOn (diff-policy.ts), JSON Pointers into this document */
    diff: p.json<unknown[]>().nullable(),
    /** errors and warnings of the last validation */
    problems: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(),
    validatedAt: p.datetime().nullable(),
    activatedAt: p.datetime().nullable(),
    activatedBy: p.string().length(100).nullable(),
    retiredAt: p.datetime().nullable(),
  },
});

export type IRecoveryPolicyVersion = InferEntity<typeof RecoveryPolicyVersion>;
