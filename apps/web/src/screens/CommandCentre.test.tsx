// The command centre's charts from the analytics read models: each chart's table (what it draws,
// lists and downloads) is the API's answer, figure for figure.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../ui/csv.ts';
import { Chart } from '../ui/Chart.tsx';
import * as tables from './analytics-tables.ts';
import { queryOf } from './CommandCentre.tsx';
import { experimentTable, type ExperimentReport } from './Experiments.tsx';

const filter = { from: '2026-10-01', to: '2026-10-02' };
const day = (d: string, applications: number, approved: number, declined: number, rate: number | null, p50: number | null) => ({
  day: d, applications, decided: approved + declined, approved, declined, approvalRateBps: rate, medianLatencySeconds: p50, p90LatencySeconds: p50,
});
const origination: tables.Origination = {
  filter,
  days: [day('2026-10-01', 2, 2, 0, 10_000, 1815), day('2026-10-02', 0, 0, 0, null, null)],
  today: day('2026-12-04', 0, 0, 0, null, null),
  book: [{ product: 'personal', currency: 'INR', disbursedLoans: 2, disbursedMinor: 300_000, openLoans: 3, outstandingPrincipalMinor: 280_000, outstandingTotalMinor: 293_000 }],
};

describe('command centre charts', () => {
  it('draws applications, approval and latency per day, and the book by product and currency', () => {
    expect(tables.applicationsTable(origination).rows).toEqual([['2026-10-01', 2, 2, 0], ['2026-10-02', 0, 0, 0]]);
    expect(tables.approvalTable(origination).rows).toEqual([['2026-10-01', 100, 1815, 1815], ['2026-10-02', null, null, null]]);
    const book = tables.bookTable(origination);
    expect(toCsv(book).split('\r\n')[1]).toBe('personal INR,300000,280000,293000,2,3');
    render(<Chart title="Book" kind="bar" table={book} file="book-by-product" />);
    expect(within(screen.getByRole('figure', { name: /Book/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['personal INR', '300000', '280000', '293000', '2', '3']);
  });

  it('draws the vintage heatmap, roll rates and cure rate', () => {
    const d: tables.Delinquency = {
      filter,
      vintages: [{ vintage: '2026-10', state: 'current', loans: 1, outstandingPrincipalMinor: 80_000 }],
      rolls: [{ month: '2026-11', from: 'current', to: 'current', loans: 2, rateBps: 6667 }],
      cures: [{ month: '2026-11', delinquent: 1, cured: 0, cureRateBps: 0 }],
    };
    expect(tables.vintageTable(d).rows).toEqual([['2026-10', 'current', 1, 80_000]]);
    expect(tables.rollTable(d).rows).toEqual([['2026-11: current → current', 6667 / 100, 2]]);
    expect(tables.cureTable(d).rows).toEqual([['2026-11', 0, 1, 0]]);
  });

  it('lists the watchlists with the action and expected loss', () => {
    const loan = { loanId: 'ln-1', product: 'personal', currency: 'INR', bucket: '16-30', daysPastDue: 20, outstandingTotalMinor: 160_000, rollProbability: 42 / 100, flagged: true, modelVersion: '1', scoredAt: '2026-11-20T09:00:00.000Z' };
    const w: tables.Watchlist = {
      earlyWarning: [{ ...loan, bucket: 'current', action: 'call_before_due_date', actionText: 'a collector calls before the next due date' }],
      expectedLoss: [{ loanId: 'ln-1', product: 'personal', currency: 'INR', bucket: '16-30', daysPastDue: 20, outstandingTotalMinor: 160_000, pd: 42 / 100, pdSource: 'propensity-to-pay', modelVersion: '1', scoredAt: loan.scoredAt, lgd: 1 / 3, lgdEpisodes: 2, expectedLossMinor: 22_400 }],
    };
    expect(tables.earlyWarningTable(w).rows).toEqual([['ln-1', 'personal', 42, 160_000, 'INR', 'a collector calls before the next due date', '2026-11-20T09:00:00.000Z']]);
    expect(tables.expectedLossTable(w).rows).toEqual([['ln-1', '16-30', 22_400, 'INR', 42, 'propensity-to-pay', 3333 / 100, 160_000, 20]]);
  });

  it('sends only the filters that were filled in', () => {
    expect(queryOf({ product: ' personal ', region: '', from: '2026-10-01' })).toEqual({ product: 'personal', from: '2026-10-01' });
  });

  it('compares the arms of an experiment with the confidence in each difference', () => {
    const p = (rateBps: number) => ({ of: 10, count: rateBps / 1000, rateBps, ci95Bps: [rateBps - 1000, rateBps + 1000] as [number, number] });
    const arm = (cure: number) => ({ episodes: 10, cureWithin: { d30: p(cure) }, recovery: [{ currency: 'INR', rateBps: 4000, ci95Bps: [3000, 5000] as [number, number] }], rollForward: p(2000), promises: { keptRate: p(5000) }, optOuts: p(0) });
    const report: ExperimentReport = {
      id: 'x', status: 'running', challengerVersion: 3, championVersionAtStart: 2, shareBps: 5000, startedAt: '2026-11-01T00:00:00Z',
      arms: { champion: arm(3000), challenger: arm(5000) },
      comparison: { cureWithin: { d30: { differenceBps: 2000, z: 2, p: 5 / 100 } }, recoveryRate: [{ currency: 'INR', differenceBps: 0, z: 0, p: 1 }], rollForward: null },
    };
    expect(experimentTable(report).rows[0]).toEqual(['cure within 30 days', 30, 50, 20, 95, '20–40', '40–60']);
    expect(experimentTable(report).rows[1]).toEqual(['recovery rate INR', 40, 40, 0, 0, '30–50', '30–50']);
  });
});
