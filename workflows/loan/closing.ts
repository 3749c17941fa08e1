// The last thing a loan's workflow does: its final status, and an answer for every command still
// in flight. Runs recorded before ANSWER_EVERY_COMMAND_BEFORE_CLOSE completed while an update was
// still waiting (the caller got "update aborted by closing workflow", `?wait=decision` on a loan
// declined at KYC among them) and could leave a payment queued with no answer; they keep that
// path so their histories replay.
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import type { LoanStatus } from '../../domain/loan-status.js';
import type { LoanOutcome } from './definitions.js';
import type { Inbox } from './inbox.js';
import type { LoanRecord } from './loan-record.js';

export const ANSWER_EVERY_COMMAND_BEFORE_CLOSE = 'answer-every-command-before-close';

/**
 * Patch ID. A payment queued at close whose reference the loan had already applied (a retry under
 * a new request ID, accepted as a duplicate) was held again as unapplied cash: money that ops
 * could then apply elsewhere or refund, although it was already on the loan. It is answered as
 * the duplicate it is. Asked only when such a payment is met, so other histories are untouched.
 */
export const DUPLICATES_AT_CLOSE_ANSWERED = 'duplicates-at-close-answered';

const NOTHING_ALLOCATED = { fees: 0, interest: 0, principal: 0, toCredit: 0, fromCredit: 0, overpayment: 0, interestWaived: 0 };

export async function closeLoan(record: LoanRecord, inbox: Inbox, status: LoanStatus, reason: string, legacy: { unappliedFirst: boolean }): Promise<LoanOutcome> {
  if (!patched(ANSWER_EVERY_COMMAND_BEFORE_CLOSE)) {
    if (legacy.unappliedFirst) holdQueuedPayments(record, inbox, status);
    record.setStatus(status, reason);
    await record.flush();
    return { loanId: record.loanId, status, closedReason: reason };
  }
  record.setStatus(status, reason);
  // Validators refuse new commands from here on; what was already accepted gets its answer.
  for (;;) {
    holdQueuedPayments(record, inbox, status);
    await record.flush();
    if (inbox.payments.length === 0 && allHandlersFinished()) break;
    await condition(() => inbox.payments.length > 0 || allHandlersFinished());
  }
  return { loanId: record.loanId, status, closedReason: reason };
}

/** Money that arrived for a loan that can no longer take it is recorded for return, not lost. */
function holdQueuedPayments(record: LoanRecord, inbox: Inbox, status: LoanStatus): void {
  for (const payment of inbox.payments.splice(0)) {
    const { externalId, amount, currency, source } = payment.command;
    if (inbox.servicing?.processedPaymentIds.includes(externalId) && patched(DUPLICATES_AT_CLOSE_ANSWERED)) {
      const original = inbox.receiptFor(externalId);
      inbox.answer(payment, { externalId, duplicate: true, ...(original ? { original } : {}), allocation: NOTHING_ALLOCATED, status, outstandingTotal: 0 });
      continue;
    }
    const unapplied = `loan_${status}`;
    record.emit('payment.unapplied', { externalId, amount, currency, source, reason: unapplied });
    inbox.answer(payment, { externalId, duplicate: false, unapplied, allocation: NOTHING_ALLOCATED, status, outstandingTotal: 0 });
  }
}
