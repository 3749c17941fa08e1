export interface GetLoanCommand {
  loanId: string;
}
