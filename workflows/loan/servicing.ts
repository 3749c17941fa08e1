// Servicing: from disbursement to the loan's last cent or its charge-off. The workflow sleeps on
// durable timers until the next thing that must happen (a due date, an autopay retry, or, while
// anything is past due, the next day's delinquency check) or until a payment arrives.
import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import { addDays, compareIsoDates, isoDateToEpochMs, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { chargeOffJournal, repaymentJournal } from '../../domain/ledger.js';
import { applyQueuedArrangements, completeArrangement, paidOffStatus, principalOnBooks, reviewArrangement, takeWriteOff } from './arrangement.js';
import { applyCredit, applyPayment, dueAsOf, isPaidOff, outstandingPrincipal } from '../../domain/servicing.js';
import { ledger, payments } from './activities.js';
import type { LoanOutcome, LoanWorkflowInput, PaymentCommand, PaymentResult } from './definitions.js';
import type { Inbox, QueuedPayment } from './inbox.js';
import { closeLoan } from './closing.js';
import type { LoanRecord } from './loan-record.js';
import type { ServicingState } from './servicing-state.js';
import { observeDueDate } from './behaviour.js';
import { reviewCreditLimit } from './credit-limit.js';
import { assessLateFees, reviewDelinquency, type BucketTransition } from './delinquency.js';
import { segmentForRecovery } from './recovery.js';
import { endEpisode, keepEpisodeCurrent, onRecoveryPayment, onRecoveryTransition, type Segmentation } from './recovery-episode.js';

/** Continue as new well before Temporal's own limits; the server may suggest it sooner. */
export const DEFAULT_HISTORY_LIMIT = 10_000;

/**
 * Patch ID. Before continuing as new the loop waited for every handler to finish, and a payment
 * update waits for the loop to apply its payment: one arriving then wedged the loan. Under the
 * patch a queued payment wakes the loop, which applies it and comes back. Runs recorded before
 * keep waiting as they did.
 */
export const PAYMENTS_BEFORE_CONTINUE_AS_NEW = 'payments-before-continue-as-new';

const today = (): IsoDate => toIsoDate(Date.now());

export async function service(record: LoanRecord, inbox: Inbox, input: LoanWorkflowInput, state: ServicingState): Promise<LoanOutcome> {
  const limit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  inbox.servicing = state;
  const close = async (status: 'paid_off' | 'settled' | 'charged_off', reason: string) => {
    await endEpisode(record, state, status);
    return closeLoan(record, inbox, status, reason, { unappliedFirst: false });
  };
  const closePaidOff = async () => {
    await completeArrangement(record);
    return close(...paidOffStatus(record));
  };
  for (;;) {
    await applyQueuedPayments(record, inbox, state, input);
    if (isPaidOff(account(record))) return closePaidOff();
    if (await takeWriteOff(record, inbox)) return close('charged_off', 'written_off');
    await applyQueuedArrangements(record, inbox, state, input);

    const dueDatesHandled = await handleDueDates(record, state);
    await collectAutopay(record, state, input);
    if (isPaidOff(account(record))) return closePaidOff();
    // After the due date's autopay attempt, so the review sees the instalment collected.
    if (dueDatesHandled) await reviewCreditLimit(record, state, input);

    assessLateFees(record, today());
    const delinquency = reviewDelinquency(record, today());
    if (delinquency.chargeOff) {
      const journalKey = `${workflowInfo().workflowId}-charge-off`;
      // A settlement's forgiven principal is still on the books until its write-down.
      const principal = record.state.arrangement ? principalOnBooks(record) : outstandingPrincipal(account(record));
      await ledger.postJournal(chargeOffJournal(journalKey, record.loanId, record.state.currency, principal));
      record.emit('loan.charged_off', { daysPastDue: delinquency.dpd, bucket: delinquency.bucket, principalWrittenOff: principal });
      return close('charged_off', 'days_past_due_threshold');
    }
    if (delinquency.transition) await onRecoveryTransition(record, state, input, delinquency.transition, await segmentForRecovery(record, state, delinquency.transition));
    await reviewArrangement(record, state);
    // A late fee or an instalment falling due changes what is owed between bucket changes.
    await keepEpisodeCurrent(record, state);

    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= limit) {
      await record.flush();
      // A payment update waits for the loop to apply it: waiting for handlers alone would deadlock.
      await condition(patched(PAYMENTS_BEFORE_CONTINUE_AS_NEW) ? () => allHandlersFinished() || inbox.hasCommands : allHandlersFinished);
      if (!inbox.hasCommands) {
        return continueAsNew<(i: LoanWorkflowInput) => Promise<LoanOutcome>>({ ...input, resume: { record: record.state, servicing: state } });
      }
      continue;
    }

    const wakeAt = nextWake(record, state, input, delinquency.dpd);
    record.publish();
    await condition(() => inbox.hasCommands, Math.max(1, isoDateToEpochMs(wakeAt) - Date.now()));
  }
}

