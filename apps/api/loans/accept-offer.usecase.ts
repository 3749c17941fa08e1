// Accepting the offer answers once disbursement has finished: active, or disbursement_failed.
import { Injectable } from '@nestjs/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import type { AcceptLoanOfferCommand } from './accept-offer.command.js';
import { loanState, type LoanState } from './loan-view.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class AcceptOfferUseCase {
  constructor(private readonly loans: LoanClient) {}

  async execute({ loanId, bankAccount }: AcceptLoanOfferCommand): Promise<LoanState> {
    const snapshot = await withLoan(this.loans, loanId, () => this.loans.acceptOffer(loanId, bankAccount ? { bankAccount } : {}));
    return loanState(snapshot);
  }
}
