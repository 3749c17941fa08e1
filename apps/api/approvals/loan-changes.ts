// What an approved arrangement or write-off does to its loan: the loan workflow's updates
// (workflows/loan/definitions.ts), each under an update ID from the proposal, so applying the
// same proposal again (a retried approval, a crash between applying and recording it) is one
// update, and the workflow itself records each arrangement and write-off once by its ID.
import { Injectable } from '@nestjs/common';
import type { ArrangementCommand, WriteOffCommand } from '../../../domain/arrangements.js';
import type { LoanSnapshot } from '../../../domain/loan-view.js';
import { applyArrangementUpdate, writeOffUpdate } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { withLoan } from '../loans/workflow-errors.js';

@Injectable()
export class LoanChanges {
  constructor(private readonly loans: LoanClient) {}

  applyArrangement(loanId: string, command: ArrangementCommand): Promise<LoanSnapshot> {
    return withLoan(this.loans, loanId, () => this.loans.handle(loanId).executeUpdate(applyArrangementUpdate, { args: [command], updateId: `arrangement-${command.arrangementId}` }));
  }

  writeOff(loanId: string, command: WriteOffCommand): Promise<LoanSnapshot> {
    return withLoan(this.loans, loanId, () => this.loans.handle(loanId).executeUpdate(writeOffUpdate, { args: [command], updateId: `write-off-${command.writeOffId}` }));
  }
}
