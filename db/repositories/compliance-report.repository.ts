// The figures of a compliance report for a period [from, to), each from the table that records it:
// contacts from the contact log (what left for a provider, and collectors' calls) and the gate's
// blocks from the delivery events (every block is kept there, where the delivery holds only its
// latest); disputes and opt-outs from the standing changes; SLA breaches from the case events;
// credit decisions, with their adverse-action reasons, from the loans' event log.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface Period {
  from: string;
  to: string;
}

export interface DisputeRecord {
  loanId: string;
  openedAt: string;
  /** inbound | collector | api | ... (who raised it) */
  source: string;
  verifiedAt: string | null;
}

export interface DecisionRecord {
  loanId: string;
  at: string;
  /** decision.made (the policy) or review.decided (a person) */
  type: string;
  outcome: string;
  decidedBy: string | null;
  reasons: { code: string; text: string | null }[];
}

export interface ComplianceFigures {
  contactsMade: { channel: string; kind: 'automated' | 'collector'; count: number }[];
  contactsBlocked: { rule: string; count: number }[];
  contactsSkipped: number;
  disputes: DisputeRecord[];
  optOuts: { change: string; channel: string | null; source: string; count: number }[];
  slaBreaches: { assigneeId: string | null; count: number }[];
  decisions: DecisionRecord[];
}

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

export class ComplianceReportRepository {
  constructor(private readonly em: EntityManager) {}

  async figures({ from, to }: Period): Promise<ComplianceFigures> {
    const [made, blocked, disputes, optOuts, breaches, decisions] = await Promise.all([
      this.em.execute<Row[]>(
        `select channel, case when decision = 'collector' then 'collector' else 'automated' end as kind, count(*) as n
         from contact_deliveries
         where (decision = 'collector' and contact_at >= ? and contact_at < ?) or (decision <> 'collector' and sent_at >= ? and sent_at < ?)
         group by 1, 2 order by 2, 1`,
        [from, to, from, to],
      ),
      this.em.execute<Row[]>(
        `select status, coalesce(detail->>'rule', '(none)') as rule, count(*) as n from contact_delivery_events
         where provider = 'gate' and at >= ? and at < ? group by 1, 2 order by 1, 3 desc, 2`,
        [from, to],
      ),
      // Every dispute opened in the period or still open at its start, with the first verification after it.
      this.em.execute<Row[]>(
        `select o.loan_id, o.at as opened_at, o.source,
                (select min(v.at) from contact_standing_changes v where v.loan_id = o.loan_id and v.change = 'dispute_verified' and v.at >= o.at) as verified_at
         from contact_standing_changes o where o.change = 'dispute_opened' and o.at < ?
         order by o.at, o.id`,
        [to],
      ),
      this.em.execute<Row[]>(
        `select change, channel, source, count(*) as n from contact_standing_changes
         where change in ('opt_out', 'opt_out_all') and at >= ? and at < ? group by 1, 2, 3 order by 1, 2, 3`,
        [from, to],
      ),
      this.em.execute<Row[]>(
        `select assignee_id, count(*) as n from recovery_case_events where kind = 'sla_breached' and at >= ? and at < ? group by 1 order by 2 desc, 1`,
        [from, to],
      ),
      this.em.execute<Row[]>(
        `select e.loan_id, e.occurred_at, e.type, e.data, l.decision as final_decision from loan_events e left join loans l on l.loan_id = e.loan_id
         where e.type in ('decision.made', 'review.decided') and e.occurred_at >= ? and e.occurred_at < ? order by e.occurred_at, e.loan_id, e.seq`,
        [from, to],
      ),
    ]);
    return {
      contactsMade: made.map((r) => ({ channel: String(r.channel), kind: r.kind as 'automated' | 'collector', count: Number(r.n) })),
      contactsBlocked: blocked.filter((r) => r.status === 'blocked').map((r) => ({ rule: String(r.rule), count: Number(r.n) })),
      contactsSkipped: blocked.filter((r) => r.status !== 'blocked').reduce((n, r) => n + Number(r.n), 0),
      disputes: disputes
        .map((r) => ({ loanId: String(r.loan_id), openedAt: iso(r.opened_at), source: String(r.source), verifiedAt: r.verified_at === null ? null : iso(r.verified_at) }))
        // Those answered before the period began are not the period's business.
        .filter((d) => d.openedAt >= from || d.verifiedAt === null || d.verifiedAt >= from),
      optOuts: optOuts.map((r) => ({ change: String(r.change), channel: (r.channel as string | null) ?? null, source: String(r.source), count: Number(r.n) })),
      slaBreaches: breaches.map((r) => ({ assigneeId: (r.assignee_id as string | null) ?? null, count: Number(r.n) })),
      decisions: decisions.map(decisionRecord),
    };
  }
}

function decisionRecord(r: Row): DecisionRecord {
  const data = json(r.data) ?? {};
  const final = json(r.final_decision);
  const texts = new Map(((final?.reasons ?? []) as { code: string; text: string }[]).map((x) => [x.code, x.text]));
  const codes = Array.isArray(data.reasons) ? (data.reasons as unknown[]).map(String) : [];
  const decidedBy = typeof data.reviewer === 'string' ? `reviewer:${data.reviewer}` : typeof data.policyVersion === 'string' || typeof data.policyVersion === 'number' ? `policy:${data.policyVersion}` : null;
  return {
    loanId: String(r.loan_id),
    at: iso(r.occurred_at),
    type: String(r.type),
    outcome: typeof data.outcome === 'string' ? data.outcome : 'unknown',
    decidedBy,
    reasons: codes.map((code) => ({ code, text: texts.get(code) ?? null })),
  };
}

function json(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
}
