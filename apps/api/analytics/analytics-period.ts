// The filters a query asked for, with the period's defaults filled in and its ends checked
// against each other (each end's shape is the DTO's to check).
import type { AnalyticsFilter } from '../../../db/repositories/analytics-filter.js';
import { ProblemException } from '../http/problem.js';
import { DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS, type AnalyticsQueryDto } from './analytics-query.dto.js';

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function analyticsFilter(query: AnalyticsQueryDto, now: Date): AnalyticsFilter {
  const to = query.to ?? isoDay(now.getTime());
  const from = query.from ?? isoDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw ProblemException.validation([{ field: 'to', message: 'must not be before from' }]);
  if (days > MAX_PERIOD_DAYS) throw ProblemException.validation([{ field: 'to', message: `must be at most ${MAX_PERIOD_DAYS} days from from, both included` }]);
  return { from, to, ...(query.product !== undefined ? { product: query.product } : {}), ...(query.region !== undefined ? { region: query.region } : {}) };
}