function account(record: LoanRecord) {
  const a = record.state.account;
  if (!a) throw new Error('servicing a loan with no account');
  return a;
}

async function applyQueuedPayments(record: LoanRecord, inbox: Inbox, state: ServicingState, input: LoanWorkflowInput): Promise<void> {
  const queued = inbox.payments.splice(0);
  if (queued.length === 0) return;
  const applied: [QueuedPayment, AppliedPayment][] = [];
  for (const payment of queued) applied.push([payment, await applyOne(record, state, payment.command)]);
  // A payment can cure a delinquency: the answer shows the loan as it stands after it.
  let transition: BucketTransition | null = null;
  let segmentation: Segmentation | null = null;
  if (isPaidOff(account(record))) record.setStatus(...paidOffStatus(record));
  else {
    transition = reviewDelinquency(record, today()).transition;
    if (transition) segmentation = await segmentForRecovery(record, state, transition);
  }
  // The episode hears of the money before it hears of the cure the money brought.
  for (const [payment, result] of applied) {
    if (!result.duplicate && !result.unapplied) await onRecoveryPayment(record, state, { amountMinor: payment.command.amount, externalId: payment.command.externalId });
  }
  if (transition) await onRecoveryTransition(record, state, input, transition, segmentation);
  // Answer the payment updates only once the read model shows the payment.
  await record.flush();
  const { status, outstandingTotal } = record.snapshot();
  for (const [payment, result] of applied) inbox.answer(payment, { ...result, status, outstandingTotal });
}

type AppliedPayment = Pick<PaymentResult, 'externalId' | 'duplicate' | 'original' | 'unapplied' | 'allocation'>;

async function applyOne(record: LoanRecord, state: ServicingState, command: PaymentCommand): Promise<AppliedPayment> {
  const before = account(record);
  const none = { fees: 0, interest: 0, principal: 0, toCredit: 0, fromCredit: 0, overpayment: 0, interestWaived: 0 };
  if (state.processedPaymentIds.includes(command.externalId)) {
    const original = state.paymentReceipts?.[command.externalId];
    return { externalId: command.externalId, duplicate: true, ...(original ? { original } : {}), allocation: none };
  }
  if (command.currency !== before.currency) {
    record.emit('payment.unapplied', { externalId: command.externalId, reason: 'currency_mismatch', amount: command.amount, currency: command.currency, source: command.source });
    return { externalId: command.externalId, duplicate: false, unapplied: 'currency_mismatch', allocation: none };
  }
  const on = today();
  const { account: after, allocation } = applyPayment(before, command.amount, on);
  record.state.account = after;
  state.processedPaymentIds.push(command.externalId);
  (state.paymentReceipts ??= {})[command.externalId] = {
    amount: command.amount,
    currency: command.currency,
    source: command.source,
    receivedOn: on,
    ...(command.requestId ? { requestId: command.requestId } : {}),
  };
  const { paidOff, ...amounts } = allocation;
  record.emit('payment.applied', { externalId: command.externalId, source: command.source, amount: command.amount, ...amounts, paidOff });
  record.recordPayment({ externalId: command.externalId, amount: command.amount, currency: command.currency, source: command.source, receivedOn: on, allocation: { ...allocation } });
  await ledger.postJournal(repaymentJournal(`${workflowInfo().workflowId}-payment-${command.externalId}`, record.loanId, command.currency, command.amount, allocation));
  if (!paidOff && allocation.toCredit > 0) record.emit('payment.held_as_credit', { amount: allocation.toCredit });
  return { externalId: command.externalId, duplicate: false, allocation: amounts };
}

