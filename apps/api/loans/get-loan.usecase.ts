// A loan as the read model has it. In the first moments of a loan its workflow exists but its
// projection has not landed; the workflow's own snapshot answers then, rather than a false 404.
import { Injectable } from '@nestjs/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import type { GetLoanCommand } from './get-loan.command.js';
import { loanDetail, type LoanDetail } from './loan-view.js';
import { withLoan } from './workflow-errors.js';
import { LoanNotFoundError } from '../errors.js';

@Injectable()
export class GetLoanUseCase {
  constructor(
    private readonly db: Database,
    private readonly loans: LoanClient,
  ) {}

  async execute({ loanId, scope }: GetLoanCommand): Promise<LoanDetail> {
    const projected = await this.db.loans().find(loanId, scope);
    if (projected) return loanDetail(projected);
    // A scoped reader (a collector) reads only what the read model shows them: never the workflow of a loan outside it.
    if (scope.kind !== 'all') throw new LoanNotFoundError(loanId);
    const snapshot = await withLoan(this.loans, loanId, () => this.loans.state(loanId));
    return loanDetail({ snapshot, events: [], payments: [] });
  }
}
