// The loan workflow's public surface: its input, and the queries, updates and signals the API
// (and the payment-gateway webhook) use. Updates validate before anything is recorded, so a
// refused command leaves no trace in the loan's history.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BankAccount, LoanApplication } from '../../domain/application.js';
import type { IsoDate } from '../../domain/calendar.js';
import type { ImportedTerms } from '../../domain/imported-history.js';
import type { ArrangementCommand, WriteOffCommand } from '../../domain/arrangements.js';
import type { TermsProblem } from '../../domain/arrangement-schedule.js';
import type { AdverseActionReason } from '../../domain/credit.js';
import type { DecisionView, LoanSnapshot, OfferView } from '../../domain/loan-view.js';
import type { Product } from '../../domain/product.js';
import type { ContactRecord } from '../../domain/repayment-behaviour.js';
import type { PayoffQuote } from '../../domain/servicing.js';
import type { ServicingCarry } from './servicing-state.js';

export interface LoanWorkflowInput {
  loanId: string;
  application: LoanApplication;
  /** the product as it was when the loan started: later edits never change a running loan */
  product: Product;
  /** ISO instant the application was received */
  submittedAt: string;
  taskQueues: { bureau: string };
  /** start a new run after this many history events (continue-as-new keeps long loans bounded) */
  historyLimit?: number;
  /** present when this run continues a servicing loan (continue-as-new) */
  resume?: ServicingCarry;
  /** a loan brought in from another system (POST /v1/portfolio/imports): no origination, no payout; servicing from its history */
  imported?: ImportedLoan;
}

/**
 * A loan another system lent, as its lender reports it. The borrower's details and consents are
 * in `application`, as for a loan we originated; the terms are these, not a pricing decision.
 */
export interface ImportedLoan extends ImportedTerms {
  /** the lender's own reference for the loan (the loan ID is derived from it) */
  lenderReference: string;
  /** what the borrower paid before the import, in any order */
  payments: ImportedPayment[];
}

export interface ImportedPayment {
  on: IsoDate;
  /** minor units */
  amount: number;
  /** the lender's payment reference: the same reference reported later is a duplicate */
  reference: string;
}

export interface LoanOutcome {
  loanId: string;
  status: LoanSnapshot['status'];
  closedReason: string | null;
}

export interface DecisionResult {
  loanId: string;
  status: LoanSnapshot['status'];
  /** null only when the loan was withdrawn before it was decided */
  decision: DecisionView | null;
  offer: OfferView | null;
}

export interface ReviewCommand {
  reviewer: string;
  outcome: 'approve' | 'decline';
  /** adverse-action reasons for a decline (the API maps reason codes onto the catalogue) */
  reasons?: AdverseActionReason[];
  note?: string;
  /** terms for an approval; the requested principal and term by default */
  principal?: number;
  termMonths?: number;
  aprBps?: number;
}

export interface AcceptOfferCommand {
  /** where to pay out, when the application did not say */
  bankAccount?: BankAccount;
}

export interface PaymentCommand {
  /** the payer's or gateway's reference: the same externalId twice posts once */
  externalId: string;
  amount: number;
  currency: string;
  source: 'api' | 'webhook' | 'autopay';
  /** the API request (or gateway event) that carried it, so a duplicate can name the original */
  requestId?: string;
}

/** What servicing keeps of a payment it applied, to answer later duplicates of it. */
export interface PaymentReceipt {
  amount: number;
  currency: string;
  /** 'import': paid before the loan was imported, as its lender reported it */
  source: PaymentCommand['source'] | 'import';
  receivedOn: IsoDate;
  requestId?: string;
}

export interface PaymentResult {
  externalId: string;
  duplicate: boolean;
  /** for a duplicate: the payment first applied under this externalId (absent for payments applied before receipts were kept) */
  original?: PaymentReceipt;
  /** why the money was not applied to the loan; it is then held as unapplied cash for ops to return or re-apply */
  unapplied?: string;
  allocation: { fees: number; interest: number; principal: number; toCredit: number; fromCredit: number; overpayment: number; interestWaived: number };
  status: LoanSnapshot['status'];
  outstandingTotal: number;
}

export interface PayoffQuoteView extends PayoffQuote {
  currency: string;
}

/** A quote, none (the loan is not being repaid), or a refusal naming the field at fault. */
export type PayoffQuoteAnswer = { quote: PayoffQuoteView } | { quote: null; problem?: { field: string; message: string } };

/** The ApplicationFailure type of a command whose fields are wrong; its details carry CommandProblem[]. */
export const INVALID_COMMAND = 'InvalidCommand';

export const loanStateQuery = defineQuery<LoanSnapshot>('loanState');
export const payoffQuoteQuery = defineQuery<PayoffQuoteAnswer, [IsoDate?]>('payoffQuote');
/**
 * Proposed arrangement terms judged on a day: their problems (domain arrangementTermsProblems, the
 * check applying them makes), and where they would move the loan's last due date. The API asks
 * before recording a proposal, so it and the workflow never disagree. null when the loan is not
 * being repaid.
 */
export const arrangementPreviewQuery = defineQuery<ArrangementPreview | null, [unknown, IsoDate?]>('arrangementPreview');

export interface ArrangementPreview {
  /** empty when the workflow would apply the terms on the day */
  problems: TermsProblem[];
  /** the schedule's last due date as it stands */
  currentLastDueOn: IsoDate;
  /** the last due date under the terms; null when they have problems */
  lastDueOn: IsoDate | null;
}

/** Answers once the application is decided (and the decision is readable from Postgres). */
export const awaitDecisionUpdate = defineUpdate<DecisionResult>('awaitDecision');
export const acceptOfferUpdate = defineUpdate<LoanSnapshot, [AcceptOfferCommand]>('acceptOffer');
export const declineOfferUpdate = defineUpdate<LoanSnapshot>('declineOffer');
export const withdrawUpdate = defineUpdate<LoanSnapshot>('withdraw');
export const reviewUpdate = defineUpdate<LoanSnapshot, [ReviewCommand]>('review');
/** The borrower agrees to a higher credit limit; the next limit review may apply one. */
export const consentToLimitIncreaseUpdate = defineUpdate<LoanSnapshot>('consentToLimitIncrease');
export const recordPaymentUpdate = defineUpdate<PaymentResult, [PaymentCommand]>('recordPayment');
/** An approved plan, restructure or settlement: the schedule is rebuilt (or the loan settles), the ledger balanced. */
export const applyArrangementUpdate = defineUpdate<LoanSnapshot, [ArrangementCommand]>('applyArrangement');
/** An approved write-off (maker and checker): what is owed is written down and the loan ends charged off. */
export const writeOffUpdate = defineUpdate<LoanSnapshot, [WriteOffCommand]>('writeOff');
/** A recovery episode's running account of what it learnt (cumulative: the latest replaces the episode's last). */
export const recoveryLearntSignal = defineSignal<[{ episode: number; record: ContactRecord }]>('recoveryLearnt');
/** Fire-and-forget payment notice (gateway webhooks); deduplicated like the update. */
export const paymentSignal = defineSignal<[PaymentCommand]>('payment');
