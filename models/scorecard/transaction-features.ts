// Bank / UPI statement characteristics: how regularly income arrives, what is left after
// spending, returned debits and the loan repayments already running. The statement is cut into
// month-long windows counted back from asOf ([asOf - k months, asOf - (k-1) months)), so the
// same statement gives the same features whatever calendar month it starts in. Only accounts in
// the loan's currency count: amounts in two currencies cannot be added.
import { addMonths, compareIsoDates, type IsoDate } from '../../domain/calendar.js';
import type { BankStatement, BankTransaction } from '../../domain/credit-data.js';
import { roundHalfUp } from '../../domain/money.js';

export interface TransactionFeatures {
  /** whole months the statement covers, at most 24 */
  statementMonths: number | null;
  /** months with a salary or business-income credit */
  monthsWithIncome: number | null;
  /** coefficient of variation of monthly income (standard deviation over mean), basis points */
  incomeCvBps: number | null;
  /** minor units */
  avgMonthlyIncome: number | null;
  /** all credits minus all debits, per month, minor units (negative: spending more than comes in) */
  avgMonthlyNetInflow: number | null;
  /** net inflow over income, basis points */
  netInflowRateBps: number | null;
  bouncedDebits: number | null;
  /** minor units */
  avgMonthlyLoanRepayments: number | null;
}

/**
 * What a statement contributes to scoring, small enough to travel through workflow history: the
 * statement itself (months of transactions) stays with the activity that fetched it.
 */
export interface StatementSummary {
  statementId: string;
  from: IsoDate;
  to: IsoDate;
  accounts: number;
  transactions: number;
  features: TransactionFeatures;
}

export function summariseStatement(statement: BankStatement, currency: string, asOf: IsoDate): StatementSummary {
  return {
    statementId: statement.statementId,
    from: statement.from,
    to: statement.to,
    accounts: statement.accounts.length,
    transactions: statement.accounts.reduce((n, a) => n + a.transactions.length, 0),
    features: transactionFeatures(statement, currency, asOf),
  };
}

const NONE: TransactionFeatures = { statementMonths: null, monthsWithIncome: null, incomeCvBps: null, avgMonthlyIncome: null, avgMonthlyNetInflow: null, netInflowRateBps: null, bouncedDebits: null, avgMonthlyLoanRepayments: null };
const MAX_MONTHS = 24;
const INCOME: ReadonlySet<BankTransaction['category']> = new Set(['salary', 'business_income']);

export function transactionFeatures(statement: BankStatement | undefined, currency: string, asOf: IsoDate): TransactionFeatures {
  const accounts = statement?.accounts.filter((a) => a.currency === currency) ?? [];
  if (!statement || accounts.length === 0) return NONE;
  let months = 0;
  while (months < MAX_MONTHS && compareIsoDates(addMonths(asOf, -(months + 1)), statement.from) >= 0) months++;
  if (months === 0) return NONE;

  const income = new Array<number>(months).fill(0);
  let net = 0;
  let bounced = 0;
  let repayments = 0;
  const windowStart = addMonths(asOf, -months);
  for (const t of accounts.flatMap((a) => a.transactions)) {
    if (compareIsoDates(t.date, windowStart) < 0 || compareIsoDates(t.date, asOf) >= 0) continue;
    const slot = monthSlot(t.date, asOf, months);
    if (t.direction === 'credit') {
      net += t.amount;
      if (INCOME.has(t.category)) income[slot] = (income[slot] ?? 0) + t.amount;
    } else {
      net -= t.amount;
      if (t.category === 'bounced') bounced++;
      if (t.category === 'loan_repayment') repayments += t.amount;
    }
  }

  const totalIncome = income.reduce((a, b) => a + b, 0);
  const avgIncome = perMonth(totalIncome, months);
  const avgNet = perMonth(net, months);
  return {
    statementMonths: months,
    monthsWithIncome: income.filter((x) => x > 0).length,
    incomeCvBps: totalIncome > 0 ? coefficientOfVariationBps(income) : null,
    avgMonthlyIncome: avgIncome,
    avgMonthlyNetInflow: avgNet,
    netInflowRateBps: avgIncome > 0 ? Math.round((avgNet * 10_000) / avgIncome) : null,
    bouncedDebits: bounced,
    avgMonthlyLoanRepayments: perMonth(repayments, months),
  };
}

/** Which window (0 = oldest) a date falls in. */
function monthSlot(date: IsoDate, asOf: IsoDate, months: number): number {
  for (let back = 1; back <= months; back++) {
    if (compareIsoDates(date, addMonths(asOf, -back)) >= 0) return months - back;
  }
  return 0;
}

function perMonth(total: number, months: number): number {
  return Number(roundHalfUp(BigInt(total), BigInt(months)));
}

/** Population standard deviation over the mean, in basis points; months without income count as zero. */
export function coefficientOfVariationBps(values: readonly number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / values.length;
  return Math.round((Math.sqrt(variance) / mean) * 10_000);
}
