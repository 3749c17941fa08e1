import type { BankAccount } from '../../../domain/application.js';

export interface AcceptLoanOfferCommand {
  loanId: string;
  /** where to pay out, when the application gave no account */
  bankAccount?: BankAccount;
}
