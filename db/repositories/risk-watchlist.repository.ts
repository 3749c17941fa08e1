// Two lists from the servicing models' own scores (model_scores, the champion's latest per loan):
// current loans most likely to roll into arrears (delinquency-roll), and delinquent loans by
// expected loss. A delinquent loan's PD is 1 - propensity-to-pay (P(no payment within 30 days),
// scored when it fell behind), or its roll probability when it has no propensity score.
import type { EntityManager } from '@mikro-orm/postgresql';
import { loanConditions, num, type AnalyticsFilter, type Row } from './analytics-filter.js';

export const ROLL_MODEL = 'delinquency-roll';
export const PROPENSITY_MODEL = 'propensity-to-pay';

export interface WatchedLoan {
  loanId: string;
  product: string;
  currency: string;
  bucket: string | null;
  daysPastDue: number;
  outstandingTotalMinor: number;
  /** the champion's latest P(a worse bucket within 30 days) */
  rollProbability: number;
  /** at the model's threshold */
  flagged: boolean;
  modelVersion: string;
  scoredAt: string;
}

export interface ExpectedLossLoan {
  loanId: string;
  product: string;
  currency: string;
  bucket: string | null;
  daysPastDue: number;
  outstandingTotalMinor: number;
  /** probability of default over the next 30 days, 0..1 */
  pd: number;
  pdSource: typeof PROPENSITY_MODEL | typeof ROLL_MODEL;
  modelVersion: string;
  scoredAt: string;
  /** 1 - recovered / delinquent over ended episodes of the same product and currency; 1 with none */
  lgd: number;
  lgdEpisodes: number;
  expectedLossMinor: number;
}

const LATEST_ROLL = `cross join lateral (
  select m.score, m.flagged, m.version, m.scored_at from model_scores m
  where m.subject = l.loan_id::text and m.model = '${ROLL_MODEL}' and m.role = 'champion'
  order by m.scored_at desc, m.id desc limit 1) s`;

// Propensity first (1 - P(pay)), the roll probability when the loan has no propensity score.
const LATEST_PD = `cross join lateral (
  select x.score, x.source, x.version, x.scored_at, x.flagged from (
    (select 1 - m.score as score, '${PROPENSITY_MODEL}' as source, m.version, m.scored_at, m.flagged, 1 as preference from model_scores m
     where m.subject = l.loan_id::text and m.model = '${PROPENSITY_MODEL}' and m.role = 'champion' order by m.scored_at desc, m.id desc limit 1)
    union all
    (select m.score, '${ROLL_MODEL}', m.version, m.scored_at, m.flagged, 2 from model_scores m
     where m.subject = l.loan_id::text and m.model = '${ROLL_MODEL}' and m.role = 'champion' order by m.scored_at desc, m.id desc limit 1)
  ) x order by x.preference limit 1) s`;

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

function watched(r: Row): WatchedLoan {
  return {
    loanId: String(r.loan_id),
    product: String(r.product),
    currency: String(r.currency),
    bucket: (r.bucket as string | null) ?? null,
    daysPastDue: num(r.days_past_due),
    outstandingTotalMinor: num(r.outstanding_total),
    rollProbability: Number(r.score),
    flagged: r.flagged === true,
    modelVersion: String(r.version),
    scoredAt: iso(r.scored_at),
  };
}

export class RiskWatchlistRepository {
  constructor(private readonly em: EntityManager) {}

  /** Active loans in the first bucket, most likely to roll first. */
  async earlyWarning(f: Omit<AnalyticsFilter, 'from' | 'to'>, limit: number): Promise<WatchedLoan[]> {
    const c = loanConditions({ ...f, from: '', to: '' });
    const rows = await this.em.execute<Row[]>(
      `select l.loan_id, l.product, l.currency, l.bucket, l.days_past_due, l.outstanding_total, s.score, s.flagged, s.version, s.scored_at
       from loans l ${LATEST_ROLL}
       where l.status = 'active' and coalesce(l.bucket, 'current') = 'current'${c.sql}
       order by s.score desc, l.outstanding_total desc, l.loan_id limit ?`,
      [...c.params, limit],
    );
    return rows.map(watched);
  }

  /** Delinquent loans by PD x LGD x exposure (what they owe now), the largest first. */
  async expectedLoss(f: Omit<AnalyticsFilter, 'from' | 'to'>, limit: number): Promise<ExpectedLossLoan[]> {
    const c = loanConditions({ ...f, from: '', to: '' });
    const rows = await this.em.execute<Row[]>(
      `with lgd as (
         select product, currency, count(*) as n,
                greatest(0, 1 - sum(recovered_minor)::float8 / nullif(sum(delinquent_minor), 0)) as lgd
         from recovery_episodes where status = 'ended' group by 1, 2
       )
       select l.loan_id, l.product, l.currency, l.bucket, l.days_past_due, l.outstanding_total, s.score, s.source, s.flagged, s.version, s.scored_at,
              coalesce(g.lgd, 1) as lgd, coalesce(g.n, 0) as lgd_n
       from loans l ${LATEST_PD} left join lgd g on g.product = l.product and g.currency = l.currency
       where l.status = 'delinquent'${c.sql}
       order by s.score * coalesce(g.lgd, 1) * l.outstanding_total desc, l.loan_id limit ?`,
      [...c.params, limit],
    );
    return rows.map((r) => {
      const { rollProbability: pd, flagged: _flagged, ...loan } = watched(r);
      const lgd = Number(r.lgd);
      return { ...loan, pd, pdSource: r.source as ExpectedLossLoan['pdSource'], lgd, lgdEpisodes: num(r.lgd_n), expectedLossMinor: Math.round(pd * lgd * loan.outstandingTotalMinor) };
    });
  }
}
