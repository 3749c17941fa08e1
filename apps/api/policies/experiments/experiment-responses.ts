// Response schemas of the experiment endpoints for the OpenAPI document.
import { getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { EXPERIMENT_STATUSES } from '../../../../db/repositories/recovery-experiment.repository.js';
import { PolicyActivationResultDto } from '../policy-responses.dto.js';

const instant: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const int: SchemaObject = { type: 'integer', format: 'int32' };
const minor: SchemaObject = { type: 'integer', format: 'int64', description: 'Minor units of `currency`' };
const bpsPair = (description: string): SchemaObject => nullable({ type: 'array', items: int, minItems: 2, maxItems: 2, description });

export const EXPERIMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'challengerVersion', 'championVersionAtStart', 'shareBps', 'status', 'note', 'createdBy', 'createdAt', 'startedBy', 'startedAt', 'endedBy', 'endedAt'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Also salts the split: each experiment draws its own share of loans' },
    challengerVersion: int,
    championVersionAtStart: nullable({ ...int, description: "The active version when it started; each champion episode follows whatever is active, and records the version active at its own start" }),
    shareBps: { ...int, minimum: 0, maximum: 10_000 },
    status: { type: 'string', enum: [...EXPERIMENT_STATUSES] },
    note: nullable({ type: 'string' }),
    createdBy: { type: 'string' },
    createdAt: instant,
    startedBy: { type: 'string' },
    startedAt: { ...instant, description: 'An experiment runs from its creation' },
    endedBy: nullable({ type: 'string' }),
    endedAt: nullable(instant),
  },
};

export const EXPERIMENT_LIST_SCHEMA: SchemaObject = { type: 'object', properties: { items: { type: 'array', items: EXPERIMENT_SCHEMA, description: 'Newest first' } } };

const PROPORTION: SchemaObject = {
  type: 'object',
  properties: {
    of: { ...int, description: 'The denominator' },
    count: int,
    rateBps: nullable({ ...int, description: 'Basis points; null when nothing is counted' }),
    ci95Bps: bpsPair('95% Wilson interval, basis points'),
  },
};

const DIFFERENCE: SchemaObject = nullable({
  type: 'object',
  description: 'Challenger minus champion; null when an arm has nothing to compare',
  properties: { differenceBps: int, z: { type: 'number' }, p: { type: 'number', description: 'Two-sided' } },
});

const windows = (schema: SchemaObject): SchemaObject => ({ type: 'object', properties: { d30: schema, d60: schema, d90: schema } });

const ARM: SchemaObject = {
  type: 'object',
  properties: {
    episodes: int,
    running: int,
    versions: { type: 'array', items: { type: 'object', properties: { version: int, episodes: int } }, description: 'The version each episode was given when it started' },
    cured: { ...int, description: 'Episodes ended cured, paid off or settled' },
    cureWithin: {
      ...windows(PROPORTION),
      description: 'Cured within 30, 60 and 90 days of the start; `of` counts only episodes that started at least that long ago',
    },
    recovery: {
      type: 'array',
      description: 'Per currency: recovered (so far) over delinquent at the start; 95% interval of the ratio estimator (delta method)',
      items: { type: 'object', properties: { currency: { type: 'string' }, episodes: int, delinquentMinor: minor, recoveredMinor: minor, rateBps: nullable(int), ci95Bps: bpsPair('95% interval, basis points') } },
    },
    rollForward: { ...PROPORTION, description: 'Episodes whose account moved into a later bucket' },
    contacts: int,
    contactsPerCure: nullable({ type: 'number', description: 'Contacts over cures; null without a cure' }),
    promises: { type: 'object', properties: { kept: int, broken: int, keptRate: { ...PROPORTION, description: 'Of the promises that came due' } } },
    optOuts: { ...PROPORTION, description: 'Episodes in which the borrower opted out' },
  },
};

export const EXPERIMENT_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    ...EXPERIMENT_SCHEMA.properties,
    asOf: instant,
    arms: { type: 'object', properties: { champion: ARM, challenger: ARM } },
    comparison: {
      type: 'object',
      properties: {
        cureWithin: { ...windows(DIFFERENCE), description: 'Two-proportion z-test (pooled)' },
        recoveryRate: {
          type: 'array',
          description: 'Per currency both arms have: the difference of the ratio estimators, its 95% interval and z-test',
          items: { type: 'object', properties: { currency: { type: 'string' }, differenceBps: int, ci95Bps: bpsPair('95% interval, basis points'), z: { type: 'number' }, p: { type: 'number' } } },
        },
        rollForward: DIFFERENCE,
      },
    },
  },
};

export const EXPERIMENT_PROMOTION_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    experiment: EXPERIMENT_SCHEMA,
    activation: nullable({ allOf: [{ $ref: getSchemaPath(PolicyActivationResultDto) }], description: 'The activation; null when it had been promoted before' }),
  },
};
