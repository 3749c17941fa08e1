// The command centre's read models through the HTTP API on the real PostgreSQL: the hand-built
// book of apps/testkit/analytics-book.ts in a region of its own (so no other test's loans count),
// its figures and rates exactly, who may read them, and each bad filter refused at its field.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedAnalyticsBook, type AnalyticsBook } from '../testkit/analytics-book.js';
import { startDatabaseApi, type DatabaseApi } from '../testkit/database-api.js';
import { authAs } from '../testkit/tokens.js';
import type { Role } from './auth/roles.js';
import type { Problem } from './http/problem.js';
import type { DelinquencyAnalytics } from './analytics/delinquency-analytics.usecase.js';
import type { OriginationAnalytics } from './analytics/origination-analytics.usecase.js';
import type { RecoveryAnalytics } from './analytics/recovery-analytics.usecase.js';
import type { RiskWatchlist } from './analytics/risk-watchlist.usecase.js';

const REGION = 'XQ';
const PERIOD = `region=${REGION}&from=2026-10-01&to=2026-11-30`;
let api: DatabaseApi;
let book: AnalyticsBook;

beforeAll(async () => {
  api = await startDatabaseApi();
  book = await seedAnalyticsBook(api.orm.em.fork(), REGION);
});

afterAll(async () => {
  await api?.close();
});

async function get<T = Problem>(path: string, role: Role = 'ops'): Promise<{ status: number; body: T }> {
  const res = await fetch(`${api.base}${path}`, { headers: await authAs(role) });
  return { status: res.status, body: (await res.json()) as T };
}

describe('GET /v1/analytics/*', () => {
  it('answers origination: applications, approvals and latency per day, today, and the book', async () => {
    const { status, body } = await get<OriginationAnalytics>(`/v1/analytics/origination?${PERIOD}`);
    expect(status).toBe(200);
    expect(body.filter).toEqual({ region: REGION, from: '2026-10-01', to: '2026-11-30' });
    expect(body.days).toHaveLength(61);
    // C (declined) never became a loan with a profile, so a region leaves it out.
    expect(body.days.filter((d) => d.applications > 0)).toEqual([
      { day: '2026-10-05', applications: 2, decided: 2, approved: 2, declined: 0, approvalRateBps: 10_000, medianLatencySeconds: 1815, p90LatencySeconds: 3243 },
    ]);
    expect(body.today.day).toBe(new Date().toISOString().slice(0, 10));
    expect(body.today.applications).toBe(0);
    expect(body.book).toEqual([
      { product: book.product, currency: 'INR', disbursedLoans: 2, disbursedMinor: 300_000, openLoans: 3, outstandingPrincipalMinor: 280_000, outstandingTotalMinor: 293_000 },
    ]);
  });

  it('answers the delinquency picture with roll and cure rates', async () => {
    const { status, body } = await get<DelinquencyAnalytics>(`/v1/analytics/delinquency?${PERIOD}`);
    expect(status).toBe(200);
    expect(body.vintages.map((v) => [v.vintage, v.state, v.loans])).toEqual([['2026-10', '16-30', 1], ['2026-10', 'current', 1]]);
    // D lives in the US: in this region October has only E, November A and E current and B rolling.
    expect(body.rolls).toEqual([
      { month: '2026-10', from: 'current', to: 'current', loans: 1, rateBps: 10_000 },
      { month: '2026-11', from: '1-15', to: '16-30', loans: 1, rateBps: 10_000 },
      { month: '2026-11', from: 'current', to: 'current', loans: 2, rateBps: 10_000 },
    ]);
    expect(body.cures).toEqual([
      { month: '2026-10', delinquent: 0, cured: 0, cureRateBps: null },
      { month: '2026-11', delinquent: 1, cured: 0, cureRateBps: 0 },
    ]);
  });

  it('answers recovery with its rates', async () => {
    const { status, body } = await get<RecoveryAnalytics>(`/v1/analytics/recovery?${PERIOD}`);
    expect(status).toBe(200);
    // 13,000 of 28,000 recovered; 1 of 1 ended episodes cured; 3 of 4 promises kept.
    expect(body.byCurrency).toEqual([
      {
        currency: 'INR', episodes: 2, ended: 1, cured: 1, delinquentMinor: 28_000, recoveredMinor: 13_000, promisesKept: 3, promisesBroken: 1,
        recoveryRateBps: 4643, cureRateBps: 10_000, promiseKeptRateBps: 7500,
      },
    ]);
    expect(body.days.reduce((n, d) => n + d.slaBreaches, 0)).toBe(2);
    expect(body.blockedByRule).toEqual([{ rule: 'quiet_hours', count: 1 }, { rule: 'reg_f_7in7', count: 1 }]);
  });

  it('answers the watchlists with the recommended action and the expected loss', async () => {
    const { status, body } = await get<RiskWatchlist>(`/v1/analytics/watchlist?region=${REGION}`, 'compliance');
    expect(status).toBe(200);
    expect(body.earlyWarning.map((w) => [w.loanId, w.action])).toEqual([[book.ids.e, 'call_before_due_date'], [book.ids.a, 'reminder_and_autopay_offer']]);
    expect(body.expectedLoss.map((l) => [l.loanId, l.expectedLossMinor])).toEqual([[book.ids.b, 22_400]]);
  });

  it('is for ops, admins and compliance only', async () => {
    expect((await get('/v1/analytics/origination', 'collector')).status).toBe(403);
    expect((await get('/v1/analytics/watchlist', 'underwriter')).status).toBe(403);
    const fallback = await get<OriginationAnalytics>(`/v1/analytics/origination?region=${REGION}`, 'admin');
    expect(fallback.status).toBe(200);
    expect(fallback.body.days).toHaveLength(90);
    expect(fallback.body.filter.to).toBe(new Date().toISOString().slice(0, 10));
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['from=2026-11-02&to=2026-11-01', 'to'],
    ['from=2025-01-01&to=2026-11-01', 'to'],
    ['product=no-such-product', 'product'],
    ['region=in', 'region'],
  ])('refuses %s at the field %s', async (query, field) => {
    const { status, body } = await get(`/v1/analytics/delinquency?${query}`);
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual([field]);
  });

  it('refuses a watchlist limit out of range', async () => {
    const { status, body } = await get('/v1/analytics/watchlist?limit=0');
    expect(status).toBe(400);
    expect(body.errors?.map((e) => e.field)).toEqual(['limit']);
  });
});
