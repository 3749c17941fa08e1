// Response schemas of the recovery endpoints for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';
import { CHANNELS } from '../../../policies/compliance/rules.js';

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
    borrower: {
      type: 'object',
      nullable: true,
      description: "Who the case is about: the borrower's name, their number and email masked (null without a contact profile)",
      properties: { name: { type: 'string' }, phone: { type: 'string', nullable: true }, email: { type: 'string', nullable: true } },
    },
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

const CHANNEL: SchemaObject = { type: 'string', enum: [...CHANNELS] };

export const DISPATCH_OUTCOME_SCHEMA: SchemaObject = {
  type: 'object',
  description: "What the dispatch answered: sent (with the provider's ID), blocked by a compliance rule (retryAt: when the rules allow it, null when never), or dead-lettered again. Reasons have addresses masked.",
  required: ['outcome', 'channel'],
  properties: {
    outcome: { type: 'string', enum: ['sent', 'blocked', 'dead_lettered'] },
    channel: CHANNEL,
    deliveryKey: { type: 'string' },
    externalId: { type: 'string' },
    disclosures: { type: 'array', items: { type: 'string' } },
    rule: { type: 'string', example: 'us.reg-f.1006.6(b)(1)(i)' },
    citation: { type: 'string' },
    reason: { type: 'string' },
    retryAt: nullable(instant),
    tried: { type: 'array', items: { type: 'object', properties: { channel: CHANNEL, rule: { type: 'string' }, reason: { type: 'string' } } } },
  },
};

export const DEAD_LETTER_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'A contact whose sends exhausted their retries. Never the message text; the address masked.',
  properties: {
    id: { type: 'string', format: 'uuid' },
    deliveryKey: { type: 'string', example: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1-3' },
    generation: { type: 'integer', description: '0 for the first dead letter of a key, n for the one its nth replay left' },
    loanId: { type: 'string', format: 'uuid' },
    workflowId: { type: 'string' },
    channel: CHANNEL,
    template: { type: 'string' },
    to: nullable({ type: 'string', example: '+91•••••••101', description: "The borrower's address on that channel now, masked" }),
    contact: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['send', 'call', 'offer'] },
        channel: CHANNEL,
        fallbacks: { type: 'array', items: CHANNEL },
        policy: { type: 'object', properties: { version: nullable({ type: 'integer' }), ruleId: { type: 'string' }, stepIndex: { type: 'integer' } } },
        askedAt: nullable(instant),
      },
    },
    reason: { type: 'string', description: 'The last failure, addresses masked' },
    attempts: { type: 'integer' },
    status: { type: 'string', enum: ['open', 'replaying', 'replayed'] },
    replayedAt: nullable(instant),
    replayedBy: nullable({ type: 'string' }),
    replayOutcome: nullable(DISPATCH_OUTCOME_SCHEMA),
    createdAt: instant,
  },
};

export const DEAD_LETTER_LIST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: DEAD_LETTER_SCHEMA }, nextCursor: nullable({ type: 'string' }) },
};

export const DEAD_LETTER_REPLAY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['outcome', 'letter', 'next'],
  properties: {
    outcome: nullable(DISPATCH_OUTCOME_SCHEMA),
    letter: DEAD_LETTER_SCHEMA,
    next: nullable({ ...DEAD_LETTER_SCHEMA, description: 'The dead letter the replay left when it failed again' }),
  },
};

const STANDING_CHANGE_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    change: { type: 'string', example: 'opt_out', description: 'opt_out, opt_out_all, wrong_number, dispute_opened, dispute_verified, original_creditor_requested, original_creditor_provided, bankruptcy_set, deceased_cleared …' },
    channel: nullable(CHANNEL),
    source: { type: 'string', enum: ['inbound', 'delivery_event', 'key_press', 'collector', 'api', 'import', 'recovery'] },
    sourceRef: nullable({ type: 'string' }),
    actor: nullable({ type: 'string' }),
    reason: nullable({ type: 'string' }),
    at: instant,
  },
};

export const CONTACT_STANDING_SCHEMA: SchemaObject = {
  type: 'object',
  description: "What the compliance gate reads before every contact with the borrower, and its change log",
  properties: {
    loanId: { type: 'string', format: 'uuid' },
    optedOutOfAll: { type: 'boolean' },
    optedOutChannels: { type: 'array', items: CHANNEL },
    wrongNumberChannels: { type: 'array', items: CHANNEL },
    bankruptcy: { type: 'boolean' },
    deceased: { type: 'boolean' },
    timeBarred: { type: 'boolean' },
    dispute: { type: 'object', properties: { open: { type: 'boolean' }, openedAt: nullable(instant), verifiedAt: nullable(instant), verifiedBy: nullable({ type: 'string' }) } },
    originalCreditorRequest: {
      type: 'object',
      description: "The borrower's request for the original creditor's name and address (12 CFR 1006.38(c)): while open, collection stops",
      properties: { open: { type: 'boolean' }, requestedAt: nullable(instant), providedAt: nullable(instant) },
    },
    consents: { type: 'object', properties: { contact: { type: 'boolean' }, automatedContact: { type: 'boolean' } } },
    language: { type: 'string', enum: ['en', 'hi', 'es'] },
    country: { type: 'string', example: 'IN' },
    timeZone: nullable({ type: 'string', example: 'Asia/Kolkata' }),
    phone: nullable({ type: 'string', example: '+91•••••••101' }),
    email: nullable({ type: 'string', example: 'n•••@example.com' }),
    updatedAt: instant,
    changes: { type: 'array', items: STANDING_CHANGE_SCHEMA },
  },
};

export const DISPUTE_VERIFIED_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    signalled: nullable({ type: 'string', description: 'The running recovery episode told to resume' }),
    standing: CONTACT_STANDING_SCHEMA,
  },
};

export const ORIGINAL_CREDITOR_SCHEMA: SchemaObject = {
  type: 'object',
  description: "Who the loan's original creditor is, as the answer to a borrower's request for its name and address would name it (12 CFR 1006.38(c)), and that request",
  required: ['loanId', 'known', 'source', 'name', 'address', 'recordedBy', 'recordedAt', 'request', 'signalled'],
  properties: {
    loanId: { type: 'string', format: 'uuid' },
    known: { type: 'boolean', description: 'false: nobody is recorded (an imported loan); a request waits for ops to record it' },
    source: nullable({ type: 'string', enum: ['recorded', 'lender'], description: 'recorded: by ops; lender: a loan the lender made here (settings LENDER_NAME, LENDER_ADDRESS)' }),
    name: nullable({ type: 'string' }),
    address: nullable({ type: 'string' }),
    recordedBy: nullable({ type: 'string' }),
    recordedAt: nullable(instant),
    reason: { type: 'string', description: 'Why nobody is known, when nobody is' },
    request: {
      type: 'object',
      description: "The borrower's request: while open, collection stops",
      properties: { open: { type: 'boolean' }, requestedAt: nullable(instant), providedAt: nullable(instant) },
    },
    signalled: nullable({ type: 'string', description: 'The running recovery episode told to send its answer now' }),
  },
};
