// The application as the borrower submits it. It carries personal data, so it only ever
// reaches Temporal through the encrypting payload codec (apps/shared/temporal/codec.ts).
import type { IsoDate } from './calendar.js';

export type EmploymentStatus = 'salaried' | 'self_employed' | 'student' | 'retired' | 'unemployed' | 'other';

export interface Address {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

export interface Applicant {
  firstName: string;
  lastName: string;
  dateOfBirth: IsoDate;
  email: string;
  /** E.164 */
  phone: string;
  nationalId: string;
  address: Address;
  /** IANA zone, e.g. Asia/Kolkata: contact windows and due-date reminders are local to it. */
  timeZone: string;
  employment: { status: EmploymentStatus; /** minor units of the loan currency */ monthlyIncome: number };
  /** the language messages go out in; English when absent */
  language?: ContactLanguage;
}

export const CONTACT_LANGUAGES = ['en', 'hi', 'es'] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

export interface LoanRequest {
  /** minor units */
  principal: number;
  /** ISO 4217 */
  currency: string;
  termMonths: number;
  purpose: string;
  /** product code; the default product when absent */
  product?: string;
}

export interface Consents {
  bureauPull: boolean;
  bankData: boolean;
  contact: boolean;
  /**
   * prior express consent to autodialled or prerecorded calls and automated texts to their mobile
   * (TCPA); absent means not given
   */
  automatedContact?: boolean;
  /** the borrower's mandate for the gateway to collect instalments on their due dates */
  autopay?: boolean;
}

/** Where the principal is paid out and autopay collects from. */
export interface BankAccount {
  accountNumber: string;
  /** bank routing code: IFSC, sort code, ABA routing number ... */
  routingCode: string;
  holderName: string;
}

export interface DeviceFingerprint {
  id: string;
  ip?: string;
}

export interface LoanApplication {
  applicant: Applicant;
  loan: LoanRequest;
  consents: Consents;
  bankAccount?: BankAccount;
  device?: DeviceFingerprint;
}
