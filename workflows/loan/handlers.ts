// Query, update and signal handlers, registered before the workflow's first await so an
// update-with-start never arrives before its handler. Validators refuse commands that do not
// fit the loan's state; a refused update is not written to history.
import { ApplicationFailure, condition, patched, setHandler } from '@temporalio/workflow';
import { compareIsoDates, isIsoDate, toIsoDate } from '../../domain/calendar.js';
import { isTerminal } from '../../domain/loan-status.js';
import { payoffQuote } from '../../domain/servicing.js';
import { resolveReviewedTerms, reviewedTermsProblems } from '../../policies/credit-policy.js';
import { applyArrangementTerms, arrangementTermsProblems } from '../../domain/arrangement-schedule.js';
import type { ArrangementCommand, ArrangementTerms, WriteOffCommand } from '../../domain/arrangements.js';
import {
  acceptOfferUpdate,
  applyArrangementUpdate,
  arrangementPreviewQuery,
  type ArrangementPreview,
  writeOffUpdate,
  awaitDecisionUpdate,
  consentToLimitIncreaseUpdate,
  declineOfferUpdate,
  loanStateQuery,
  payoffQuoteQuery,
  paymentSignal,
  recoveryLearntSignal,
  recordPaymentUpdate,
  reviewUpdate,
  withdrawUpdate,
  INVALID_COMMAND,
  type LoanWorkflowInput,
  type PayoffQuoteAnswer,
} from './definitions.js';
import { acceptOfferProblems, arrangementCommandProblems, paymentProblems, reviewProblems, writeOffProblems, type CommandProblem } from './command-shapes.js';
import { recordLimitIncreaseConsent } from './credit-limit.js';
import type { Inbox } from './inbox.js';
import type { AcceptOfferCommand, PaymentCommand, ReviewCommand } from './definitions.js';
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

/** Refuses a command whose fields are wrong, naming each (the API answers 422 with them). */
function refuseFields(problems: CommandProblem[]): void {
  if (problems.length === 0) return;
  throw ApplicationFailure.create({ type: INVALID_COMMAND, message: problems.map((p) => p.message).join('; '), details: [problems], nonRetryable: true });
}

