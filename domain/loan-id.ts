// Loan identity. The loan's workflow ID is derived from its loan ID in this one place, so
// starting a loan twice addresses the same workflow and is a no-op (DESIGN.md, idempotency).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isLoanId(value: string): boolean {
  return UUID.test(value);
}

export function loanWorkflowId(loanId: string): string {
  return `loan-${loanId}`;
}

export function loanIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith('loan-') ? workflowId.slice('loan-'.length) : undefined;
}
