// Response schemas of the command centre's read models for the OpenAPI document (and so for the
// web app's generated client).
import type { SchemaObject } from '@nestjs/swagger';
import { EARLY_WARNING_ACTIONS } from '../../../domain/early-warning.js';

const int: SchemaObject = { type: 'integer' };
const minor: SchemaObject = { type: 'integer', format: 'int64', description: 'Minor units of `currency`' };
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const bps = (what: string): SchemaObject => ({ type: 'integer', nullable: true, description: `${what}, in basis points; null when there is nothing to divide by` });
const obj = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !properties[k]!.nullable),
  properties,
  ...(description ? { description } : {}),
});

const FILTER = obj({
  product: { type: 'string' },
  region: { type: 'string' },
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
}, 'The filters applied, with the period\'s defaults filled in');
(FILTER.required as string[]).splice(0, FILTER.required!.length, 'from', 'to');

const APPLICATIONS_DAY = obj({
  day: { type: 'string', format: 'date' },
  applications: int,
  decided: { type: 'integer', description: "Final decisions that day: the policy's, or a person's after a referral" },
  approved: int,
  declined: int,
  approvalRateBps: bps('Approved over decided'),
  medianLatencySeconds: { type: 'integer', nullable: true, description: 'From submission to the final decision' },
  p90LatencySeconds: { type: 'integer', nullable: true },
});

export const ORIGINATION_ANALYTICS_SCHEMA: SchemaObject = obj({
  filter: FILTER,
  days: { type: 'array', items: APPLICATIONS_DAY },
  today: APPLICATIONS_DAY,
  book: {
    type: 'array',
    description: 'Disbursed in the period; open (active and delinquent) loans and what they owe now',
    items: obj({ product: { type: 'string' }, currency: { type: 'string' }, disbursedLoans: int, disbursedMinor: minor, openLoans: int, outstandingPrincipalMinor: minor, outstandingTotalMinor: minor }),
  },
});

export const DELINQUENCY_ANALYTICS_SCHEMA: SchemaObject = obj({
  filter: FILTER,
  vintages: {
    type: 'array',
    description: 'Loans disbursed in the period, by disbursement month (YYYY-MM) and where they stand now (bucket, paid_off or charged_off)',
    items: obj({ vintage: { type: 'string' }, state: { type: 'string' }, loans: int, outstandingPrincipalMinor: minor }),
  },
  rolls: {
    type: 'array',
    description: "Per month: loans on the book at its start, from their state then to their state at its end (now, for the month under way); rateBps is of the month's loans in `from`",
    items: obj({ month: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, loans: int, rateBps: int }),
  },
  cures: {
    type: 'array',
    description: 'Per month: loans delinquent at its start, and those current or paid off at its end',
    items: obj({ month: { type: 'string' }, delinquent: int, cured: int, cureRateBps: bps('Cured over delinquent') }),
  },
});

export const RECOVERY_ANALYTICS_SCHEMA: SchemaObject = obj({
  filter: FILTER,
  byCurrency: {
    type: 'array',
    description: 'Recovery episodes started in the period, per currency',
    items: obj({
      currency: { type: 'string' },
      episodes: int,
      ended: int,
      cured: int,
      delinquentMinor: { ...minor, description: 'Overdue when each episode began' },
      recoveredMinor: minor,
      promisesKept: int,
      promisesBroken: int,
      recoveryRateBps: bps('Recovered over delinquent'),
      cureRateBps: bps('Cured (or paid off, settled) over ended episodes'),
      promiseKeptRateBps: bps('Promises kept over promises settled'),
    }),
  },
  days: {
    type: 'array',
    description: "Contacts made (automated ones when sent, collectors' calls when logged), contacts the compliance gate blocked, and hand-off SLA breaches, per day with any",
    items: obj({ day: { type: 'string', format: 'date' }, made: int, blocked: int, slaBreaches: int }),
  },
  blockedByRule: { type: 'array', items: obj({ rule: { type: 'string' }, count: int }) },
});

const WATCHED: Record<string, SchemaObject> = {
  loanId: { type: 'string', format: 'uuid' },
  product: { type: 'string' },
  currency: { type: 'string' },
  bucket: nullable({ type: 'string' }),
  daysPastDue: int,
  outstandingTotalMinor: minor,
  rollProbability: { type: 'number', description: "The delinquency-roll champion's latest P(a worse bucket within 30 days)" },
  flagged: { type: 'boolean', description: "At or above the model's threshold" },
  modelVersion: { type: 'string' },
  scoredAt: { type: 'string', format: 'date-time' },
};

export const RISK_WATCHLIST_SCHEMA: SchemaObject = obj({
  earlyWarning: {
    type: 'array',
    description: 'Active loans in the current bucket, most likely to roll into arrears first, with the recommended action',
    items: obj({ ...WATCHED, action: { type: 'string', enum: Object.keys(EARLY_WARNING_ACTIONS) }, actionText: { type: 'string' } }),
  },
  expectedLoss: {
    type: 'array',
    description: 'Delinquent loans by expected loss = PD x LGD x exposure (outstanding total now), largest first',
    items: obj({
      loanId: WATCHED.loanId!,
      product: WATCHED.product!,
      currency: WATCHED.currency!,
      bucket: WATCHED.bucket!,
      daysPastDue: int,
      outstandingTotalMinor: minor,
      pd: { type: 'number', description: "P(default within 30 days): 1 - the propensity-to-pay champion's latest score, or the delinquency-roll probability when the loan has no propensity score" },
      pdSource: { type: 'string', enum: ['propensity-to-pay', 'delinquency-roll'] },
      modelVersion: WATCHED.modelVersion!,
      scoredAt: WATCHED.scoredAt!,
      lgd: { type: 'number', description: '1 - recovered / delinquent over ended recovery episodes of the same product and currency; 1 when there are none' },
      lgdEpisodes: int,
      expectedLossMinor: minor,
    }),
  },
});
