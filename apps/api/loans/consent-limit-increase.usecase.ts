// The borrower agrees to a higher credit limit. Nothing rises now: the next review (on the next
// due date) may raise the limit, if it finds one supported, within the policy's consent validity.
import { Injectable } from '@nestjs/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import type { ConsentToLimitIncreaseCommand } from './consent-limit-increase.command.js';
import { loanState, type LoanState } from './loan-view.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class ConsentToLimitIncreaseUseCase {
  constructor(private readonly loans: LoanClient) {}

  async execute({ loanId }: ConsentToLimitIncreaseCommand): Promise<LoanState> {
    return loanState(await withLoan(this.loans, loanId, () => this.loans.consentToLimitIncrease(loanId)));
  }
}
