export interface RecordLoanPaymentCommand {
  loanId: string;
  /** minor units */
  amount: number;
  currency: string;
  /** the payer's reference: the same one twice posts once */
  externalId: string;
  /** the request's retry key (Idempotency-Key, else the request id): see http/request-key.decorator.ts */
  requestKey: string;
}
