// The delinquency picture: vintages by where they stand now, roll rates month over month and the
// cure rate (delinquent at a month's start, current or paid off at its end).
import { Injectable } from '@nestjs/common';
import { bps, type AnalyticsFilter } from '../../../db/repositories/analytics-filter.js';
import type { RollCount, VintageCell } from '../../../db/repositories/portfolio-analytics.repository.js';
import { Database } from '../database.js';

export type Roll = RollCount & { rateBps: number };

export interface CureMonth {
  month: string;
  delinquent: number;
  cured: number;
  cureRateBps: number | null;
}

export interface DelinquencyAnalytics {
  filter: AnalyticsFilter;
  vintages: VintageCell[];
  rolls: Roll[];
  cures: CureMonth[];
}

const CURED = new Set(['current', 'paid_off']);

export function rollRates(counts: RollCount[]): { rolls: Roll[]; cures: CureMonth[] } {
  const fromTotals = new Map<string, number>();
  for (const c of counts) fromTotals.set(`${c.month} ${c.from}`, (fromTotals.get(`${c.month} ${c.from}`) ?? 0) + c.loans);
  const rolls = counts.map((c) => ({ ...c, rateBps: bps(c.loans, fromTotals.get(`${c.month} ${c.from}`) ?? 0) ?? 0 }));
  const months = [...new Set(counts.map((c) => c.month))];
  const cures = months.map((month) => {
    const delinquent = counts.filter((c) => c.month === month && c.from !== 'current');
    const total = delinquent.reduce((n, c) => n + c.loans, 0);
    const cured = delinquent.filter((c) => CURED.has(c.to)).reduce((n, c) => n + c.loans, 0);
    return { month, delinquent: total, cured, cureRateBps: bps(cured, total) };
  });
  return { rolls, cures };
}

@Injectable()
export class DelinquencyAnalyticsUseCase {
  constructor(private readonly db: Database) {}

  async execute(filter: AnalyticsFilter, now: Date): Promise<DelinquencyAnalytics> {
    const repo = this.db.portfolioAnalytics();
    const [vintages, counts] = await Promise.all([repo.vintages(filter), repo.rolls(filter, now)]);
    return { filter, vintages, ...rollRates(counts) };
  }
}
