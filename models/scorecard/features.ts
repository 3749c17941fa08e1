// The scorecard's inputs, computed once from the application, the credit report and the bank
// statement. Everything a characteristic bins on is here, so a score can be recomputed and
// explained from this record alone (it is stored with the score).
import type { LoanApplication } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { bureauFeatures, type BureauFeatures } from './bureau-features.js';
import { transactionFeatures, type TransactionFeatures } from './transaction-features.js';

export interface ScorecardFeatures extends BureauFeatures, TransactionFeatures {
  currency: string;
  requestedPrincipal: number;
  declaredMonthlyIncome: number;
  /** income the limit and DTI are computed from: verified from the statement, else declared less a haircut */
  assessedMonthlyIncome: number;
  incomeVerified: boolean;
  /** existing loan repayments seen on the statement over assessed income; null without a statement */
  dtiBps: number | null;
}

/** Declared income counts for this share when no statement verifies it. */
export const UNVERIFIED_INCOME_SHARE_BPS = 7500;

/** Months of statement the thin-file card needs to reach its best attributes. */
export const RECOMMENDED_STATEMENT_MONTHS = 12;

/** `transactions`: the statement's features (summariseStatement); undefined without a statement. */
export function extractFeatures(application: LoanApplication, bureau: BureauReport | undefined, transactions: TransactionFeatures | undefined, asOf: IsoDate): ScorecardFeatures {
  const currency = application.loan.currency;
  const fromBureau = bureauFeatures(bureau, asOf);
  const fromStatement = transactions ?? transactionFeatures(undefined, currency, asOf);
  const declared = application.applicant.employment.monthlyIncome;
  const verified = fromStatement.avgMonthlyIncome !== null && fromStatement.avgMonthlyIncome > 0;
  const assessed = verified ? (fromStatement.avgMonthlyIncome ?? 0) : Math.floor((declared * UNVERIFIED_INCOME_SHARE_BPS) / 10_000);
  const repayments = fromStatement.avgMonthlyLoanRepayments;
  return {
    currency,
    requestedPrincipal: application.loan.principal,
    ...fromBureau,
    ...fromStatement,
    declaredMonthlyIncome: declared,
    assessedMonthlyIncome: assessed,
    incomeVerified: verified,
    dtiBps: repayments === null || assessed <= 0 ? null : Math.round((repayments * 10_000) / assessed),
  };
}
