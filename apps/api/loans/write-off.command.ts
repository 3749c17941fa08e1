import type { WriteOffCommand } from '../../../domain/arrangements.js';

/** A write-off approved by a second person, to be applied to the loan. */
export interface WriteOffLoanCommand {
  loanId: string;
  writeOff: WriteOffCommand;
}
