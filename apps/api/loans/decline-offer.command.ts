export interface DeclineLoanOfferCommand {
  loanId: string;
}
