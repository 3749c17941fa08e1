import { Injectable } from '@nestjs/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { loanState, type LoanState } from './loan-view.js';
import type { WithdrawLoanCommand } from './withdraw-loan.command.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class WithdrawLoanUseCase {
  constructor(private readonly loans: LoanClient) {}

  async execute({ loanId }: WithdrawLoanCommand): Promise<LoanState> {
    return loanState(await withLoan(this.loans, loanId, () => this.loans.withdraw(loanId)));
  }
}
