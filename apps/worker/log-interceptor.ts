// Adds loanId to every activity log line, beside the workflowId Temporal already adds, so
// `loanId=...` finds a loan's lines from the API, the workflow and its activities alike.
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory, ActivityOutboundCallsInterceptor, GetLogAttributesInput, Next } from '@temporalio/worker';
import { loanIdFromWorkflowId } from '../../domain/loan-id.js';

class LoanLogAttributes implements ActivityOutboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  getLogAttributes(input: GetLogAttributesInput, next: Next<ActivityOutboundCallsInterceptor, 'getLogAttributes'>): Record<string, unknown> {
    const workflowId = this.ctx.info.workflowExecution?.workflowId ?? '';
    const loanId = loanIdFromWorkflowId(workflowId);
    return next({ ...input, ...(loanId ? { loanId } : {}) });
  }
}

export const loanLogInterceptor: ActivityInterceptorsFactory = (ctx) => ({ outbound: new LoanLogAttributes(ctx) });