/** On each due date: money held in advance goes to the instalment first. Answers whether any fell due. */
async function handleDueDates(record: LoanRecord, state: ServicingState): Promise<boolean> {
  const on = today();
  const handledBefore = state.handledDueSeq;
  for (const inst of account(record).installments) {
    if (inst.seq <= state.handledDueSeq || compareIsoDates(inst.dueDate, on) > 0) continue;
    const { account: after, allocation } = applyCredit(account(record), on);
    record.state.account = after;
    state.handledDueSeq = inst.seq;
    observeDueDate(record, state, inst);
    const due = dueAsOf(after, on);
    record.emit('installment.due', { seq: inst.seq, dueDate: inst.dueDate, appliedFromCredit: allocation.fromCredit, outstandingDue: due.total });
    if (allocation.fromCredit > 0) {
      await ledger.postJournal(repaymentJournal(`${workflowInfo().workflowId}-credit-${inst.seq}`, record.loanId, after.currency, 0, allocation));
    }
  }
  return state.handledDueSeq > handledBefore;
}

/** Autopay on the due date, retried on the product's retry days while anything is still due. */
async function collectAutopay(record: LoanRecord, state: ServicingState, input: LoanWorkflowInput): Promise<void> {
  const source = state.autopaySource;
  if (!source) return;
  const on = today();
  for (const inst of account(record).installments) {
    if (inst.seq > state.handledDueSeq) break;
    const attempt = state.autopayAttempts[inst.seq] ?? 0;
    const attemptOn = autopayDate(inst.dueDate, attempt, input.product.autopayRetryDays);
    if (!attemptOn || compareIsoDates(attemptOn, on) > 0) continue;
    state.autopayAttempts[inst.seq] = attempt + 1;
    // Credit was applied on the due date, so what is still due is all there is to collect.
    const due = dueAsOf(account(record), on).total;
    if (due <= input.product.dpdToleranceMinor || inst.paidPrincipal + inst.paidInterest + inst.paidFees >= inst.principal + inst.interest + inst.fees) continue;
    const result = await payments.collectInstallment({
      loanId: record.loanId,
      idempotencyKey: `${workflowInfo().workflowId}-autopay-${inst.seq}-${attempt}`,
      amount: due,
      currency: record.state.currency,
      source,
    });
    record.emit(result.status === 'succeeded' ? 'autopay.succeeded' : 'autopay.failed', {
      seq: inst.seq,
      attempt: attempt + 1,
      amount: due,
      collectionId: result.collectionId,
      ...(result.failureCode ? { failureCode: result.failureCode } : {}),
    });
    if (result.status === 'succeeded') await applyOne(record, state, { externalId: result.collectionId, amount: due, currency: record.state.currency, source: 'autopay' });
  }
}

/** Attempt 0 is on the due date; attempt k is retryDays[k-1] days after it; none after the last. */
function autopayDate(dueDate: IsoDate, attempt: number, retryDays: number[]): IsoDate | undefined {
  if (attempt === 0) return dueDate;
  const days = retryDays[attempt - 1];
  return days === undefined ? undefined : addDays(dueDate, days);
}

function nextWake(record: LoanRecord, state: ServicingState, input: LoanWorkflowInput, dpd: number): IsoDate {
  const on = today();
  const candidates: IsoDate[] = [];
  const next = account(record).installments.find((i) => i.seq > state.handledDueSeq);
  if (next) candidates.push(next.dueDate);
  if (state.autopaySource) {
    for (const inst of account(record).installments) {
      if (inst.seq > state.handledDueSeq) break;
      const at = autopayDate(inst.dueDate, state.autopayAttempts[inst.seq] ?? 0, input.product.autopayRetryDays);
      if (at) candidates.push(at);
    }
  }
  // Anything past due is checked daily: DPD, buckets, late fees and charge-off move by the day.
  if (dpd > 0 || dueAsOf(account(record), on).total > input.product.dpdToleranceMinor) candidates.push(addDays(on, 1));
  const future = candidates.filter((d) => compareIsoDates(d, on) > 0).sort(compareIsoDates);
  return future[0] ?? addDays(on, 1);
}
