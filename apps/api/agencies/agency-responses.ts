// Response schemas of the agency routes for the OpenAPI document.
import type { SchemaObject } from '@nestjs/swagger';
import { NOT_PLACED_REASONS } from '../../../db/repositories/agency-placement.repository.js';
import { GRANULARITIES } from './agency-requests.dto.js';

const instant: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const minor: SchemaObject = { type: 'integer', format: 'int64', description: 'Minor units of `currency`' };
const refusals: SchemaObject = { type: 'array', items: { type: 'object', required: ['caseId', 'reason'], properties: { caseId: { type: 'string' }, reason: { type: 'string' } } } };

export const PLACEMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['placementId', 'agencyId', 'placedBy', 'placedAt', 'rule', 'cases', 'notPlaced'],
  properties: {
    placementId: { type: 'string', example: 'plc-3f1e2d4c-5b6a-4789-8abc-def012345678' },
    agencyId: { type: 'string', example: 'agy-northstar' },
    placedBy: { type: 'string', description: 'Who placed it (their token subject, or the API key)' },
    placedAt: instant,
    rule: nullable({ type: 'object', description: 'The rule that chose the cases; null when placed by hand' }),
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['caseId', 'loanId', 'balanceMinor', 'currency', 'bucket', 'dpd', 'status', 'acceptedAt', 'endedAt'],
        properties: {
          caseId: { type: 'string', description: 'The work item' },
          loanId: { type: 'string', format: 'uuid' },
          balanceMinor: { ...minor, description: 'Outstanding when placed (the recovery rate\'s denominator)' },
          currency: { type: 'string' },
          bucket: { type: 'string', description: 'Its bucket when placed' },
          dpd: { type: 'integer', description: 'Days past due when placed' },
          status: { type: 'string', enum: ['placed', 'accepted', 'rejected', 'recalled', 'moved_on'], description: 'moved_on: closed, or gone elsewhere otherwise (an SLA lapse, a decline as a work item)' },
          acceptedAt: nullable(instant),
          endedAt: nullable(instant),
        },
      },
    },
    notPlaced: { type: 'array', items: { type: 'object', required: ['caseId', 'reason'], properties: { caseId: { type: 'string' }, reason: { type: 'string', enum: [...NOT_PLACED_REASONS] } } } },
  },
};

export const PLACEMENT_LIST_SCHEMA: SchemaObject = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: PLACEMENT_SCHEMA } } };

export const ANSWERED_PLACEMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['placement', 'changed', 'refused'],
  properties: { placement: PLACEMENT_SCHEMA, changed: { type: 'array', items: { type: 'string' } }, refused: refusals },
};

export const RECALL_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['recalled', 'refused'],
  properties: { recalled: { type: 'array', items: { type: 'string' } }, refused: { ...refusals, description: 'Cases named that the agency does not hold (not_with_agency)' } },
};

const FIGURES_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['start', 'end', 'held', 'placed', 'contacts', 'casesContacted', 'promises', 'slaBreaches', 'money'],
  properties: {
    start: instant,
    end: instant,
    held: { type: 'integer', description: 'Cases the agency held at some time in the span' },
    placed: { type: 'integer', description: 'Cases placed with it in the span' },
    contacts: { type: 'integer', description: 'Outcomes it recorded on cases while it held them' },
    casesContacted: { type: 'integer' },
    promises: { type: 'integer', description: 'Outcomes that took a promise' },
    slaBreaches: { type: 'integer', description: 'SLA lapses counted against it' },
    money: {
      type: 'array',
      items: {
        type: 'object',
        required: ['currency', 'balancePlacedMinor', 'collectedMinor', 'recoveryRate'],
        properties: {
          currency: { type: 'string' },
          balancePlacedMinor: { ...minor, description: 'What the cases held in the span owed when placed' },
          collectedMinor: { ...minor, description: 'Payments applied to those loans while placed with the agency, in the span' },
          recoveryRate: nullable({ type: 'number', description: 'collectedMinor / balancePlacedMinor, to six decimals' }),
        },
      },
    },
  },
};

export const PERFORMANCE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['from', 'to', 'by', 'agencies'],
  properties: {
    from: instant,
    to: instant,
    by: { type: 'string', enum: [...GRANULARITIES] },
    agencies: {
      type: 'array',
      items: {
        type: 'object',
        required: ['agencyId', 'name', 'total', 'periods'],
        properties: { agencyId: { type: 'string' }, name: { type: 'string' }, total: FIGURES_SCHEMA, periods: { type: 'array', items: FIGURES_SCHEMA } },
      },
    },
  },
};
