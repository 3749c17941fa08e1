// What servicing keeps between wake-ups, and what a new run receives when a long loan
// continues as new: enough to go on exactly where the last run stopped.
import type { BankAccount } from '../../domain/application.js';
import type { LoanRecordState } from './loan-record.js';

export interface ServicingState {
  /** payments already applied, by externalId: the same payment twice posts once */
  processedPaymentIds: string[];
  /** instalments whose due date has been handled (credit applied, first autopay attempt made) */
  handledDueSeq: number;
  /** autopay attempts made per instalment seq */
  autopayAttempts: Record<number, number>;
  /** the borrower's mandate account; null without autopay consent */
  autopaySource: BankAccount | null;
  /** the applicant's time zone, kept for contact windows (recovery) without keeping the application */
  timeZone: string;
}

export interface ServicingCarry {
  record: LoanRecordState;
  servicing: ServicingState;
}
