import { Injectable } from '@nestjs/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import type { DeclineLoanOfferCommand } from './decline-offer.command.js';
import { loanState, type LoanState } from './loan-view.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class DeclineOfferUseCase {
  constructor(private readonly loans: LoanClient) {}

  async execute({ loanId }: DeclineLoanOfferCommand): Promise<LoanState> {
    return loanState(await withLoan(this.loans, loanId, () => this.loans.declineOffer(loanId)));
  }
}
