// Credit-report characteristics. A report with no tradelines says nothing about how someone
// repays, so it counts as a thin file just like no report at all.
import { parseIsoDate, type IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';

export interface BureauFeatures {
  /** the bureau has a file with at least one tradeline: the thick-file card applies */
  bureauHit: boolean;
  tradelines: number | null;
  /** on-time payments over payments due in 24 months, basis points */
  onTimeRatioBps: number | null;
  worstDpd24m: number | null;
  /** open card balances over open card limits, basis points */
  revolvingUtilisationBps: number | null;
  monthsSinceOldestTradeline: number | null;
  hardInquiries6m: number | null;
  chargeOffs: number | null;
  publicRecords: number | null;
  /** charge-offs plus public records */
  derogatoryRecords: number | null;
}

export function bureauFeatures(report: BureauReport | undefined, asOf: IsoDate): BureauFeatures {
  const lines = report?.hit ? report.tradelines : [];
  if (!report?.hit || lines.length === 0) {
    return { bureauHit: false, tradelines: null, onTimeRatioBps: null, worstDpd24m: null, revolvingUtilisationBps: null, monthsSinceOldestTradeline: null, hardInquiries6m: report?.hit ? report.hardInquiries6m : null, chargeOffs: null, publicRecords: report?.hit ? report.publicRecords : null, derogatoryRecords: null };
  }
  const due = lines.reduce((sum, t) => sum + t.paymentsDue24m, 0);
  const onTime = lines.reduce((sum, t) => sum + t.onTimePayments24m, 0);
  const cards = lines.filter((t) => t.kind === 'credit_card' && t.closedOn === undefined && !t.chargedOff);
  const cardLimit = cards.reduce((sum, t) => sum + t.creditLimit, 0);
  const cardBalance = cards.reduce((sum, t) => sum + t.balance, 0);
  const chargeOffs = lines.filter((t) => t.chargedOff).length;
  const oldest = lines.reduce((min, t) => (t.openedOn < min ? t.openedOn : min), lines[0]?.openedOn ?? asOf);
  return {
    bureauHit: true,
    tradelines: lines.length,
    // Floor, so 9,999.6 bps of on-time payments never reads as a perfect record.
    onTimeRatioBps: due > 0 ? Math.floor((onTime * 10_000) / due) : null,
    worstDpd24m: Math.max(...lines.map((t) => t.worstDpd24m)),
    revolvingUtilisationBps: cardLimit > 0 ? Math.round((cardBalance * 10_000) / cardLimit) : null,
    monthsSinceOldestTradeline: wholeMonthsBetween(oldest, asOf),
    hardInquiries6m: report.hardInquiries6m,
    chargeOffs,
    publicRecords: report.publicRecords,
    derogatoryRecords: chargeOffs + report.publicRecords,
  };
}

/** Completed months from `from` to `to` (0 when `to` is earlier). */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
  return Math.max(0, months);
}
