// The command centre's recovery figures from the recovery read models: episodes (recovered over
// delinquent at the start, promises, cures), the contact log (made, blocked by which rule) and the
// hand-off cases' SLA breaches, each narrowed through its loan by product and region.
import type { EntityManager } from '@mikro-orm/postgresql';
import { day, loanConditions, num, periodBounds, type AnalyticsFilter, type Row } from './analytics-filter.js';

export interface RecoveryTotals {
  currency: string;
  /** episodes started in the period */
  episodes: number;
  ended: number;
  cured: number;
  delinquentMinor: number;
  recoveredMinor: number;
  promisesKept: number;
  promisesBroken: number;
}

export interface ContactDay {
  day: string;
  made: number;
  blocked: number;
  slaBreaches: number;
}

export class RecoveryAnalyticsRepository {
  constructor(private readonly em: EntityManager) {}

  async totals(f: AnalyticsFilter): Promise<RecoveryTotals[]> {
    const [from, to] = periodBounds(f);
    const c = loanConditions(f);
    const rows = await this.em.execute<Row[]>(
      `select e.currency, count(*) as episodes, count(*) filter (where e.status = 'ended') as ended,
              count(*) filter (where e.end_reason in ('cured', 'paid_off', 'settled')) as cured,
              coalesce(sum(e.delinquent_minor), 0) as delinquent, coalesce(sum(e.recovered_minor), 0) as recovered,
              coalesce(sum(e.promises_kept), 0) as kept, coalesce(sum(e.promises_broken), 0) as broken
       from recovery_episodes e join loans l on l.loan_id = e.loan_id
       where e.started_at >= ? and e.started_at < ?${c.sql} group by 1 order by 1`,
      [from, to, ...c.params],
    );
    return rows.map((r) => ({
      currency: String(r.currency),
      episodes: num(r.episodes),
      ended: num(r.ended),
      cured: num(r.cured),
      delinquentMinor: num(r.delinquent),
      recoveredMinor: num(r.recovered),
      promisesKept: num(r.kept),
      promisesBroken: num(r.broken),
    }));
  }

  /** Per day: contacts that went out (automated ones when sent, a collector's call when logged), contacts the gate blocked, SLA breaches. */
  async days(f: AnalyticsFilter): Promise<ContactDay[]> {
    const [from, to] = periodBounds(f);
    const c = loanConditions(f);
    const [contacts, breaches] = await Promise.all([
      this.em.execute<Row[]>(
        // A fallback channel's attempt shares its contact's request key: one contact, however many attempts.
        `select (x.at at time zone 'UTC')::date as day, count(distinct x.request_key) filter (where x.made) as made, count(*) filter (where not x.made) as blocked
         from (select case when d.decision = 'blocked' then d.contact_at when d.decision = 'collector' then d.contact_at else d.sent_at end as at,
                      d.decision <> 'blocked' as made, d.request_key
               from contact_deliveries d join loans l on l.loan_id = d.loan_id
               where (d.decision = 'blocked' or d.decision = 'collector' or (d.decision = 'allowed' and d.sent_at is not null))${c.sql}) x
         where x.at >= ? and x.at < ? group by 1`,
        [...c.params, from, to],
      ),
      this.em.execute<Row[]>(
        `select (ce.at at time zone 'UTC')::date as day, count(*) as n
         from recovery_case_events ce join recovery_cases rc on rc.id = ce.case_id join loans l on l.loan_id = rc.loan_id
         where ce.kind = 'sla_breached' and ce.at >= ? and ce.at < ?${c.sql} group by 1`,
        [from, to, ...c.params],
      ),
    ]);
    const byDay = new Map<string, ContactDay>();
    const entry = (d: string) => byDay.get(d) ?? byDay.set(d, { day: d, made: 0, blocked: 0, slaBreaches: 0 }).get(d)!;
    for (const r of contacts) Object.assign(entry(day(r.day)), { made: num(r.made), blocked: num(r.blocked) });
    for (const r of breaches) entry(day(r.day)).slaBreaches = num(r.n);
    return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  async blockedByRule(f: AnalyticsFilter): Promise<{ rule: string; count: number }[]> {
    const [from, to] = periodBounds(f);
    const c = loanConditions(f);
    const rows = await this.em.execute<Row[]>(
      `select coalesce(d.block_rule, '(none)') as rule, count(*) as n from contact_deliveries d join loans l on l.loan_id = d.loan_id
       where d.decision = 'blocked' and d.contact_at >= ? and d.contact_at < ?${c.sql} group by 1 order by 2 desc, 1`,
      [from, to, ...c.params],
    );
    return rows.map((r) => ({ rule: String(r.rule), count: num(r.n) }));
  }
}
