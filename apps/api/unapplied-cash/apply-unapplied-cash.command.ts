export interface ApplyUnappliedCashCommand {
  id: string;
  loanId: string;
  requestedBy: string | null;
}
