// Response schemas of the recovery endpoints for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';

const instant: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const minor: SchemaObject = { type: 'integer', format: 'int64', description: 'Minor units of `currency`' };

export const PROMISE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'amountMinor', 'dueOn', 'source', 'madeOn', 'status', 'paidMinor'],
  properties: {
    id: { type: 'string', example: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1-p1' },
    amountMinor: minor,
    dueOn: { type: 'string', format: 'date' },
    source: { type: 'string', enum: ['reply', 'ivr', 'collector', 'api'] },
    takenBy: { type: 'string' },
    madeOn: { type: 'string', format: 'date' },
    status: { type: 'string', enum: ['open', 'kept', 'broken', 'cancelled'] },
    paidMinor: { ...minor, description: 'Paid towards it so far' },
  },
};

const CASE_REF = nullable({
  type: 'object',
  properties: { caseId: { type: 'string' }, queue: { type: 'string' }, status: { type: 'string' }, assigneeId: nullable({ type: 'string' }), slaBreaches: { type: 'integer' } },
});

export const RECOVERY_CASE_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'One delinquent episode of one loan (its recovery workflow)',
  properties: {
    workflowId: { type: 'string', example: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1', description: 'The case ID' },
    loanId: { type: 'string', format: 'uuid' },
    episode: { type: 'integer' },
    status: { type: 'string', enum: ['running', 'ended'] },
    stage: { type: 'string', enum: ['running', 'waiting', 'paused', 'handed_off', 'ended'] },
    currency: { type: 'string' },
    product: { type: 'string' },
    country: { type: 'string' },
    bucketAtStart: { type: 'string' },
    bucket: { type: 'string' },
    dpd: { type: 'integer' },
    segment: nullable({ type: 'string' }),
    propensityBand: nullable({ type: 'string' }),
    delinquentMinor: { ...minor, description: 'Overdue when the episode began' },
    outstandingMinor: minor,
    recoveredMinor: { ...minor, description: 'Paid since the episode began' },
    policyVersion: nullable({ type: 'integer' }),
    ruleId: nullable({ type: 'string' }),
    experimentId: nullable({ type: 'string' }),
    arm: nullable({ type: 'string' }),
    contacts: { type: 'integer' },
    blocked: { type: 'integer' },
    promisesKept: { type: 'integer' },
    promisesBroken: { type: 'integer' },
    optedOut: { type: 'boolean' },
    rolledForward: { type: 'boolean' },
    startedAt: instant,
    endedAt: nullable(instant),
    endReason: nullable({ type: 'string' }),
    updatedAt: instant,
    case: CASE_REF,
  },
};

export const RECOVERY_CASE_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: RECOVERY_CASE_SCHEMA }, nextCursor: nullable({ type: 'string' }) },
};

export const TIMELINE_ENTRY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    at: instant,
    kind: { type: 'string', example: 'contact_blocked', description: 'episode_started, path_chosen, contact_sent, contact_blocked, reply, promise_made, promise_kept, promise_broken, handed_off, sla_breached, case_outcome, paused, policy_switched, episode_ended …' },
    policyVersion: nullable({ type: 'integer' }),
    ruleId: nullable({ type: 'string' }),
    stepIndex: nullable({ type: 'integer' }),
    data: { type: 'object', additionalProperties: true },
  },
};

export const RECOVERY_CASE_DETAIL_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    ...RECOVERY_CASE_SCHEMA.properties!,
    timeline: { type: 'array', items: TIMELINE_ENTRY_SCHEMA },
    caseEvents: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

const RATES: Record<string, SchemaObject> = {
  episodes: { type: 'integer' },
  running: { type: 'integer' },
  cured: { type: 'integer' },
  cureRateBps: nullable({ type: 'integer', description: 'Cured (or paid off, settled) over ended episodes, basis points' }),
  delinquentMinor: minor,
  recoveredMinor: minor,
  recoveryRateBps: nullable({ type: 'integer', description: 'Recovered over delinquent at the start, basis points (within one currency)' }),
  contacts: { type: 'integer' },
  blocked: { type: 'integer' },
  promisesKept: { type: 'integer' },
  promisesBroken: { type: 'integer' },
  optedOut: { type: 'integer' },
  rolledForward: { type: 'integer' },
  rollForwardRateBps: nullable({ type: 'integer' }),
};

export const RECOVERY_STATS_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Recovery outcomes per currency, grouped by each dimension',
  properties: {
    byBucket: { type: 'array', items: { type: 'object', properties: { key: { type: 'object', additionalProperties: true }, ...RATES } } },
    bySegment: { type: 'array', items: { type: 'object', additionalProperties: true } },
    byPolicyVersion: { type: 'array', items: { type: 'object', additionalProperties: true } },
    byArm: { type: 'array', items: { type: 'object', additionalProperties: true } },
  },
};

export const WORK_ITEM_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    caseId: { type: 'string' },
    workflowId: { type: 'string' },
    loanId: { type: 'string', format: 'uuid' },
    queue: { type: 'string' },
    skills: { type: 'array', items: { type: 'string' } },
    priority: { type: 'integer', format: 'int64', description: 'Risk weight (low propensity 3, medium 2, high 1) times the outstanding balance' },
    status: { type: 'string', enum: ['open', 'accepted', 'closed'] },
    assigneeId: nullable({ type: 'string' }),
    assignedAt: nullable(instant),
    acceptedAt: nullable(instant),
    lastTouchedAt: instant,
    slaBreaches: { type: 'integer' },
    declinedBy: { type: 'array', items: { type: 'string' } },
    openedAt: instant,
    closedAt: nullable(instant),
    closeReason: nullable({ type: 'string' }),
  },
};

export const ASSIGNEE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', enum: ['collector', 'agency'] },
    skills: { type: 'array', items: { type: 'string' } },
    capacity: { type: 'integer' },
    active: { type: 'boolean' },
    openCases: { type: 'integer' },
    slaBreaches: { type: 'integer', description: 'SLA lapses counted against them' },
  },
};
