// Applies an item to a loan, as a payment through the loan's own payment update (externalId
// unapplied-<item>-<attempt>, so the loan posts it once). An open item is checked against the
// loan first, to name the problem precisely; the loan's validator stays the authority, and a
// refusal there opens the item again.
import { Injectable } from '@nestjs/common';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { CurrencyMismatchError, LoanNotServicingError, UnappliedCashNotFoundError } from '../errors.js';
import { withLoan } from '../loans/workflow-errors.js';
import type { ApplyUnappliedCashCommand } from './apply-unapplied-cash.command.js';
import { UnappliedCashActions, type ActionResult } from './unapplied-cash-actions.js';

@Injectable()
export class ApplyUnappliedCashUseCase {
  constructor(
    private readonly db: Database,
    private readonly loans: LoanClient,
    private readonly actions: UnappliedCashActions,
  ) {}

  async execute({ id, loanId, requestedBy }: ApplyUnappliedCashCommand): Promise<ActionResult> {
    const item = await this.db.unappliedCash().find(id);
    if (!item) throw new UnappliedCashNotFoundError(id);
    if (item.status === 'open') {
      const loan = await withLoan(this.loans, loanId, () => this.loans.state(loanId));
      if (loan.status !== 'active' && loan.status !== 'delinquent') {
        throw new LoanNotServicingError(`loan ${loanId} is ${loan.status}: unapplied cash goes only to a loan being repaid (active or delinquent)`);
      }
      if (loan.currency !== item.currency) throw new CurrencyMismatchError(`unapplied cash ${id} is ${item.currency}, loan ${loanId} is in ${loan.currency}`);
    }
    return this.actions.run({ itemId: id, action: { kind: 'apply', loanId }, requestedBy });
  }
}
