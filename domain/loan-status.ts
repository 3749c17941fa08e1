// Lifecycle states of a loan, as its workflow reports and projects them.
// settled: a settlement's instalments were paid and the rest of what was owed written down.
export const TERMINAL_STATUSES = ['paid_off', 'settled', 'charged_off', 'declined', 'withdrawn', 'expired', 'disbursement_failed'] as const;

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
