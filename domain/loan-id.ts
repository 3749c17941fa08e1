// Loan identity. The loan's workflow ID is derived from its loan ID in this one place, so
// starting a loan twice addresses the same workflow and is a no-op (DESIGN.md, idempotency).

/** An RFC 9562 UUID (version 1 to 8, variant 10xx) in any case: also the OpenAPI document's pattern for IDs. */
export const UUID_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[1-8][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$';
const UUID = new RegExp(UUID_PATTERN);

/** A loan ID as issued: such a UUID, in lower case (the workflow ID is case-sensitive). */
export function isLoanId(value: string): boolean {
  return UUID.test(value) && value === value.toLowerCase();
}

export function loanWorkflowId(loanId: string): string {
  return `loan-${loanId}`;
}

export function loanIdFromWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith('loan-') ? workflowId.slice('loan-'.length) : undefined;
}
