export interface ConsentToLimitIncreaseCommand {
  loanId: string;
}
