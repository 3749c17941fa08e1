// What it takes to close the loan on a date. Only a loan being repaid has one; a closed loan is
// known from the read model, so its finished workflow is never asked.
import { Injectable } from '@nestjs/common';
import { isTerminal } from '../../../domain/loan-status.js';
import type { PayoffQuoteView } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { LoanNotFoundError, NoPayoffQuoteError, UnprocessableFieldsError } from '../errors.js';
import type { GetPayoffQuoteCommand } from './get-payoff-quote.command.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class GetPayoffQuoteUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute({ loanId, asOf, scope }: GetPayoffQuoteCommand): Promise<PayoffQuoteView> {
    const projected = await this.db.loans().summary(loanId, scope);
    // A scoped reader (a collector) asks only of a loan of their cases.
    if (!projected && scope.kind !== 'all') throw new LoanNotFoundError(loanId);
    if (projected && isTerminal(projected.status)) throw new NoPayoffQuoteError(loanId);
    const answer = await withLoan(this.loans, loanId, () => this.loans.payoffQuote(loanId, asOf));
    if (!answer.quote && answer.problem) throw new UnprocessableFieldsError([answer.problem]);
    if (!answer.quote) throw new NoPayoffQuoteError(loanId);
    return answer.quote;
  }
}
