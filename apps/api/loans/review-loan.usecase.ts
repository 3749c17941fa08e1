// A reviewer's decision on a loan in manual review. Reason codes become the catalogue's
// adverse-action reasons with their texts, which is what the applicant's letter will quote.
// The workflow's validator judges approved terms against the loan's own product (422 when
// they fall outside it).
import { Injectable } from '@nestjs/common';
import type { ReviewCommand } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { loanState, type LoanState } from './loan-view.js';
import { reasonsFor } from './reason-codes.js';
import type { ReviewLoanCommand } from './review-loan.command.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class ReviewLoanUseCase {
  constructor(private readonly loans: LoanClient) {}

  async execute({ loanId, reviewer, outcome, reasonCodes, note, principal, termMonths, aprBps }: ReviewLoanCommand): Promise<LoanState> {
    const review: ReviewCommand = {
      reviewer,
      outcome,
      ...(reasonCodes.length > 0 ? { reasons: reasonsFor(reasonCodes) } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(principal !== undefined ? { principal } : {}),
      ...(termMonths !== undefined ? { termMonths } : {}),
      ...(aprBps !== undefined ? { aprBps } : {}),
    };
    return loanState(await withLoan(this.loans, loanId, () => this.loans.review(loanId, review)));
  }
}
