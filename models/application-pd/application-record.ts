// The application PD model's input record, from the features the scorecard module extracts
// (bureau report, bank/UPI statement, application). Names and meanings are the synthetic
// portfolio's applications.csv columns (models/training/portfolio.md), which were written to
// mirror models/scorecard's extractors, so training and serving see the same quantities.
// Everything is a count or a ratio in basis points: the model is currency-neutral.
import type { LoanApplication } from '../../domain/application.js';
import type { ScorecardFeatures } from '../scorecard/index.js';

/** A requested loan against no assessable income: the largest ratio the portfolio holds, read as "unaffordable". */
export const NO_INCOME_LOAN_TO_INCOME_BPS = 10_000_000;

export type ApplicationRecord = Record<string, number | string | null>;

export function applicationRecord(features: ScorecardFeatures, application: LoanApplication): ApplicationRecord {
  const income = features.assessedMonthlyIncome;
  return {
    employment_status: application.applicant.employment.status,
    bureau_hit: features.bureauHit ? 1 : 0,
    tradelines: features.tradelines,
    on_time_ratio_bps: features.onTimeRatioBps,
    worst_dpd_24m: features.worstDpd24m,
    revolving_utilisation_bps: features.revolvingUtilisationBps,
    months_since_oldest_tradeline: features.monthsSinceOldestTradeline,
    hard_inquiries_6m: features.hardInquiries6m,
    derogatory_records: features.derogatoryRecords,
    statement_months: features.statementMonths,
    months_with_income: features.monthsWithIncome,
    income_cv_bps: features.incomeCvBps,
    net_inflow_rate_bps: features.netInflowRateBps,
    bounced_debits: features.bouncedDebits,
    dti_bps: features.dtiBps,
    income_verified: features.incomeVerified ? 1 : 0,
    loan_to_income_bps: income > 0 ? Math.round((features.requestedPrincipal * 10_000) / income) : NO_INCOME_LOAN_TO_INCOME_BPS,
    term_months: application.loan.termMonths,
  };
}
