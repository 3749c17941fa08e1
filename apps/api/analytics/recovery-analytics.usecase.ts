// Recovery for the command centre: cash recovered over what was delinquent when each episode
// began, promises kept, cures, and per day the contacts made, blocked by rule and SLA breaches.
import { Injectable } from '@nestjs/common';
import { bps, type AnalyticsFilter } from '../../../db/repositories/analytics-filter.js';
import type { ContactDay, RecoveryTotals } from '../../../db/repositories/recovery-analytics.repository.js';
import { Database } from '../database.js';

export type RecoveryTotalsWithRates = RecoveryTotals & { recoveryRateBps: number | null; cureRateBps: number | null; promiseKeptRateBps: number | null };

export interface RecoveryAnalytics {
  filter: AnalyticsFilter;
  byCurrency: RecoveryTotalsWithRates[];
  days: ContactDay[];
  blockedByRule: { rule: string; count: number }[];
}

@Injectable()
export class RecoveryAnalyticsUseCase {
  constructor(private readonly db: Database) {}

  async execute(filter: AnalyticsFilter): Promise<RecoveryAnalytics> {
    const repo = this.db.recoveryAnalytics();
    const [totals, days, blockedByRule] = await Promise.all([repo.totals(filter), repo.days(filter), repo.blockedByRule(filter)]);
    const byCurrency = totals.map((t) => ({
      ...t,
      recoveryRateBps: bps(t.recoveredMinor, t.delinquentMinor),
      cureRateBps: bps(t.cured, t.ended),
      promiseKeptRateBps: bps(t.promisesKept, t.promisesKept + t.promisesBroken),
    }));
    return { filter, byCurrency, days, blockedByRule };
  }
}
