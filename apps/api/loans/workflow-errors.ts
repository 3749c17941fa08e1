// Reads the Temporal client's failures as the API's own errors. An update's validator refusal
// arrives as WorkflowUpdateFailedError caused by an ApplicationFailure named after the workflow's
// error class; a command to a loan whose workflow has completed arrives as WorkflowNotFoundError
// ("workflow execution already completed"), which only describe() tells apart from a loan that
// never existed.
import { type ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { LoanClient } from '../../shared/temporal/loan-client.js';
import { INVALID_COMMAND } from '../../../workflows/loan/definitions.js';
import { applicationFailureIn, UPDATE_OUTLIVED_WORKFLOW } from '../../shared/temporal/update-failure.js';
import { InvalidReviewTermsError, LoanClosedError, LoanCommandRejectedError, LoanNotFoundError, UnprocessableFieldsError } from '../errors.js';

/** Runs a command or query against the loan's workflow, translating its failures. */
export async function withLoan<T>(loans: LoanClient, loanId: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw await translate(loans, loanId, err);
  }
}

export type WorkflowPresence = 'running' | 'closed' | 'absent';

export async function workflowPresence(loans: LoanClient, loanId: string): Promise<WorkflowPresence> {
  try {
    const { status } = await loans.handle(loanId).describe();
    return status.name === 'RUNNING' ? 'running' : 'closed';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return 'absent';
    throw err;
  }
}

async function translate(loans: LoanClient, loanId: string, err: unknown): Promise<unknown> {
  if (err instanceof WorkflowUpdateFailedError) {
    const failure = applicationFailureIn(err);
    if (failure?.type === 'CommandRejected') return new LoanCommandRejectedError(failure.message);
    if (failure?.type === 'InvalidReviewTerms') return new InvalidReviewTermsError(failure.message);
    if (failure?.type === INVALID_COMMAND) return new UnprocessableFieldsError(commandProblems(failure));
    // The workflow ended (declined, withdrawn, expired ...) while the command was in flight.
    if (failure?.type === UPDATE_OUTLIVED_WORKFLOW) return new LoanClosedError(loanId);
    return err;
  }
  if (err instanceof WorkflowNotFoundError) {
    const presence = await workflowPresence(loans, loanId);
    if (presence === 'absent') return new LoanNotFoundError(loanId);
    if (presence === 'closed') return new LoanClosedError(loanId);
  }
  return err;
}

/** The fields a workflow validator named (details[0]), or the message alone. */
function commandProblems(failure: ApplicationFailure): { field: string; message: string }[] {
  const [problems]: unknown[] = failure.details ?? [];
  const isProblem = (p: unknown): p is { field: string; message: string } =>
    typeof p === 'object' && p !== null && typeof (p as { field?: unknown }).field === 'string' && typeof (p as { message?: unknown }).message === 'string';
  const named = Array.isArray(problems) ? problems.filter(isProblem) : [];
  return named.length > 0 ? named : [{ field: '', message: failure.message }];
}

