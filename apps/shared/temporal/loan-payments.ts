// The LoanPayments port over the LoanClient: a refusal (the loan is not being repaid, another
// currency, the loan ended before applying it, no such loan) is an answer, not an error, since
// it recorded nothing and the caller must act on it; anything else is thrown to be retried. A
// payment the loan took but held as unapplied (it closed with the payment queued) counts as
// applied: the loan's own unapplied-cash item now carries that money.
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { LoanPaymentAnswer, LoanPayments } from '../../../activities/unapplied-cash/loan-payments.js';
import { INVALID_COMMAND, type PaymentCommand } from '../../../workflows/loan/definitions.js';
import type { LoanClient } from './loan-client.js';
import { applicationFailureIn, UPDATE_OUTLIVED_WORKFLOW } from './update-failure.js';

export class LoanPaymentsClient implements LoanPayments {
  constructor(private readonly loans: LoanClient) {}

  async recordPayment(loanId: string, command: PaymentCommand): Promise<LoanPaymentAnswer> {
    try {
      await this.loans.recordPayment(loanId, command);
      return { status: 'applied' };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const failure = applicationFailureIn(err);
        if (failure?.type === 'CommandRejected' || failure?.type === INVALID_COMMAND) return { status: 'refused', reason: failure.message };
        if (failure?.type === UPDATE_OUTLIVED_WORKFLOW) return { status: 'refused', reason: 'it closed before applying the payment' };
      }
      if (err instanceof WorkflowNotFoundError) return { status: 'refused', reason: 'it is closed, or there is no such loan' };
      throw err;
    }
  }
}
