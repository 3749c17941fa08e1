// Hand-off cases: a recovery episode's request for a person, in a work queue, with the skills it
// needs and a priority (risk times balance). One open case per episode. `assigneeId` is who holds
// it now; `declinedBy` are those who turned it down (never offered it again); the SLA clock runs
// from `lastTouchedAt`. No personal data: the case view joins what it needs.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RecoveryCase = defineEntity({
  name: 'RecoveryCase',
  tableName: 'recovery_cases',
  indexes: [{ properties: ['status', 'queue', 'priority'] }, { properties: ['assigneeId', 'status'] }, { properties: ['loanId'] }],
  properties: {
    id: p.string().length(100).primary(),
    workflowId: p.string().length(80),
    loanId: p.uuid(),
    queue: p.string().length(64),
    skills: p.json<string[]>(),
    priority: p.bigint('number'),
    /** open (waiting or assigned) | accepted | closed */
    status: p.string().length(16),
    assigneeId: p.string().length(64).nullable(),
    assignedAt: p.datetime().nullable(),
    acceptedAt: p.datetime().nullable(),
    lastTouchedAt: p.datetime(),
    declinedBy: p.json<string[]>(),
    slaBreaches: p.integer().default(0),
    openedAt: p.datetime(),
    closedAt: p.datetime().nullable(),
    closeReason: p.string().length(32).nullable(),
  },
});

export const RecoveryAssignee = defineEntity({
  name: 'RecoveryAssignee',
  tableName: 'recovery_assignees',
  properties: {
    id: p.string().length(64).primary(),
    name: p.string().length(200),
    /** collector (in-house) | agency (an outside collection agency) */
    kind: p.string().length(16),
    skills: p.json<string[]>(),
    /** open cases held at once */
    capacity: p.integer(),
    active: p.boolean().default(true),
    /** when they were last given a case (informational: the caller's clock) */
    lastAssignedAt: p.datetime().nullable(),
    /**
     * Round-robin: the eligible assignee whose turn is lowest (never given one first) goes first.
     * A counter, not a time: assignments are serialised under one lock, and callers' clocks may
     * disagree, so only the order they were made in is fair.
     */
    lastAssignedTurn: p.bigint('number').nullable(),
    createdAt: p.datetime(),
  },
});

export const RecoveryCaseEvent = defineEntity({
  name: 'RecoveryCaseEvent',
  tableName: 'recovery_case_events',
  indexes: [{ properties: ['caseId', 'at'] }, { properties: ['kind', 'assigneeId'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    caseId: p.string().length(100),
    at: p.datetime(),
    /** opened | waiting (nobody eligible has room) | assigned | kept (reassignment found nobody else) | unassigned | accepted | declined | outcome | sla_breached | closed | placed (with an agency, by ops) | recalled (from an agency, by ops) */
    kind: p.string().length(32),
    /** the assignee the event concerns (for a breach: the holder it counts against) */
    assigneeId: p.string().length(64).nullable(),
    by: p.string().length(100).nullable(),
    data: p.json<Record<string, unknown>>(),
  },
});

export type IRecoveryCase = InferEntity<typeof RecoveryCase>;
export type IRecoveryAssignee = InferEntity<typeof RecoveryAssignee>;
