// Writes a loan off once a second person approved it: the workflow posts the write-off journal,
// ends any recovery episode and closes the loan charged off. The workflow has then completed, so
// a retry of the same write-off is answered from the read model; any other command to the closed
// loan is a 409.
import { Injectable } from '@nestjs/common';
import { isTerminal } from '../../../domain/loan-status.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import type { WriteOffLoanCommand } from './write-off.command.js';
import { loanState, type LoanState } from './loan-view.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class WriteOffLoanUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute({ loanId, writeOff }: WriteOffLoanCommand): Promise<LoanState> {
    const repository = this.db.loans();
    const loan = await repository.summary(loanId);
    if (loan && isTerminal(loan.status) && (await repository.hasEvent(loanId, 'loan.written_off', 'writeOffId', writeOff.writeOffId))) {
      const record = await repository.find(loanId);
      if (record) return loanState(record.snapshot);
    }
    return loanState(await withLoan(this.loans, loanId, () => this.loans.writeOff(loanId, writeOff)));
  }
}
