// The command centre's read models against the real PostgreSQL, over a hand-built book
// (apps/testkit/analytics-book.ts): every figure is worked out from the seeded rows in the comments
// and asserted exactly, with the product, region and period filters each narrowing it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { seedAnalyticsBook, type AnalyticsBook } from '../../apps/testkit/analytics-book.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { PortfolioAnalyticsRepository } from './portfolio-analytics.repository.js';
import { RecoveryAnalyticsRepository } from './recovery-analytics.repository.js';
import { RiskWatchlistRepository } from './risk-watchlist.repository.js';

const db = useTestOrm();
const portfolio = () => new PortfolioAnalyticsRepository(db.orm.em.fork());
const recovery = () => new RecoveryAnalyticsRepository(db.orm.em.fork());
const risk = () => new RiskWatchlistRepository(db.orm.em.fork());

let book: AnalyticsBook;
const period = { from: '2026-10-01', to: '2026-11-30' };
const NOW = new Date('2026-12-04T12:00:00Z');

beforeAll(async () => {
  book = await seedAnalyticsBook(db.orm.em.fork());
});

describe('applications', () => {
  it('counts submissions and final decisions per day, with the approval rate and decision latency', async () => {
    const days = await portfolio().applications({ ...period, product: book.product });
    expect(days).toHaveLength(61);
    const busy = days.filter((d) => d.applications > 0 || d.decided > 0);
    // 5 Oct: A approved by the policy after 30 s, B referred and approved by a person after 3,600 s;
    // 6 Oct: C declined after 60 s. D's application (September) is outside the period.
    expect(busy).toEqual([
      { day: '2026-10-05', applications: 2, decided: 2, approved: 2, declined: 0, approvalRateBps: 10_000, medianLatencySeconds: 1815, p90LatencySeconds: 3243 },
      { day: '2026-10-06', applications: 1, decided: 1, approved: 0, declined: 1, approvalRateBps: 0, medianLatencySeconds: 60, p90LatencySeconds: 60 },
    ]);
    expect(days[0]).toEqual({ day: '2026-10-01', applications: 0, decided: 0, approved: 0, declined: 0, approvalRateBps: null, medianLatencySeconds: null, p90LatencySeconds: null });
  });

  it('drops applications without a region when one is asked for', async () => {
    const days = await portfolio().applications({ ...period, product: book.product, region: 'IN' });
    expect(days.filter((d) => d.applications > 0).map((d) => [d.day, d.applications, d.approved])).toEqual([['2026-10-05', 2, 2]]);
    expect((await portfolio().applications({ ...period, product: book.product, region: 'US' })).some((d) => d.applications > 0)).toBe(false);
  });
});

describe('the book', () => {
  it('sums what was disbursed in the period and what open loans owe now, by product and currency', async () => {
    // Disbursed in the period: A 100,000 and B 200,000; open now: A, B and E (disbursed in September).
    expect(await portfolio().book({ ...period, product: book.product })).toEqual([
      { product: book.product, currency: 'INR', disbursedLoans: 2, disbursedMinor: 300_000, openLoans: 3, outstandingPrincipalMinor: 280_000, outstandingTotalMinor: 293_000 },
    ]);
    expect(await portfolio().book({ ...period, product: book.product, region: 'US' })).toEqual([]);
    expect(await portfolio().book({ from: '2026-09-01', to: '2026-09-30', product: book.product })).toEqual([
      { product: book.product, currency: 'INR', disbursedLoans: 2, disbursedMinor: 110_000, openLoans: 3, outstandingPrincipalMinor: 280_000, outstandingTotalMinor: 293_000 },
    ]);
  });

  it('places each vintage by where its loans stand now', async () => {
    expect(await portfolio().vintages({ ...period, product: book.product })).toEqual([
      { vintage: '2026-10', state: '16-30', loans: 1, outstandingPrincipalMinor: 150_000 },
      { vintage: '2026-10', state: 'current', loans: 1, outstandingPrincipalMinor: 80_000 },
    ]);
    expect(await portfolio().vintages({ from: '2026-09-01', to: '2026-09-30', product: book.product })).toEqual([
      { vintage: '2026-09', state: 'current', loans: 1, outstandingPrincipalMinor: 50_000 },
      { vintage: '2026-09', state: 'paid_off', loans: 1, outstandingPrincipalMinor: 0 },
    ]);
  });

  it('rolls loans from their state at the start of each month to the state at its end', async () => {
    // October: D (1-15 since 25 Sep) cured on 10 Oct; E stayed current. A and B came on the book in October.
    // November: A and E stayed current, D was paid off on 15 Nov, B went from 1-15 to 16-30.
    expect(await portfolio().rolls({ ...period, product: book.product }, NOW)).toEqual([
      { month: '2026-10', from: '1-15', to: 'current', loans: 1 },
      { month: '2026-10', from: 'current', to: 'current', loans: 1 },
      { month: '2026-11', from: '1-15', to: '16-30', loans: 1 },
      { month: '2026-11', from: 'current', to: 'current', loans: 2 },
      { month: '2026-11', from: 'current', to: 'paid_off', loans: 1 },
    ]);
    // The month under way ends now: 4 Nov at noon, before B moved to 16-30 and D was paid off.
    expect(await portfolio().rolls({ from: '2026-11-01', to: '2026-11-30', product: book.product }, new Date('2026-11-04T12:00:00Z'))).toEqual([
      { month: '2026-11', from: '1-15', to: '1-15', loans: 1 },
      { month: '2026-11', from: 'current', to: 'current', loans: 3 },
    ]);
  });
});

