// Response schemas of proposals and their decisions for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';
import { APPROVAL_KINDS, APPROVAL_STATUSES } from '../../../db/repositories/approval.repository.js';

const instant: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

export const APPROVAL_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'kind', 'loanId', 'policyVersion', 'experimentId', 'payload', 'reasons', 'status', 'proposedBy', 'proposedByRoles', 'proposedAt', 'decidedBy', 'decidedAt', 'decisionNote', 'appliedAt', 'outcome'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'The proposal; for an arrangement also the arrangementId the loan records' },
    kind: { type: 'string', enum: [...APPROVAL_KINDS] },
    loanId: nullable({ type: 'string', format: 'uuid' }),
    policyVersion: nullable({ type: 'integer', format: 'int32' }),
    experimentId: nullable({ type: 'string', format: 'uuid', description: 'The experiment whose promotion this is' }),
    payload: { type: 'object', additionalProperties: true, description: 'The terms (an arrangement), the reason (a write-off), or why the version should be active' },
    reasons: { type: 'array', items: { type: 'string' }, description: 'Why a second person must approve it; empty when none had to (an arrangement within the policy\'s bounds)' },
    status: {
      type: 'string',
      enum: [...APPROVAL_STATUSES],
      description: 'pending: awaits a second person; rejected; approved: decided (or needing no checker) and not yet applied (outcome.failed says why, when applying was refused); applied',
    },
    proposedBy: { type: 'string', description: 'The maker: the subject of the person (or `borrower-reply`) who proposed it' },
    proposedByRoles: { type: 'array', items: { type: 'string' } },
    proposedAt: instant,
    decidedBy: nullable({ type: 'string', description: 'The checker: never the maker; null while pending, or when no checker was needed' }),
    decidedAt: nullable(instant),
    decisionNote: nullable({ type: 'string' }),
    appliedAt: nullable(instant),
    outcome: nullable({ type: 'object', additionalProperties: true, description: 'What applying it answered (the loan\'s state, the activation), or `failed` with the problem that refused it' }),
  },
};

export const APPROVAL_LIST_SCHEMA: SchemaObject = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: APPROVAL_SCHEMA, description: 'Oldest first' } } };