export function registerHandlers(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput): void {
  setHandler(loanStateQuery, () => record.snapshot());
  // A query that throws reaches the client as a bare gRPC error, so a date the quote cannot be
  // for is answered as a problem instead.
  setHandler(payoffQuoteQuery, (asOf): PayoffQuoteAnswer => {
    const account = record.state.account;
    if (!account || !SERVICING.includes(record.status)) return { quote: null };
    const on = asOf ?? toIsoDate(Date.now());
    if (!isIsoDate(on)) return { quote: null, problem: { field: 'asOf', message: 'asOf must be a date, YYYY-MM-DD' } };
    if (compareIsoDates(on, account.disbursedOn) < 0) {
      return { quote: null, problem: { field: 'asOf', message: `asOf ${on} is before the loan was disbursed on ${account.disbursedOn}` } };
    }
    return { quote: { ...payoffQuote(account, on), currency: account.currency } };
  });

  setHandler(arrangementPreviewQuery, (terms, asOf): ArrangementPreview | null => {
    const account = record.state.account;
    if (!account || !SERVICING.includes(record.status)) return null;
    const currentLastDueOn = account.installments.at(-1)!.dueDate;
    const on = asOf ?? toIsoDate(Date.now());
    if (!isIsoDate(on) || compareIsoDates(on, account.disbursedOn) < 0) {
      return { problems: [{ field: 'asOf', message: `asOf must be a date, YYYY-MM-DD, on or after ${account.disbursedOn}` }], currentLastDueOn, lastDueOn: null };
    }
    const problems = arrangementTermsProblems(account, terms, on);
    const lastDueOn = problems.length === 0 ? applyArrangementTerms(account, terms as ArrangementTerms, on).account.installments.at(-1)!.dueDate : null;
    return { problems, currentLastDueOn, lastDueOn };
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
      // A repeated acceptance (a client retrying after a lost answer) waits for the first one's outcome.
      inbox.offer ??= { accepted: true, command };
      // Answer with the disbursement's outcome: active, or disbursement_failed.
      await condition(() => record.status !== 'offered' && record.status !== 'disbursing');
      await record.flush();
      return record.snapshot();
    },
    {
      validator: (command: unknown) => {
        refuseFields(acceptOfferProblems(command));
        if (inbox.offer?.accepted) {
          const first = inbox.offer.command.bankAccount;
          const again = (command as AcceptOfferCommand | undefined)?.bankAccount;
          if (again && JSON.stringify(again) !== JSON.stringify(first ?? input.application.bankAccount)) refuse('the offer was already accepted, with another bank account');
          return;
        }
        if (record.status !== 'offered' || inbox.offer) refuse(`there is no open offer: the loan is ${record.status}`);
        // A withdrawal taken first wins; accepting now would pay out a loan the borrower withdrew.
        if (inbox.withdrawRequested) refuse('the application is being withdrawn');
        if (!(command as { bankAccount?: unknown } | undefined)?.bankAccount && !input.application.bankAccount) refuse('a bankAccount for the payout is required: the application gave none');
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
      // The decision may close the loan first (declined): answer with whatever it became.
      await condition(() => isTerminal(record.status));
      await record.flush();
      return record.snapshot();
    },
    {
      validator: () => {
        if (!WITHDRAWABLE.includes(record.status)) refuse(`a loan that is ${record.status} cannot be withdrawn`);
        // An acceptance already taken wins (the loan is about to disburse): the withdrawal would wait for a close that never comes.
        if (inbox.offer?.accepted) refuse('the offer has been accepted: the loan is being disbursed and can no longer be withdrawn');
      },
    },
  );

  setHandler(
    reviewUpdate,
    async (command) => {
      inbox.review = command;
      await condition(() => record.status !== 'manual_review');
      await record.flush();
      return record.snapshot();
    },
    { validator: (command: unknown) => validateReview(record, inbox, input, command) },
  );

  setHandler(
    recordPaymentUpdate,
    async (command) => {
      const token = inbox.enqueuePayment(command, true);
      await condition(() => inbox.paymentResults.has(token));
      const result = inbox.paymentResults.get(token)!;
      inbox.paymentResults.delete(token);
      return result;
    },
    { validator: (command: unknown) => validatePayment(record, inbox, command) },
  );

  setHandler(
    applyArrangementUpdate,
    async (command) => {
      const id = command.arrangementId;
      const applied = () => record.state.arrangementIds?.includes(id) === true;
      if (!applied() && !inbox.arrangements.some((c) => c.arrangementId === id)) {
        // Tried again after servicing refused it (a payment had changed what is owed): judged afresh.
        inbox.arrangementOutcomes.delete(id);
        inbox.arrangements.push(command);
      }
      await condition(() => applied() || inbox.arrangementOutcomes.has(id) || isTerminal(record.status));
      const problems = inbox.arrangementOutcomes.get(id) ?? [];
      refuseFields(problems);
      if (!applied()) refuse(`the loan closed (${record.status}) before the arrangement was applied`);
      await record.flush();
      return record.snapshot();
    },
    { validator: (command: unknown) => validateArrangement(record, inbox, command) },
  );

  setHandler(
    writeOffUpdate,
    async (command) => {
      inbox.writeOff ??= command;
      await condition(() => isTerminal(record.status));
      if (record.state.closedReason !== 'written_off') refuse(`the loan closed (${record.status}) before the write-off was applied`);
      await record.flush();
      return record.snapshot();
    },
    { validator: (command: unknown) => validateWriteOff(record, inbox, command) },
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
  // servicing applies it, or records it as unapplied for ops to return. A signal has no
  // validator: one that is not a payment at all (no amount, a negative one) is recorded as
  // rejected here, where it can do no harm, instead of failing the workflow task further on.
  // What recovery learnt feeds the behaviour features the next segmentation and reviews read. It
  // changes no command: only what later activities are given.
  setHandler(recoveryLearntSignal, ({ episode, record }) => {
    const servicing = inbox.servicing;
    if (!servicing || !Number.isSafeInteger(episode) || !record) return;
    (servicing.contactRecords ??= {})[episode] = record;
  });
  setHandler(paymentSignal, (command: unknown) => {
    const problems = paymentProblems(command);
    if (problems.length === 0 || (!failedTheTaskBefore(command) && !patched(PAYMENT_SIGNAL_SHAPES))) {
      inbox.enqueuePayment(command as PaymentCommand);
      return;
    }
    const { externalId, amount } = (typeof command === 'object' && command !== null ? command : {}) as Record<string, unknown>;
    record.emit('payment.rejected', {
      ...(typeof externalId === 'string' ? { externalId: externalId.slice(0, 255) } : {}),
      ...(typeof amount === 'number' ? { amount } : {}),
      problems: problems.map((p) => p.field),
    });
  });
}

/**
 * Patch ID. Before it, every payment signal was queued. One that is not an object or carries no
 * positive amount failed the workflow task on every retry, so no history holds it past that point
 * and refusing it needs no patch; the other malformed shapes (an unsupported currency, an empty
 * or overlong reference, an unknown source, a fractional amount) were queued and servicing went
 * on with them, so runs recorded before keep doing that.
 */
export const PAYMENT_SIGNAL_SHAPES = 'payment-signal-shapes';

function failedTheTaskBefore(command: unknown): boolean {
  if (typeof command !== 'object' || command === null) return true;
  const { amount } = command as Record<string, unknown>;
  return !(typeof amount === 'number' && amount > 0);
}

// Validators do not run on replay, so using the (pure) policy here cannot break determinism.
function validateReview(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput, raw: unknown): void {
  refuseFields(reviewProblems(raw));
  const command = raw as ReviewCommand;
  if (record.status !== 'manual_review' || inbox.review) refuse(`the loan is not awaiting review: it is ${record.status}`);
  if (command.outcome === 'decline' && !command.reasons?.length) refuse('a decline needs at least one adverse-action reason');
  if (command.outcome !== 'approve') return;
  const { product, currency, decision } = record.state;
  const score = decision?.score != null && decision.creditLimit != null ? { score: decision.score, creditLimit: decision.creditLimit } : undefined;
  const problems = reviewedTermsProblems(product, currency, resolveReviewedTerms(input.application, product, score, command));
  if (problems.length > 0) throw new InvalidReviewTerms(problems.join('; '));
}

// The terms are checked against the account as it stands; servicing checks them again when it
// applies them, in case a payment came first.
function validateArrangement(record: LoanRecord, inbox: Inbox, raw: unknown): void {
  refuseFields(arrangementCommandProblems(raw));
  const command = raw as ArrangementCommand;
  // A retry of an arrangement taken (or being taken) is answered as it was; the same ID with other
  // terms is not a retry. (Of earlier arrangements only the IDs are kept: the latest's terms are compared.)
  const queued = inbox.arrangements.find((c) => c.arrangementId === command.arrangementId);
  if (queued || record.state.arrangementIds?.includes(command.arrangementId)) {
    const latest = record.state.arrangement;
    const first = queued?.terms ?? (latest?.id === command.arrangementId ? latest.terms : undefined);
    if (first && JSON.stringify(first) !== JSON.stringify(command.terms)) refuseFields([{ field: 'arrangementId', message: `arrangement ${command.arrangementId} was applied with other terms` }]);
    return;
  }
  if (!SERVICING.includes(record.status) || !record.state.account) refuse(`arrangements are applied while a loan is active or delinquent; this one is ${record.status}`);
  if (inbox.writeOff) refuse('the loan is being written off');
  if (inbox.arrangements.length > 0) refuse(`arrangement ${inbox.arrangements[0]!.arrangementId} is being applied`);
  refuseFields(arrangementTermsProblems(record.state.account, command.terms, toIsoDate(Date.now())));
}

function validateWriteOff(record: LoanRecord, inbox: Inbox, raw: unknown): void {
  refuseFields(writeOffProblems(raw));
  const command = raw as WriteOffCommand;
  if (inbox.writeOff) {
    if (inbox.writeOff.writeOffId !== command.writeOffId) refuse(`write-off ${inbox.writeOff.writeOffId} is being applied`);
    return;
  }
  if (!SERVICING.includes(record.status) || !record.state.account) refuse(`a loan is written off while it is active or delinquent; this one is ${record.status}`);
}

function validatePayment(record: LoanRecord, inbox: Inbox, raw: unknown): void {
  refuseFields(paymentProblems(raw));
  const command = raw as PaymentCommand;
  if (!SERVICING.includes(record.status)) refuse(`payments are accepted while a loan is active or delinquent; this one is ${record.status}`);
  if (command.currency !== record.state.currency) refuseFields([{ field: 'currency', message: `the loan is in ${record.state.currency}, not ${command.currency}` }]);
  // The same reference with another amount is not a retry of that payment: refuse it rather than call it a duplicate.
  const earlier = inbox.receiptFor(command.externalId) ?? inbox.payments.find((p) => p.command.externalId === command.externalId)?.command;
  if (earlier && (earlier.amount !== command.amount || earlier.currency !== command.currency)) {
    refuseFields([{ field: 'externalId', message: `externalId ${command.externalId} was first used for ${earlier.amount} ${earlier.currency}, not ${command.amount} ${command.currency}` }]);
  }
}
