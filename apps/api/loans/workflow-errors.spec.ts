import { afterAll, describe, expect, it } from '@jest/globals';
import { ActivityFailure, ApplicationFailure, Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { RetryState } from '@temporalio/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { InvalidReviewTermsError, LoanClosedError, LoanCommandRejectedError } from '../errors.js';
import { withLoan } from './workflow-errors.js';

// A lazy connection that these cases never open: update failures are read without asking the server.
const client = new Client();
const loans = new LoanClient(client, { taskQueue: 'loans', bureauTaskQueue: 'bureau' });
const loanId = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';
afterAll(() => client.connection.close());

const failing = (cause: Error) => () => Promise.reject(new WorkflowUpdateFailedError('Workflow Update failed', cause));

describe("the loan workflow's refusals", () => {
  it("reads a validator's refusal as a rejected command, with the validator's words", async () => {
    const refusal = withLoan(loans, loanId, failing(ApplicationFailure.create({ type: 'CommandRejected', message: 'there is no open offer: the loan is active' })));
    await expect(refusal).rejects.toThrow(LoanCommandRejectedError);
    await expect(refusal).rejects.toThrow('there is no open offer: the loan is active');
  });

  it("reads the pricing activity's refusal, wrapped in an ActivityFailure, as invalid review terms", async () => {
    const inner = ApplicationFailure.create({ type: 'InvalidReviewTerms', message: 'principal must be between 1000000 and 100000000 INR minor units', nonRetryable: true });
    const activity = new ActivityFailure('activity failed', 'priceReviewedOffer', '14', RetryState.NON_RETRYABLE_FAILURE, 'worker', inner);
    await expect(withLoan(loans, loanId, failing(activity))).rejects.toThrow(InvalidReviewTermsError);
  });

  it('reads a loan that ended while the command was in flight as closed', async () => {
    const ended = ApplicationFailure.create({ type: 'AcceptedUpdateCompletedWorkflow', message: 'Workflow Update failed because the Workflow completed before the Update completed.' });
    await expect(withLoan(loans, loanId, failing(ended))).rejects.toThrow(LoanClosedError);
  });

  it('passes anything else through untouched', async () => {
    const other = new Error('deadline exceeded');
    await expect(withLoan(loans, loanId, () => Promise.reject(other))).rejects.toBe(other);
    await expect(withLoan(loans, loanId, () => Promise.resolve(42))).resolves.toBe(42);
  });
});
