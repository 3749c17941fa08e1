// Data the two external sources return: the credit bureau's report and the bank / UPI
// aggregator's statement. Amounts are minor units of the statement's currency.
import type { IsoDate } from './calendar.js';

export interface Tradeline {
  kind: 'credit_card' | 'personal_loan' | 'auto_loan' | 'mortgage' | 'student_loan' | 'bnpl' | 'other';
  openedOn: IsoDate;
  closedOn?: IsoDate;
  creditLimit: number;
  balance: number;
  /** worst days-past-due seen in the last 24 months */
  worstDpd24m: number;
  /** payments made on time out of those due in the last 24 months */
  onTimePayments24m: number;
  paymentsDue24m: number;
  chargedOff: boolean;
}

export interface BureauReport {
  reportId: string;
  /** false: the bureau has no file on this person (new to credit) */
  hit: boolean;
  pulledOn: IsoDate;
  subject?: { firstName: string; lastName: string; dateOfBirth: IsoDate; nationalId: string };
  /** the bureau's own generic score, when it has one */
  bureauScore?: number;
  tradelines: Tradeline[];
  hardInquiries6m: number;
  publicRecords: number;
}

export interface BankTransaction {
  date: IsoDate;
  /** minor units, always positive; direction says which way */
  amount: number;
  direction: 'credit' | 'debit';
  channel: 'upi' | 'neft' | 'imps' | 'ach' | 'card' | 'cash' | 'other';
  category: 'salary' | 'business_income' | 'transfer' | 'rent' | 'utilities' | 'loan_repayment' | 'groceries' | 'bounced' | 'other';
  narration: string;
}

export interface BankAccountStatement {
  /** masked */
  accountRef: string;
  kind: 'savings' | 'current' | 'wallet';
  currency: string;
  openingBalance: number;
  closingBalance: number;
  transactions: BankTransaction[];
}

export interface BankStatement {
  statementId: string;
  from: IsoDate;
  to: IsoDate;
  accounts: BankAccountStatement[];
}
