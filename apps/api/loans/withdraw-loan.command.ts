export interface WithdrawLoanCommand {
  loanId: string;
}
