// The opt-out and dispute lists as the OpenAPI document describes them (and the web's client is typed by).
import type { SchemaObject } from '@nestjs/swagger';
import { CHANNELS } from '../../../policies/compliance/rules.js';
import { DISPUTE_CHANNELS } from './compliance-lists-query.dto.js';

const instant: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const SOURCE: SchemaObject = { type: 'string', enum: ['inbound', 'delivery_event', 'key_press', 'collector', 'api', 'import', 'recovery'], description: 'How it came: a reply, a provider event, a key press, a collector, an API call, an import' };
const list = (item: SchemaObject): SchemaObject => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: item }, nextCursor: nullable({ type: 'string', description: 'Pass as cursor for the next page; null on the last' }) },
});

const OPT_OUT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'loanId', 'channel', 'source', 'actor', 'at'],
  properties: {
    id: { type: 'string', example: '1042' },
    loanId: { type: 'string', format: 'uuid' },
    channel: nullable({ type: 'string', enum: [...CHANNELS], description: 'null: an opt-out from all contact' }),
    source: SOURCE,
    actor: nullable({ type: 'string', description: 'Who recorded it, when a person or a call did' }),
    at: instant,
  },
};

const DISPUTE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'loanId', 'openedAt', 'source', 'channel', 'openedBy', 'status', 'verifiedAt', 'verifiedBy'],
  properties: {
    id: { type: 'string', example: '1043' },
    loanId: { type: 'string', format: 'uuid' },
    openedAt: instant,
    source: SOURCE,
    channel: nullable({ type: 'string', enum: [...DISPUTE_CHANNELS], description: 'The channel of the reply or key press that raised it; null when a person recorded it' }),
    openedBy: nullable({ type: 'string', description: 'Who recorded it (a collector, say); null when the borrower\'s own message did' }),
    status: { type: 'string', enum: ['open', 'verified'] },
    verifiedAt: nullable(instant),
    verifiedBy: nullable({ type: 'string' }),
  },
};

export const OPT_OUT_LIST_SCHEMA = list(OPT_OUT_SCHEMA);
export const DISPUTE_LIST_SCHEMA = list(DISPUTE_SCHEMA);
