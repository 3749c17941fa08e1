// What it takes to close the loan on a date. Only a loan being repaid has one.
import { Injectable } from '@nestjs/common';
import type { PayoffQuoteView } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { NoPayoffQuoteError } from '../errors.js';
import type { GetPayoffQuoteCommand } from './get-payoff-quote.command.js';
import { withLoan } from './workflow-errors.js';

@Injectable()
export class GetPayoffQuoteUseCase {
  constructor(private readonly loans: LoanClient) {}

  async execute({ loanId, asOf }: GetPayoffQuoteCommand): Promise<PayoffQuoteView> {
    const quote = await withLoan(this.loans, loanId, () => this.loans.payoffQuote(loanId, asOf));
    if (!quote) throw new NoPayoffQuoteError(loanId);
    return quote;
  }
}