describe('recovery', () => {
  it('totals the episodes started in the period per currency', async () => {
    // B's episode (20 Oct) and A's (2 Nov, ended cured); D's began in September.
    expect(await recovery().totals({ ...period, product: book.product })).toEqual([
      { currency: 'INR', episodes: 2, ended: 1, cured: 1, delinquentMinor: 28_000, recoveredMinor: 13_000, promisesKept: 3, promisesBroken: 1 },
    ]);
    expect(await recovery().totals({ ...period, product: book.product, region: 'US' })).toEqual([]);
  });

  it('counts contacts made and blocked and SLA breaches per day, and the blocks by rule', async () => {
    expect(await recovery().days({ ...period, product: book.product })).toEqual([
      { day: '2026-10-21', made: 1, blocked: 0, slaBreaches: 0 },
      { day: '2026-10-22', made: 1, blocked: 2, slaBreaches: 1 },
      { day: '2026-11-03', made: 0, blocked: 0, slaBreaches: 1 },
    ]);
    expect(await recovery().blockedByRule({ ...period, product: book.product })).toEqual([
      { rule: 'quiet_hours', count: 1 },
      { rule: 'reg_f_7in7', count: 1 },
    ]);
    expect(await recovery().blockedByRule({ from: '2026-09-01', to: '2026-11-30', product: book.product })).toEqual([
      { rule: 'quiet_hours', count: 2 },
      { rule: 'reg_f_7in7', count: 1 },
    ]);
  });
});

describe('the watchlists', () => {
  it("lists current loans by the roll model champion's latest score", async () => {
    const list = await risk().earlyWarning({ product: book.product }, 10);
    expect(list.map((w) => [w.loanId, w.rollProbability, w.flagged, w.scoredAt])).toEqual([
      [book.ids.e, 0.6, true, '2026-11-15T09:00:00.000Z'],
      [book.ids.a, 0.3, true, '2026-11-06T09:00:00.000Z'],
    ]);
    expect(await risk().earlyWarning({ product: book.product }, 1)).toHaveLength(1);
    expect(await risk().earlyWarning({ product: book.product, region: 'US' }, 10)).toEqual([]);
  });

  it('ranks delinquent loans by PD x LGD x exposure, LGD from ended episodes of the product', async () => {
    // PD = 1 - propensity 0.58 = 0.42 (the roll score, 0.9, is not used when there is a propensity);
    // LGD = 1 - (4,000 + 8,000) / (10,000 + 8,000) = 1/3; B: 0.42 x 1/3 x 160,000 = 22,400.
    const [b, ...rest] = await risk().expectedLoss({ product: book.product }, 10);
    expect(rest).toEqual([]);
    expect(b!.loanId).toBe(book.ids.b);
    expect(b!.pdSource).toBe('propensity-to-pay');
    expect(b!.pd).toBeCloseTo(0.42, 12);
    expect(b!.lgdEpisodes).toBe(2);
    expect(b!.lgd).toBeCloseTo(1 / 3, 12);
    expect(b!.expectedLossMinor).toBe(22_400);
    // Without a propensity score, the roll probability stands in: 0.9 x 1/3 x 160,000 = 48,000.
    await db.orm.em.fork().execute(`delete from model_scores where subject = ? and model = 'propensity-to-pay'`, [book.ids.b]);
    const [byRoll] = await risk().expectedLoss({ product: book.product }, 10);
    expect([byRoll!.pdSource, byRoll!.expectedLossMinor]).toEqual(['delinquency-roll', 48_000]);
  });
});
