export interface GetPayoffQuoteCommand {
  loanId: string;
  /** YYYY-MM-DD; today when absent */
  asOf?: string;
}
