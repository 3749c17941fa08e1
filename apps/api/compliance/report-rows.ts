// The report as rows of (section, item, value, note): what the CSV is, line for line, and what the
// PDF prints under each section's heading, so both exports carry the same figures.
import type { ComplianceReport } from './compliance-report.js';

export interface ReportRow {
  section: string;
  item: string;
  value: string;
  note: string;
}

export const SECTION_TITLES: Record<string, string> = {
  report: 'Report',
  contacts_made: 'Contacts made (sent to a provider, or a collector\'s call)',
  contacts_blocked: 'Contacts blocked by the compliance gate, by rule',
  contacts_skipped: 'Contacts not attempted (channel down)',
  disputes: 'Disputes',
  dispute: 'Each dispute (hours to verification)',
  opt_outs: 'Opt-outs',
  complaints: 'Complaints',
  sla_breaches: 'Hand-off SLA breaches, by holder',
  decisions: 'Credit decisions',
  adverse_action_reasons: 'Adverse-action reasons given in declines',
  declined_application: 'Each decline, with its reason codes',
};

const hours = (h: number | null) => (h === null ? '' : String(h));

export function reportRows(r: ComplianceReport): ReportRow[] {
  const row = (section: string, item: string, value: string | number, note = ''): ReportRow => ({ section, item, value: String(value), note });
  const rows: ReportRow[] = [
    row('report', 'period from', r.period.from, 'inclusive'),
    row('report', 'period to', r.period.to, 'exclusive'),
    row('report', 'generated at', r.generatedAt),
    ...r.contacts.made.map((c) => row('contacts_made', `${c.channel} (${c.kind})`, c.count)),
    row('contacts_made', 'total', r.contacts.madeTotal),
    ...r.contacts.blocked.map((b) => row('contacts_blocked', b.rule, b.count)),
    row('contacts_blocked', 'total', r.contacts.blockedTotal),
    row('contacts_skipped', 'total', r.contacts.skipped),
    row('disputes', 'opened in the period', r.disputes.opened),
    row('disputes', 'verified in the period', r.disputes.verified),
    row('disputes', 'open at the end of the period', r.disputes.openAtEnd),
    row('disputes', 'hours to verification, median', hours(r.disputes.handlingHours.median), r.disputes.verified === 0 ? 'none verified in the period' : ''),
    row('disputes', 'hours to verification, mean', hours(r.disputes.handlingHours.mean)),
    row('disputes', 'hours to verification, longest', hours(r.disputes.handlingHours.max)),
    ...r.disputes.items.map((d) => row('dispute', d.loanId, hours(d.handlingHours), `opened ${d.openedAt} (${d.source}); ${d.verifiedAt === null ? 'not verified' : `verified ${d.verifiedAt}`}`)),
    ...r.optOuts.items.map((o) => row('opt_outs', `${o.change === 'opt_out_all' ? 'all channels' : (o.channel ?? 'unknown channel')} via ${o.source}`, o.count)),
    row('opt_outs', 'total', r.optOuts.total),
    row('complaints', 'complaints', '', r.complaints.note),
    ...r.slaBreaches.byAssignee.map((b) => row('sla_breaches', b.assigneeId ?? '(no holder)', b.count)),
    row('sla_breaches', 'total', r.slaBreaches.total),
    ...r.decisions.byOutcome.map((d) => row('decisions', d.outcome, d.count)),
    row('decisions', 'declined without an adverse-action reason', r.decisions.declinedWithoutReasons, r.decisions.declinedWithoutReasons > 0 ? 'each must be reviewed: a decline must state its reasons' : ''),
    ...r.decisions.reasons.map((x) => row('adverse_action_reasons', x.code, x.count, x.text ?? '')),
    ...r.decisions.declines.map((d) => row('declined_application', d.loanId, d.reasons.map((x) => x.code).join(';'), `decided ${d.at}${d.decidedBy ? ` by ${d.decidedBy}` : ''}`)),
  ];
  return rows;
}
