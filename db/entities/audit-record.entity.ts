// The audit trail: one row per command through the API and per read of personal data, appended
// in its own transaction (never the request's, so a request that fails is still recorded with its
// outcome). Rows are chained: `hash` is SHA-256 over the previous row's hash and this row's
// canonical content (apps/shared/audit/audit-chain.ts), and `seq` has no gaps, so an altered,
// deleted, inserted or reordered row breaks the chain where it happened. The head row holds the
// last seq and hash; appends lock it, which serialises them across processes. Triggers refuse
// UPDATE, DELETE and TRUNCATE; the chain is what catches whoever bypasses them.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AuditRecord = defineEntity({
  name: 'AuditRecord',
  tableName: 'audit_log',
  uniques: [{ properties: ['id'] }],
  indexes: [
    { properties: ['at', 'id'] },
    { properties: ['actorId', 'at'] },
    { properties: ['loanId', 'at'] },
    { properties: ['caseId', 'at'] },
    { properties: ['action', 'at'] },
  ],
  // Append-only whatever the code does: the application's role (the owner too) cannot change or
  // remove a row. (TRUNCATE is refused by a statement trigger the migration adds: MikroORM does not
  // see those.) A superuser can still get past both (session_replication_role = replica, or ALTER
  // TABLE ... DISABLE TRIGGER as the owner); the hash chain is what shows it happened.
  triggers: [
    {
      name: 'audit_log_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'row',
      body: `raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';`,
    },
  ],
  properties: {
    /** 1, 2, 3 ... without gaps: given under the chain head's lock, not by a sequence (which skips on rollback) */
    seq: p.bigint('number').primary().autoincrement(false),
    /** what the search pages by, with `at` */
    id: p.uuid(),
    /** when the outcome was known */
    at: p.datetime(),
    requestId: p.string().length(128),
    /** the token's subject, `api-key:<prefix>`, or `anonymous` for a route anyone may call */
    actorId: p.string().length(255),
    /** person | api-key | system | anonymous */
    actorKind: p.string().length(16),
    actorRoles: p.json<string[]>(),
    agencyId: p.string().length(64).nullable(),
    /** command | read */
    kind: p.string().length(8),
    /** the route's operation (Controller_method), as the OpenAPI document names it */
    action: p.string().length(120),
    method: p.string().length(8),
    /** the route as declared: /v1/loans/:loanId */
    route: p.string().length(255),
    loanId: p.uuid().nullable(),
    /** the recovery episode (recovery-<loanId>-<n>) the request concerned */
    caseId: p.string().length(100).nullable(),
    clientAddress: p.string().length(64),
    status: p.integer(),
    /** succeeded | refused (401, 403) | rejected (another 4xx) | failed (5xx) | aborted (the client left first) */
    outcome: p.string().length(16),
    prevHash: p.string().length(64),
    hash: p.string().length(64),
  },
});

/** The chain's head: the one row appends lock, holding the last row's seq and hash (0 and 64 zeros before the first). */
export const AuditChainHead = defineEntity({
  name: 'AuditChainHead',
  tableName: 'audit_chain_head',
  checks: [{ name: 'audit_chain_head_one_row', expression: 'id = 1' }],
  properties: {
    id: p.smallint().primary().autoincrement(false),
    seq: p.bigint('number'),
    hash: p.string().length(64),
    updatedAt: p.datetime(),
  },
});

export type IAuditRecord = InferEntity<typeof AuditRecord>;
