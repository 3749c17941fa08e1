// The command centre's read models (GET /v1/analytics/*) as the tables its charts draw and its
// CSV downloads carry: one function per chart, so what is drawn, shown and downloaded is the same.
import type { operations } from '../api/schema.generated.ts';
import type { Table } from '../ui/csv.ts';

type Ok<K extends keyof operations> = operations[K] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
export type Origination = Ok<'AnalyticsController_originationOf'>;
export type Delinquency = Ok<'AnalyticsController_delinquencyOf'>;
export type RecoveryFigures = Ok<'AnalyticsController_recoveryOf'>;
export type Watchlist = Ok<'AnalyticsController_watchlistOf'>;

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 100);

export function applicationsTable(o: Origination): Table {
  return { columns: ['day', 'applications', 'approved', 'declined'], rows: o.days.map((d) => [d.day, d.applications, d.approved, d.declined]) };
}

export function approvalTable(o: Origination): Table {
  return {
    columns: ['day', 'approval rate (%)', 'median decision latency (s)', 'p90 decision latency (s)'],
    rows: o.days.map((d) => [d.day, pct(d.approvalRateBps), d.medianLatencySeconds ?? null, d.p90LatencySeconds ?? null]),
  };
}

export function bookTable(o: Origination): Table {
  return {
    columns: ['product and currency', 'disbursed in period (minor units)', 'outstanding principal now (minor units)', 'outstanding total now (minor units)', 'loans disbursed', 'open loans'],
    rows: o.book.map((b) => [`${b.product} ${b.currency}`, b.disbursedMinor, b.outstandingPrincipalMinor, b.outstandingTotalMinor, b.disbursedLoans, b.openLoans]),
  };
}

/** Heatmap cells: x vintage, y state, value loans. */
export function vintageTable(d: Delinquency): Table {
  return { columns: ['vintage (disbursed)', 'state now', 'loans', 'outstanding principal (minor units)'], rows: d.vintages.map((v) => [v.vintage, v.state, v.loans, v.outstandingPrincipalMinor]) };
}

export function rollTable(d: Delinquency): Table {
  return { columns: ['month: from → to', 'roll rate (%)', 'loans'], rows: d.rolls.map((r) => [`${r.month}: ${r.from} → ${r.to}`, pct(r.rateBps), r.loans]) };
}

export function cureTable(d: Delinquency): Table {
  return { columns: ['month', 'cure rate (%)', 'delinquent at start', 'cured by end'], rows: d.cures.map((c) => [c.month, pct(c.cureRateBps), c.delinquent, c.cured]) };
}

export function recoveryTable(r: RecoveryFigures): Table {
  return {
    columns: ['currency', 'recovery rate (%)', 'cure rate (%)', 'promises kept (%)', 'delinquent at start (minor units)', 'recovered (minor units)', 'episodes', 'promises kept', 'promises broken'],
    rows: r.byCurrency.map((c) => [c.currency, pct(c.recoveryRateBps), pct(c.cureRateBps), pct(c.promiseKeptRateBps), c.delinquentMinor, c.recoveredMinor, c.episodes, c.promisesKept, c.promisesBroken]),
  };
}

export function contactsTable(r: RecoveryFigures): Table {
  return { columns: ['day', 'contacts made', 'blocked by rule', 'SLA breaches'], rows: r.days.map((d) => [d.day, d.made, d.blocked, d.slaBreaches]) };
}

export function blockedTable(r: RecoveryFigures): Table {
  return { columns: ['rule', 'contacts blocked'], rows: r.blockedByRule.map((b) => [b.rule, b.count]) };
}

export function earlyWarningTable(w: Watchlist): Table {
  return {
    columns: ['loan', 'product', 'roll probability (%)', 'outstanding (minor units)', 'currency', 'recommended action', 'scored at'],
    rows: w.earlyWarning.map((l) => [l.loanId, l.product, Math.round(l.rollProbability * 10_000) / 100, l.outstandingTotalMinor, l.currency, l.actionText, l.scoredAt]),
  };
}

export function expectedLossTable(w: Watchlist): Table {
  return {
    columns: ['loan', 'bucket', 'expected loss (minor units)', 'currency', 'PD (%)', 'PD from', 'LGD (%)', 'exposure (minor units)', 'days past due'],
    rows: w.expectedLoss.map((l) => [l.loanId, l.bucket ?? null, l.expectedLossMinor, l.currency, Math.round(l.pd * 10_000) / 100, l.pdSource, Math.round(l.lgd * 10_000) / 100, l.outstandingTotalMinor, l.daysPastDue]),
  };
}
