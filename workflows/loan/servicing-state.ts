// What servicing keeps between wake-ups, and what a new run receives when a long loan
// continues as new: enough to go on exactly where the last run stopped. Fields added after loans
// were already running are optional: a run carried over from older code arrives without them.
import type { BankAccount, EmploymentStatus } from '../../domain/application.js';
import type { ContactRecord, DpdHistory } from '../../domain/repayment-behaviour.js';
import type { RecoveryAccount } from '../recovery/definitions.js';
import type { PaymentReceipt } from './definitions.js';
import type { LoanRecordState } from './loan-record.js';

export interface ServicingState {
  /** payments already applied, by externalId: the same payment twice posts once */
  processedPaymentIds: string[];
  /** what each applied payment was, by externalId, so a duplicate can name its original (absent in runs from before) */
  paymentReceipts?: Record<string, PaymentReceipt>;
  /** instalments whose due date has been handled (credit applied, first autopay attempt made) */
  handledDueSeq: number;
  /** autopay attempts made per instalment seq */
  autopayAttempts: Record<number, number>;
  /** the borrower's mandate account; null without autopay consent */
  autopaySource: BankAccount | null;
  /** the applicant's time zone, kept for contact windows (recovery) without keeping the application */
  timeZone: string;
  /** DPD observed on each due date, for the behaviour models */
  dpdHistory?: DpdHistory;
  /** what the credit-limit review needs from origination; absent when the loan has no limit to review */
  limitReview?: LimitReviewBasis;
  /** what contact-hour may know of the borrower: no name, no date of birth */
  borrower?: BorrowerProfile;
  /**
   * the latest recovery episode (workflow recovery-<loanId>-<episode>), whether it still runs, and
   * the account it was last told (absent in runs from before recovery-account-kept-current)
   */
  recovery?: { episode: number; open: boolean; told?: RecoveryAccount };
  /** what each recovery episode learnt of the borrower (promises, calls answered), by episode: the behaviour features read them */
  contactRecords?: Record<number, ContactRecord>;
}

export interface LimitReviewBasis {
  /** minor units a month, as origination assessed it */
  assessedMonthlyIncome: number;
  /** repayments to other lenders a month, minor units, as origination saw them */
  existingMonthlyRepayments: number;
}

export interface BorrowerProfile {
  employmentStatus: EmploymentStatus;
  /** whole years on the disbursement date; add the whole years since for the age today */
  ageAtActivation: number;
}

export interface ServicingCarry {
  record: LoanRecordState;
  servicing: ServicingState;
}
