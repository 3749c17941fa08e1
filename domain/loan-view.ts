// The read model of a loan: what its workflow projects to Postgres and what the API shows. It
// holds no personal data: events and views are readable by ops without decrypting anything.
import type { IsoDate } from './calendar.js';
import type { AdverseActionReason, Offer } from './credit.js';
import type { ArrangementKind, ArrangementTerms } from './arrangements.js';
import type { LoanStatus } from './loan-status.js';

export interface DecisionView {
  outcome: 'approved' | 'declined' | 'manual_review';
  score: number | null;
  pd: number | null;
  grade: string | null;
  creditLimit: number | null;
  thinFile: boolean | null;
  reasons: AdverseActionReason[];
  reviewReasons: string[];
  decidedAt: string;
  /** who decided: the policy version, or the reviewer for a manual decision */
  decidedBy: string;
}

export interface OfferView extends Offer {
  expiresAt: string;
}

export interface ScheduleLineView {
  seq: number;
  dueDate: IsoDate;
  principal: number;
  interest: number;
  fees: number;
  amountDue: number;
  amountPaid: number;
  status: 'paid' | 'due' | 'past_due' | 'upcoming';
}

export interface ReviewView {
  queue: string;
  level: number;
  reasons: string[];
  dueBy: string;
}

/** The loan's latest arrangement (a plan, restructure or settlement) and how it stands. */
export interface ArrangementView {
  id: string;
  kind: ArrangementKind;
  terms: ArrangementTerms;
  /** active until its instalments are paid (completed) or one is missed past its grace (broken) */
  status: 'active' | 'completed' | 'broken';
  appliedOn: IsoDate;
  proposedBy: string;
  approvedBy: string | null;
  /** what was owed when it was applied, minor units */
  owedMinor: number;
  /** a settlement's forgiven part, written down once it is paid (0 for a plan or restructure) */
  writeDownMinor: number;
  instalments: { seq: number; dueOn: IsoDate; amountMinor: number; paidMinor: number }[];
}

export interface LoanSnapshot {
  loanId: string;
  status: LoanStatus;
  bucket: string | null;
  product: string;
  currency: string;
  requestedPrincipal: number;
  principal: number | null;
  decision: DecisionView | null;
  offer: OfferView | null;
  schedule: ScheduleLineView[] | null;
  outstandingPrincipal: number;
  outstandingTotal: number;
  daysPastDue: number;
  review: ReviewView | null;
  /** the most we would lend the borrower in all, minor units; null when no limit is tracked */
  creditLimit: number | null;
  closedReason: string | null;
  /** the latest arrangement; absent from loans that never had one (and from snapshots written before arrangements) */
  arrangement?: ArrangementView | null;
  /** the workflow's event sequence number at this snapshot: projections apply only forward */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LoanEventRecord {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

export interface PaymentView {
  externalId: string;
  amount: number;
  currency: string;
  /** 'import': paid before the loan was imported (POST /v1/portfolio/imports) */
  source: 'api' | 'webhook' | 'autopay' | 'import';
  receivedOn: IsoDate;
  allocation: Record<string, number | boolean>;
}

export interface LoanProjection {
  /** `schedule` omitted: unchanged since the last projection (it is the bulk of a snapshot) */
  snapshot: Omit<LoanSnapshot, 'schedule'> & { schedule?: LoanSnapshot['schedule'] };
  events: LoanEventRecord[];
  payments: PaymentView[];
  /** the loan's last event so far: anything stored beyond it was written by a discarded workflow task (absent from older workflows) */
  lastEventSeq?: number;
  /** the version this workflow last wrote: a schedule may be left out only if that is still what is stored */
  previousVersion?: number;
}

/** applied: false when something else wrote since (storedVersion); the workflow then writes everything again above it */
export interface ProjectionResult {
  applied: boolean;
  storedVersion?: number;
}
