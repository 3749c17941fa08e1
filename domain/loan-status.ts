// Lifecycle states of a loan, as its workflow reports and projects them.
export const TERMINAL_STATUSES = ['paid_off', 'charged_off', 'declined', 'withdrawn', 'expired', 'disbursement_failed'] as const;

export const LOAN_STATUSES = [
  'submitted',
  'under_review',
  'manual_review',
  'offered',
  'disbursing',
  'active',
  'delinquent',
  ...TERMINAL_STATUSES,
] as const;

export type LoanStatus = (typeof LOAN_STATUSES)[number];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export function isTerminal(status: LoanStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
