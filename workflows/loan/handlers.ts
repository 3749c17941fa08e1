// Query, update and signal handlers, registered before the workflow's first await so an
// update-with-start never arrives before its handler. Validators refuse commands that do not
// fit the loan's state; a refused update is not written to history.
import { condition, setHandler } from '@temporalio/workflow';
import { toIsoDate } from '../../domain/calendar.js';
import { isTerminal } from '../../domain/loan-status.js';
import { isMinorUnits } from '../../domain/money.js';
import { payoffQuote } from '../../domain/servicing.js';
import { resolveReviewedTerms, reviewedTermsProblems } from '../../policies/credit-policy.js';
import {
  acceptOfferUpdate,
  awaitDecisionUpdate,
  consentToLimitIncreaseUpdate,
  declineOfferUpdate,
  loanStateQuery,
  payoffQuoteQuery,
  paymentSignal,
  recordPaymentUpdate,
  reviewUpdate,
  withdrawUpdate,
  type AcceptOfferCommand,
  type LoanWorkflowInput,
  type PaymentCommand,
  type ReviewCommand,
} from './definitions.js';
import { recordLimitIncreaseConsent } from './credit-limit.js';
import type { Inbox } from './inbox.js';
import type { LoanRecord } from './loan-record.js';

const SERVICING = ['active', 'delinquent'];
const WITHDRAWABLE = ['submitted', 'under_review', 'manual_review', 'offered'];

export class CommandRejected extends Error {
  override name = 'CommandRejected';
}

/** A reviewer's terms outside the loan's own product (the snapshot it started with). */
export class InvalidReviewTerms extends Error {
  override name = 'InvalidReviewTerms';
}

function refuse(message: string): never {
  throw new CommandRejected(message);
}

export function registerHandlers(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput): void {
  setHandler(loanStateQuery, () => record.snapshot());
  setHandler(payoffQuoteQuery, (asOf) => {
    const account = record.state.account;
    if (!account || !SERVICING.includes(record.status)) return null;
    return { ...payoffQuote(account, asOf ?? toIsoDate(Date.now())), currency: account.currency };
  });

  setHandler(awaitDecisionUpdate, async () => {
    // A loan withdrawn before its decision answers too, with no decision.
    await condition(() => record.state.decision !== null || isTerminal(record.status));
    await record.flush();
    return { loanId: record.loanId, status: record.status, decision: record.state.decision, offer: record.state.offer };
  });

  setHandler(
    acceptOfferUpdate,
    async (command) => {
      inbox.offer = { accepted: true, command };
      // Answer with the disbursement's outcome: active, or disbursement_failed.
      await condition(() => record.status !== 'offered' && record.status !== 'disbursing');
      await record.flush();
      return record.snapshot();
    },
    {
      validator: (command: AcceptOfferCommand) => {
        if (record.status !== 'offered' || inbox.offer) refuse(`there is no open offer: the loan is ${record.status}`);
        if (!command.bankAccount && !input.application.bankAccount) refuse('a bankAccount for the payout is required: the application gave none');
      },
    },
  );

  setHandler(
    declineOfferUpdate,
    async () => {
      inbox.offer = { accepted: false };
      await condition(() => record.status !== 'offered');
      await record.flush();
      return record.snapshot();
    },
    { validator: () => (record.status !== 'offered' || inbox.offer ? refuse(`there is no open offer: the loan is ${record.status}`) : undefined) },
  );

  setHandler(
    withdrawUpdate,
    async () => {
      inbox.withdrawRequested = true;
      await condition(() => record.status === 'withdrawn');
      await record.flush();
      return record.snapshot();
    },
    { validator: () => (WITHDRAWABLE.includes(record.status) ? undefined : refuse(`a loan that is ${record.status} cannot be withdrawn`)) },
  );

  setHandler(
    reviewUpdate,
    async (command) => {
      inbox.review = command;
      await condition(() => record.status !== 'manual_review');
      await record.flush();
      return record.snapshot();
    },
    { validator: (command: ReviewCommand) => validateReview(record, inbox, input, command) },
  );

  setHandler(
    recordPaymentUpdate,
    async (command) => {
      const token = inbox.enqueuePayment(command);
      await condition(() => inbox.paymentResults.has(token));
      const result = inbox.paymentResults.get(token)!;
      inbox.paymentResults.delete(token);
      return result;
    },
    { validator: (command: PaymentCommand) => validatePayment(record, command) },
  );

  setHandler(
    consentToLimitIncreaseUpdate,
    async () => {
      recordLimitIncreaseConsent(record);
      await record.flush();
      return record.snapshot();
    },
    {
      validator: () => {
        if (!SERVICING.includes(record.status)) refuse(`a higher limit is agreed to while a loan is active or delinquent; this one is ${record.status}`);
        if (!record.state.creditLimit) refuse('this loan has no credit limit to raise');
      },
    },
  );

  // Money that arrived must never be dropped, so a webhook payment is queued whatever the state;
  // servicing applies it, or records it as unapplied for ops to return.
  setHandler(paymentSignal, (command) => {
    inbox.enqueuePayment(command);
  });
}

// Validators do not run on replay, so using the (pure) policy here cannot break determinism.
function validateReview(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput, command: ReviewCommand): void {
  if (record.status !== 'manual_review' || inbox.review) refuse(`the loan is not awaiting review: it is ${record.status}`);
  if (command.outcome === 'decline' && !command.reasons?.length) refuse('a decline needs at least one adverse-action reason');
  if (command.outcome !== 'approve') return;
  const { product, currency, decision } = record.state;
  const score = decision?.score != null && decision.creditLimit != null ? { score: decision.score, creditLimit: decision.creditLimit } : undefined;
  const problems = reviewedTermsProblems(product, currency, resolveReviewedTerms(input.application, product, score, command));
  if (problems.length > 0) throw new InvalidReviewTerms(problems.join('; '));
}

function validatePayment(record: LoanRecord, command: PaymentCommand): void {
  if (!SERVICING.includes(record.status)) refuse(`payments are accepted while a loan is active or delinquent; this one is ${record.status}`);
  if (!isMinorUnits(command.amount) || command.amount <= 0) refuse('amount must be a positive whole number of minor units');
  if (command.currency !== record.state.currency) refuse(`the loan is in ${record.state.currency}, not ${command.currency}`);
  if (!command.externalId) refuse('externalId is required');
}
