// Applies an approved plan, restructure or settlement through the loan's workflow, which checks
// the terms against the account as it stands (a refusal names each field: 422) and applies an
// arrangement ID once. The approvals flow calls it after the bounds check and any second person.
// A loan that has closed takes no more updates: if it closed under this very arrangement (a
// settlement paid), the retry is answered from the read model; otherwise it is a 409.
import { Injectable } from '@nestjs/common';
import { isTerminal } from '../../../domain/loan-status.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import type { ApplyArrangementCommand } from './apply-arrangement.command.js';
import { loanState, type LoanState } from './loan-view.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class ApplyArrangementUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute({ loanId, arrangement }: ApplyArrangementCommand): Promise<LoanState> {
    const repository = this.db.loans();
    const loan = await repository.summary(loanId);
    if (loan && isTerminal(loan.status) && (await repository.hasEvent(loanId, 'arrangement.applied', 'arrangementId', arrangement.arrangementId))) {
      const record = await repository.find(loanId);
      if (record) return loanState(record.snapshot);
    }
    return loanState(await withLoan(this.loans, loanId, () => this.loans.applyArrangement(loanId, arrangement)));
  }
}
