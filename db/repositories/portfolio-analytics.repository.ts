// The command centre's origination and book figures, aggregated in PostgreSQL from the loans read
// model and its event log (never from the workflows). Times are the workflows' own (occurred_at),
// days and months are UTC.
import type { EntityManager } from '@mikro-orm/postgresql';
import { bps, day, loanConditions, num, periodBounds, type AnalyticsFilter, type Row } from './analytics-filter.js';

export interface ApplicationsDay {
  day: string;
  applications: number;
  /** final decisions taken that day: the policy's, or a person's after a referral */
  decided: number;
  approved: number;
  declined: number;
  approvalRateBps: number | null;
  /** seconds from submission to the final decision, over that day's decisions */
  medianLatencySeconds: number | null;
  p90LatencySeconds: number | null;
}

export interface BookRow {
  product: string;
  currency: string;
  disbursedLoans: number;
  disbursedMinor: number;
  openLoans: number;
  outstandingPrincipalMinor: number;
  outstandingTotalMinor: number;
}

export interface VintageCell {
  /** disbursement month, YYYY-MM */
  vintage: string;
  /** the loan's bucket now, or paid_off / charged_off */
  state: string;
  loans: number;
  outstandingPrincipalMinor: number;
}

export interface RollCount {
  /** YYYY-MM: from the state at this month's start to the state at its end (or now) */
  month: string;
  from: string;
  to: string;
  loans: number;
}

const OPEN = `l.status in ('active', 'delinquent')`;
// The final decision: a person's after a referral, else the policy's own unless it referred.
const FINAL_DECISION = `(e.type = 'review.decided' or (e.type = 'decision.made' and e.data->>'outcome' <> 'manual_review'))`;
const DISBURSED = `(select (d.data->>'disbursedOn')::date from loan_events d where d.loan_id = l.loan_id and d.type in ('loan.activated', 'loan.imported') order by d.seq limit 1)`;

/** A loan's state at instant `at` (SQL): a terminal status it reached, else its last bucket, else current. */
const stateAt = (at: string) => `coalesce(
  (select s.data->>'to' from loan_events s where s.loan_id = b.loan_id and s.type = 'status.changed' and s.occurred_at < ${at}
     and s.data->>'to' in ('paid_off', 'charged_off') order by s.seq desc limit 1),
  (select k.data->>'to' from loan_events k where k.loan_id = b.loan_id and k.type = 'delinquency.bucket_changed' and k.occurred_at < ${at}
     order by k.seq desc limit 1),
  'current')`;

export class PortfolioAnalyticsRepository {
  constructor(private readonly em: EntityManager) {}

  async applications(f: AnalyticsFilter): Promise<ApplicationsDay[]> {
    const [from, to] = periodBounds(f);
    const c = loanConditions(f);
    const [submitted, decided] = await Promise.all([
      this.em.execute<Row[]>(
        `select (e.occurred_at at time zone 'UTC')::date as day, count(*) as n
         from loan_events e join loans l on l.loan_id = e.loan_id
         where e.type = 'application.submitted' and e.occurred_at >= ? and e.occurred_at < ?${c.sql} group by 1`,
        [from, to, ...c.params],
      ),
      this.em.execute<Row[]>(
        `select (e.occurred_at at time zone 'UTC')::date as day, count(*) as n,
                count(*) filter (where e.data->>'outcome' = 'approved') as approved,
                count(*) filter (where e.data->>'outcome' = 'declined') as declined,
                percentile_cont(0.5) within group (order by extract(epoch from e.occurred_at - a.occurred_at)) as p50,
                percentile_cont(0.9) within group (order by extract(epoch from e.occurred_at - a.occurred_at)) as p90
         from loan_events e join loans l on l.loan_id = e.loan_id
           join loan_events a on a.loan_id = e.loan_id and a.type = 'application.submitted'
         where ${FINAL_DECISION} and e.occurred_at >= ? and e.occurred_at < ?${c.sql} group by 1`,
        [from, to, ...c.params],
      ),
    ]);
    const apps = new Map(submitted.map((r) => [day(r.day), num(r.n)]));
    const decisions = new Map(decided.map((r) => [day(r.day), r]));
    return daysOf(f).map((d) => {
      const r = decisions.get(d);
      const approved = num(r?.approved);
      const declined = num(r?.declined);
      const seconds = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
      return {
        day: d,
        applications: apps.get(d) ?? 0,
        decided: num(r?.n),
        approved,
        declined,
        approvalRateBps: bps(approved, approved + declined),
        medianLatencySeconds: seconds(r?.p50),
        p90LatencySeconds: seconds(r?.p90),
      };
    });
  }

