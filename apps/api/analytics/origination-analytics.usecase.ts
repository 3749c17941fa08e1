// Applications, approvals and decision latency per day, and the book by product and currency.
import { Injectable } from '@nestjs/common';
import type { AnalyticsFilter } from '../../../db/repositories/analytics-filter.js';
import type { ApplicationsDay, BookRow } from '../../../db/repositories/portfolio-analytics.repository.js';
import { Database } from '../database.js';

export interface OriginationAnalytics {
  filter: AnalyticsFilter;
  days: ApplicationsDay[];
  /** today (UTC) under the same product and region, whatever the period */
  today: ApplicationsDay;
  book: BookRow[];
}

@Injectable()
export class OriginationAnalyticsUseCase {
  constructor(private readonly db: Database) {}

  async execute(filter: AnalyticsFilter, now: Date): Promise<OriginationAnalytics> {
    const today = now.toISOString().slice(0, 10);
    const repo = this.db.portfolioAnalytics();
    const [days, [todays], book] = await Promise.all([repo.applications(filter), repo.applications({ ...filter, from: today, to: today }), repo.book(filter)]);
    return { filter, days, today: todays!, book };
  }
}
