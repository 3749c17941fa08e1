// A change to money or to policy that a person proposed and, where the rules say so, a second
// person approved or rejected (maker-checker): a plan, restructure or settlement of a loan, a
// write-off, the activation of an escalation-policy version. Both people are kept, with when and
// why. An arrangement within the policy's bounds needs no checker: it is here all the same
// (applied, checker null), so a loan's arrangements are read from one place. The proposer's
// request key makes a retried proposal the same proposal; the partial unique indexes keep one
// pending write-off per loan and one pending activation per version, whoever asks.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Approval = defineEntity({
  name: 'Approval',
  tableName: 'approvals',
  indexes: [
    { name: 'approvals_loan', properties: ['loanId', 'proposedAt'] },
    { name: 'approvals_status', properties: ['status', 'proposedAt'] },
    {
      name: 'approvals_one_pending_write_off',
      expression: `create unique index "approvals_one_pending_write_off" on "approvals" ("loan_id") where "kind" = 'write_off' and "status" in ('pending', 'approved')`,
    },
    {
      name: 'approvals_one_pending_activation',
      expression: `create unique index "approvals_one_pending_activation" on "approvals" ("policy_version") where "kind" = 'policy_activation' and "status" = 'pending'`,
    },
  ],
  uniques: [{ name: 'approvals_request', properties: ['proposedBy', 'requestKey'] }],
  checks: [
    { name: 'approvals_kind_known', expression: `kind in ('arrangement', 'write_off', 'policy_activation')` },
    { name: 'approvals_status_known', expression: `status in ('pending', 'approved', 'rejected', 'applied')` },
    { name: 'approvals_checker_not_maker', expression: `decided_by is null or decided_by <> proposed_by` },
  ],
  properties: {
    id: p.uuid().primary(),
    kind: p.string().length(32),
    loanId: p.uuid().nullable(),
    policyVersion: p.integer().nullable(),
    /** a promoted experiment's ID, when the activation is its promotion */
    experimentId: p.uuid().nullable(),
    /** the terms, the write-off's reason, or why the version should be active */
    payload: p.json<Record<string, unknown>>(),
    /** why a second person must approve; empty when none had to */
    reasons: p.json<string[]>(),
    status: p.string().length(16),
    proposedBy: p.string().length(255),
    proposedByRoles: p.json<string[]>(),
    proposedAt: p.datetime(),
    /** the proposer's Idempotency-Key or request ID */
    requestKey: p.string().length(255),
    decidedBy: p.string().length(255).nullable(),
    decidedAt: p.datetime().nullable(),
    decisionNote: p.text().nullable(),
    appliedAt: p.datetime().nullable(),
    /** what applying it answered (the loan's state, the activation), or why it could not be applied */
    outcome: p.json<Record<string, unknown>>().nullable(),
  },
});

export type IApproval = InferEntity<typeof Approval>;