  /** Disbursed in the period; open loans and what they owe as they stand now. */
  async book(f: AnalyticsFilter): Promise<BookRow[]> {
    const c = loanConditions(f);
    const rows = await this.em.execute<Row[]>(
      `select l.product, l.currency,
              count(*) filter (where x.disbursed_on between ?::date and ?::date) as disbursed_loans,
              coalesce(sum(l.principal) filter (where x.disbursed_on between ?::date and ?::date), 0) as disbursed,
              count(*) filter (where ${OPEN}) as open_loans,
              coalesce(sum(l.outstanding_principal) filter (where ${OPEN}), 0) as outstanding_principal,
              coalesce(sum(l.outstanding_total) filter (where ${OPEN}), 0) as outstanding_total
       from loans l cross join lateral (select ${DISBURSED} as disbursed_on) x
       where true${c.sql}
       group by 1, 2
       having count(*) filter (where x.disbursed_on between ?::date and ?::date or ${OPEN}) > 0
       order by 1, 2`,
      [f.from, f.to, f.from, f.to, ...c.params, f.from, f.to],
    );
    return rows.map((r) => ({
      product: String(r.product),
      currency: String(r.currency),
      disbursedLoans: num(r.disbursed_loans),
      disbursedMinor: num(r.disbursed),
      openLoans: num(r.open_loans),
      outstandingPrincipalMinor: num(r.outstanding_principal),
      outstandingTotalMinor: num(r.outstanding_total),
    }));
  }

  /** Loans disbursed in the period, by disbursement month and where they stand now. */
  async vintages(f: AnalyticsFilter): Promise<VintageCell[]> {
    const c = loanConditions(f);
    const rows = await this.em.execute<Row[]>(
      `select to_char(x.disbursed_on, 'YYYY-MM') as vintage,
              case when ${OPEN} then coalesce(l.bucket, 'current') else l.status end as state,
              count(*) as loans, coalesce(sum(l.outstanding_principal), 0) as outstanding
       from loans l cross join lateral (select ${DISBURSED} as disbursed_on) x
       where x.disbursed_on between ?::date and ?::date${c.sql}
       group by 1, 2 order by 1, 2`,
      [f.from, f.to, ...c.params],
    );
    return rows.map((r) => ({ vintage: String(r.vintage), state: String(r.state), loans: num(r.loans), outstandingPrincipalMinor: num(r.outstanding) }));
  }

  /**
   * Month over month: each loan on the book at a month's start (not yet paid off or charged off),
   * from its state then to its state at the month's end (now, for the month under way).
   */
  async rolls(f: AnalyticsFilter, now: Date): Promise<RollCount[]> {
    const months = monthsOf(f, now);
    if (months.length === 0) return [];
    const c = loanConditions(f);
    const rows = await this.em.execute<Row[]>(
      `with months(label, month_start, month_end) as (values ${months.map(() => '(?, ?::timestamptz, ?::timestamptz)').join(', ')}),
       book as (
         select l.loan_id, min(e.occurred_at) as on_book from loans l
           join loan_events e on e.loan_id = l.loan_id and e.type in ('loan.activated', 'loan.imported')
         where true${c.sql} group by l.loan_id
       ),
       states as (
         select m.label, ${stateAt('m.month_start')} as s_from, ${stateAt('m.month_end')} as s_to
         from months m join book b on b.on_book < m.month_start
       )
       select label, s_from, s_to, count(*) as n from states where s_from not in ('paid_off', 'charged_off')
       group by 1, 2, 3 order by 1, 2, 3`,
      [...months.flat(), ...c.params],
    );
    return rows.map((r) => ({ month: String(r.label), from: String(r.s_from), to: String(r.s_to), loans: num(r.n) }));
  }
}

export function daysOf(f: AnalyticsFilter): string[] {
  const days: string[] = [];
  for (let d = new Date(`${f.from}T00:00:00.000Z`); d.toISOString().slice(0, 10) <= f.to; d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  return days;
}

/** The months the period touches that have begun: [label, start, end or now]. */
export function monthsOf(f: AnalyticsFilter, now: Date): [string, string, string][] {
  const months: [string, string, string][] = [];
  const start = new Date(`${f.from.slice(0, 7)}-01T00:00:00.000Z`);
  while (start.toISOString().slice(0, 10) <= f.to && start < now) {
    const next = new Date(start);
    next.setUTCMonth(next.getUTCMonth() + 1);
    months.push([start.toISOString().slice(0, 7), start.toISOString(), (next < now ? next : now).toISOString()]);
    start.setUTCMonth(start.getUTCMonth() + 1);
  }
  return months;
}
