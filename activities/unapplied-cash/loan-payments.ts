// Our port to the loan workflows for money that arrives from elsewhere than the borrower (an
// unapplied-cash item applied by ops). The loan either applies the payment or refuses it before
// recording anything; apps/shared/temporal/loan-payments.ts implements it over the LoanClient.
import type { PaymentCommand } from '../../workflows/loan/definitions.js';

export type LoanPaymentAnswer = { status: 'applied' } | { status: 'refused'; reason: string };

export interface LoanPayments {
  /** The same externalId twice is one payment (the loan keeps the first). */
  recordPayment(loanId: string, command: PaymentCommand): Promise<LoanPaymentAnswer>;
}
