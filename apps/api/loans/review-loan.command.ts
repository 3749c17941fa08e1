export interface ReviewLoanCommand {
  loanId: string;
  reviewer: string;
  outcome: 'approve' | 'decline';
  /** adverse-action reason codes (a decline needs at least one) */
  reasonCodes: string[];
  note?: string;
  principal?: number;
  termMonths?: number;
  aprBps?: number;
}
