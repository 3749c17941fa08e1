// How a loan reads over HTTP, from either source: the Postgres projection or, in the first
// moments before it lands, the workflow's own snapshot. `outstandingTotal` is shown as
// `outstandingBalance`; the projection's version is an internal detail.
import type { ArrangementView, DecisionView, LoanEventRecord, LoanSnapshot, OfferView, PaymentView, ReviewView, ScheduleLineView } from '../../../domain/loan-view.js';
import type { LoanStatus } from '../../../domain/loan-status.js';
import type { LoanRecord, LoanSummaryRecord } from '../../../db/repositories/loan-read.repository.js';

export interface LoanSummary {
  loanId: string;
  status: LoanStatus;
  product: string;
  currency: string;
  requestedPrincipal: number;
  principal: number | null;
  outstandingPrincipal: number;
  outstandingBalance: number;
  daysPastDue: number;
  bucket: string | null;
  /** the most we would lend the borrower in all; null when no limit is tracked */
  creditLimit: number | null;
  decisionOutcome: DecisionView['outcome'] | null;
  closedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LoanState extends Omit<LoanSummary, 'decisionOutcome'> {
  decision: DecisionView | null;
  offer: OfferView | null;
  schedule: ScheduleLineView[];
  review: ReviewView | null;
  /** the latest plan, restructure or settlement */
  arrangement: ArrangementView | null;
}

export interface LoanDetail extends LoanState {
  events: LoanEventRecord[];
  payments: PaymentView[];
}

export function loanSummary(s: LoanSummaryRecord): LoanSummary {
  return {
    loanId: s.loanId,
    status: s.status,
    product: s.product,
    currency: s.currency,
    requestedPrincipal: s.requestedPrincipal,
    principal: s.principal,
    outstandingPrincipal: s.outstandingPrincipal,
    outstandingBalance: s.outstandingTotal,
    daysPastDue: s.daysPastDue,
    bucket: s.bucket,
    creditLimit: s.creditLimit,
    decisionOutcome: s.decision?.outcome ?? null,
    closedReason: s.closedReason,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function loanState(s: LoanSnapshot): LoanState {
  const { decisionOutcome: _outcome, ...summary } = loanSummary(s);
  return { ...summary, decision: s.decision, offer: s.offer, schedule: s.schedule ?? [], review: s.review, arrangement: s.arrangement ?? null };
}

export function loanDetail({ snapshot, events, payments }: LoanRecord): LoanDetail {
  return { ...loanState(snapshot), events, payments };
}
