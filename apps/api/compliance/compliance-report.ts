// A compliance report for a period, as both exports print it: the figures from the records
// (compliance-report.repository.ts) summed and timed. Complaints are reported as not recorded:
// Credence has no complaint record yet, and a report that showed zero would claim none were made.
import type { ComplianceFigures, DecisionRecord, DisputeRecord, Period } from '../../../db/repositories/compliance-report.repository.js';

export const NO_COMPLAINT_RECORD =
  'Not recorded: Credence keeps no complaint record yet, so this report cannot count complaints. A borrower\'s dispute is counted above; complaints made to the lender by other routes are outside these records.';

export interface ComplianceReport {
  period: Period;
  generatedAt: string;
  contacts: {
    made: { channel: string; kind: 'automated' | 'collector'; count: number }[];
    madeTotal: number;
    blocked: { rule: string; count: number }[];
    blockedTotal: number;
    /** asked for while the channel was down: no gate question, nothing sent */
    skipped: number;
  };
  disputes: {
    opened: number;
    verified: number;
    openAtEnd: number;
    /** hours from the dispute to its verification, for those verified in the period */
    handlingHours: { median: number | null; mean: number | null; max: number | null };
    items: (DisputeRecord & { handlingHours: number | null })[];
  };
  optOuts: { total: number; items: { change: string; channel: string | null; source: string; count: number }[] };
  complaints: { recorded: false; note: string };
  slaBreaches: { total: number; byAssignee: { assigneeId: string | null; count: number }[] };
  decisions: {
    byOutcome: { outcome: string; count: number }[];
    /** declines that name no adverse-action reason: each is a compliance fault */
    declinedWithoutReasons: number;
    reasons: { code: string; text: string | null; count: number }[];
    declines: DecisionRecord[];
  };
}

const HOUR_MS = 3_600_000;
const within = (at: string | null, { from, to }: Period) => at !== null && at >= from && at < to;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function complianceReport(period: Period, figures: ComplianceFigures, generatedAt: string): ComplianceReport {
  const disputes = figures.disputes.map((d) => ({
    ...d,
    handlingHours: d.verifiedAt !== null && d.verifiedAt < period.to ? round2((Date.parse(d.verifiedAt) - Date.parse(d.openedAt)) / HOUR_MS) : null,
  }));
  const handled = disputes.filter((d) => within(d.verifiedAt, period)).map((d) => d.handlingHours!).sort((a, b) => a - b);
  const declines = figures.decisions.filter((d) => d.outcome === 'declined');
  const reasons = new Map<string, { code: string; text: string | null; count: number }>();
  for (const reason of declines.flatMap((d) => d.reasons)) {
    const seen = reasons.get(reason.code) ?? { code: reason.code, text: reason.text, count: 0 };
    seen.count += 1;
    seen.text ??= reason.text;
    reasons.set(reason.code, seen);
  }
  const outcomes = new Map<string, number>();
  for (const d of figures.decisions) outcomes.set(d.outcome, (outcomes.get(d.outcome) ?? 0) + 1);
  return {
    period,
    generatedAt,
    contacts: {
      made: figures.contactsMade,
      madeTotal: sum(figures.contactsMade),
      blocked: figures.contactsBlocked,
      blockedTotal: sum(figures.contactsBlocked),
      skipped: figures.contactsSkipped,
    },
    disputes: {
      opened: disputes.filter((d) => within(d.openedAt, period)).length,
      verified: handled.length,
      openAtEnd: disputes.filter((d) => d.verifiedAt === null || d.verifiedAt >= period.to).length,
      handlingHours: {
        median: handled.length === 0 ? null : round2(median(handled)),
        mean: handled.length === 0 ? null : round2(handled.reduce((a, b) => a + b, 0) / handled.length),
        max: handled.at(-1) ?? null,
      },
      items: disputes,
    },
    optOuts: { total: sum(figures.optOuts), items: figures.optOuts },
    complaints: { recorded: false, note: NO_COMPLAINT_RECORD },
    slaBreaches: { total: sum(figures.slaBreaches), byAssignee: figures.slaBreaches },
    decisions: {
      byOutcome: [...outcomes].map(([outcome, count]) => ({ outcome, count })).sort((a, b) => a.outcome.localeCompare(b.outcome)),
      declinedWithoutReasons: declines.filter((d) => d.reasons.length === 0).length,
      reasons: [...reasons.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
      declines,
    },
  };
}

function sum(items: readonly { count: number }[]): number {
  return items.reduce((n, i) => n + i.count, 0);
}

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
