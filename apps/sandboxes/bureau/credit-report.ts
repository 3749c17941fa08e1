// Renders a credit report from a subject's bureau plan. Every date is counted back from the
// request's asOf, never from the wall clock, and the report id is a hash of the request, so
// the same request always yields the same report, byte for byte.
import { addMonths } from '../../../domain/calendar.js';
import type { BureauReport, Tradeline } from '../../../domain/credit-data.js';
import { hashHex } from '../../../domain/seeded-random.js';
import type { BureauPlan, TradelinePlan } from '../subject-profiles.js';
import type { CreditReportRequest } from './credit-report-request.js';

type Renderable = Exclude<BureauPlan, { kind: 'outage' }>;

export function renderCreditReport(request: CreditReportRequest, plan: Renderable): BureauReport {
  const canonical = JSON.stringify(request);
  const reportId = `cr_${hashHex(canonical)}${hashHex(`${request.nationalId}|${canonical}`)}`;
  if (plan.kind === 'no_file') {
    return { reportId, hit: false, pulledOn: request.asOf, tradelines: [], hardInquiries6m: 0, publicRecords: 0 };
  }
  const subject = plan.subject ?? { firstName: request.firstName, lastName: request.lastName, dateOfBirth: request.dateOfBirth };
  return {
    reportId,
    hit: true,
    pulledOn: request.asOf,
    // Bureaus keep names as they were first reported: upper case, which matching must tolerate.
    subject: { firstName: subject.firstName.toUpperCase(), lastName: subject.lastName.toUpperCase(), dateOfBirth: subject.dateOfBirth, nationalId: request.nationalId.toUpperCase() },
    bureauScore: genericScore(plan),
    tradelines: plan.tradelines.map((t) => renderTradeline(t, request.asOf)),
    hardInquiries6m: plan.hardInquiries6m,
    publicRecords: plan.publicRecords,
  };
}

function renderTradeline(plan: TradelinePlan, asOf: string): Tradeline {
  const creditLimit = plan.limitRupees * 100;
  const open = plan.closedMonthsAgo === undefined || plan.chargedOff;
  const balanceRupees = open ? Math.round((plan.limitRupees * plan.balanceBps) / 10_000) : 0;
  const paymentsDue24m = Math.max(0, Math.min(24, plan.ageMonths) - (plan.closedMonthsAgo ?? 0));
  return {
    kind: plan.kind,
    openedOn: addMonths(asOf, -plan.ageMonths),
    ...(plan.closedMonthsAgo !== undefined ? { closedOn: addMonths(asOf, -plan.closedMonthsAgo) } : {}),
    creditLimit,
    balance: balanceRupees * 100,
    worstDpd24m: plan.worstDpd24m,
    onTimePayments24m: Math.max(0, paymentsDue24m - plan.missed24m),
    paymentsDue24m,
    chargedOff: plan.chargedOff,
  };
}

/**
 * The bureau's own generic 300-900 score (like CIBIL's), which Credence's scorecard does not
 * use: it is here because real reports carry one and the UI shows it.
 */
function genericScore(plan: Extract<BureauPlan, { kind: 'file' }>): number {
  const lines = plan.tradelines;
  const oldest = Math.max(0, ...lines.map((t) => t.ageMonths));
  const missed = lines.reduce((sum, t) => sum + t.missed24m, 0);
  const worst = Math.max(0, ...lines.map((t) => t.worstDpd24m));
  const chargeOffs = lines.filter((t) => t.chargedOff).length;
  const cards = lines.filter((t) => t.kind === 'credit_card' && t.closedMonthsAgo === undefined);
  const limit = cards.reduce((sum, t) => sum + t.limitRupees, 0);
  const utilisationBps = limit > 0 ? Math.round(cards.reduce((sum, t) => sum + (t.limitRupees * t.balanceBps) / 10_000, 0) * 10_000 / limit) : 0;
  const score =
    760 +
    Math.floor(Math.min(oldest, 120) / 4) -
    25 * Math.min(missed, 8) -
    (worst >= 90 ? 80 : worst >= 30 ? 40 : 0) -
    120 * chargeOffs -
    60 * plan.publicRecords -
    8 * plan.hardInquiries6m -
    (utilisationBps > 5000 ? 40 : utilisationBps > 3000 ? 15 : 0);
  return Math.max(300, Math.min(900, score));
}
