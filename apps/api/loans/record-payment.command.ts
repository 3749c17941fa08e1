export interface RecordLoanPaymentCommand {
  loanId: string;
  /** minor units */
  amount: number;
  currency: string;
  /** the payer's reference: the same one twice posts once */
  externalId: string;
}
