// Each agency's performance over a period and its spans (days, weeks or months), from the tables
// that record it: the placements and the balances they carried (agency-placement.repository.ts),
// the outcomes the agency recorded and the SLA lapses counted against it (the case events), and the
// payments the placed loans applied while placed. A case counts for the agency from its placement
// until it moved on (MOVED_ON), was rejected or recalled; a payment counts when it was applied.
import type { EntityManager } from '@mikro-orm/postgresql';
import { MOVED_ON } from './agency-placement.repository.js';

export interface MoneyFigures {
  currency: string;
  /** what the cases held in the span owed when placed */
  balancePlacedMinor: number;
  /** payments applied to the placed loans while they were placed, in the span */
  collectedMinor: number;
  /** collected / balance placed, to six decimals; null with no balance */
  recoveryRate: number | null;
}

export interface PerformanceFigures {
  start: string;
  end: string;
  /** cases the agency held at some time in the span */
  held: number;
  /** cases placed with it in the span */
  placed: number;
  /** outcomes it recorded on cases while it held them */
  contacts: number;
  casesContacted: number;
  /** outcomes that took a promise */
  promises: number;
  slaBreaches: number;
  money: MoneyFigures[];
}

export interface AgencyPerformance {
  agencyId: string;
  name: string;
  total: PerformanceFigures;
  periods: PerformanceFigures[];
}

type Row = Record<string, unknown>;

export class AgencyPerformanceRepository {
  constructor(private readonly em: EntityManager) {}

  /** The agency's figures over [from, to) in `spans` (each [start, end)), and in total. Of every agency when `agencyId` is null. */
  async performance(agencyId: string | null, from: string, to: string, spans: { start: string; end: string }[]): Promise<AgencyPerformance[]> {
    const agencies = await this.em.execute<Row[]>(`select id, name from recovery_assignees where kind = 'agency' and (?::text is null or id = ?) order by id`, [agencyId, agencyId]);
    if (agencies.length === 0) return [];
    // Span 0 is the whole period.
    const all = [{ start: from, end: to }, ...spans];
    const params = [JSON.stringify(all.map((s) => [s.start, s.end])), agencyId, agencyId];
    const with_ = `with spans as (
        select (x->>0)::timestamptz as s_start, (x->>1)::timestamptz as s_end, (n - 1)::int as n from jsonb_array_elements(?::jsonb) with ordinality as t(x, n)
      ), stints as (
        select pc.agency_id, pc.case_id, pc.loan_id, pc.balance_minor, pc.currency, pc.placed_at as start_at,
               coalesce(least(pc.ended_at, (${MOVED_ON})), 'infinity'::timestamptz) as end_at
        from agency_placement_cases pc where (?::text is null or pc.agency_id = ?)
      )`;
    const [counts, outcomes, balances, collected, breaches] = await Promise.all([
      this.em.execute<Row[]>(
        `${with_} select s.agency_id, b.n, count(distinct s.case_id)::int as held, count(*) filter (where s.start_at >= b.s_start and s.start_at < b.s_end)::int as placed
         from spans b join stints s on s.start_at < b.s_end and s.end_at > b.s_start group by 1, 2`,
        params,
      ),
      this.em.execute<Row[]>(
        `${with_} select s.agency_id, b.n, count(*)::int as contacts, count(distinct e.case_id)::int as cases_contacted, count(*) filter (where e.data->'promise' is not null)::int as promises
         from spans b join stints s on s.start_at < b.s_end and s.end_at > b.s_start
         join recovery_case_events e on e.case_id = s.case_id and e.kind = 'outcome' and e.assignee_id = s.agency_id
           and e.at >= greatest(s.start_at, b.s_start) and e.at < least(s.end_at, b.s_end)
         group by 1, 2`,
        params,
      ),
      this.em.execute<Row[]>(
        `${with_} select s.agency_id, b.n, s.currency, sum(s.balance_minor)::bigint as balance
         from spans b join stints s on s.start_at < b.s_end and s.end_at > b.s_start group by 1, 2, 3`,
        params,
      ),
      this.em.execute<Row[]>(
        `${with_} select s.agency_id, b.n, p.currency, sum(p.amount)::bigint as collected
         from spans b join stints s on s.start_at < b.s_end and s.end_at > b.s_start
         join payments p on p.loan_id = s.loan_id and p.applied_at >= greatest(s.start_at, b.s_start) and p.applied_at < least(s.end_at, b.s_end)
         group by 1, 2, 3`,
        params,
      ),
      this.em.execute<Row[]>(
        `with spans as (select (x->>0)::timestamptz as s_start, (x->>1)::timestamptz as s_end, (n - 1)::int as n from jsonb_array_elements(?::jsonb) with ordinality as t(x, n))
         select e.assignee_id as agency_id, b.n, count(*)::int as breaches from spans b
         join recovery_case_events e on e.kind = 'sla_breached' and e.at >= b.s_start and e.at < b.s_end and (?::text is null or e.assignee_id = ?)
         group by 1, 2`,
        params,
      ),
    ]);
    const key = (r: Row) => `${String(r.agency_id)}|${Number(r.n)}`;
    const index = <T>(rows: Row[], f: (r: Row) => T) => new Map(rows.map((r) => [key(r), f(r)]));
    const byCount = index(counts, (r) => r);
    const byOutcome = index(outcomes, (r) => r);
    const byBreach = index(breaches, (r) => Number(r.breaches));
    return agencies.map((a) => {
      const id = String(a.id);
      const figures = (n: number): PerformanceFigures => {
        const k = `${id}|${n}`;
        const money = new Map<string, { placed: number; collected: number }>();
        for (const r of balances.filter((b) => key(b) === k)) money.set(String(r.currency), { placed: Number(r.balance), collected: 0 });
        for (const r of collected.filter((c) => key(c) === k)) money.set(String(r.currency), { placed: money.get(String(r.currency))?.placed ?? 0, collected: Number(r.collected) });
        const c = byCount.get(k);
        const o = byOutcome.get(k);
        return {
          start: new Date(all[n]!.start).toISOString(),
          end: new Date(all[n]!.end).toISOString(),
          held: Number(c?.held ?? 0),
          placed: Number(c?.placed ?? 0),
          contacts: Number(o?.contacts ?? 0),
          casesContacted: Number(o?.cases_contacted ?? 0),
          promises: Number(o?.promises ?? 0),
          slaBreaches: byBreach.get(k) ?? 0,
          money: [...money.entries()]
            .sort(([x], [y]) => x.localeCompare(y))
            .map(([currency, m]) => ({ currency, balancePlacedMinor: m.placed, collectedMinor: m.collected, recoveryRate: m.placed > 0 ? Math.round((m.collected / m.placed) * 1e6) / 1e6 : null })),
        };
      };
      return { agencyId: id, name: String(a.name), total: figures(0), periods: spans.map((_s, i) => figures(i + 1)) };
    });
  }
}
