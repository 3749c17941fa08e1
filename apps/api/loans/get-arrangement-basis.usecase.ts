// What a proposed arrangement is checked against: what is owed today (the payoff quote, the sum
// a plan must reach and a settlement must stay under), the schedule as it stands, the loan's
// arrears and any arrangement it already has. Read from the workflow, the only source of amounts;
// a loan not being repaid has none (409).
import { Injectable } from '@nestjs/common';
import { toIsoDate, type IsoDate } from '../../../domain/calendar.js';
import { isTerminal, type LoanStatus } from '../../../domain/loan-status.js';
import type { ArrangementView, ScheduleLineView } from '../../../domain/loan-view.js';
import type { ArrangementTerms } from '../../../domain/arrangements.js';
import type { ArrangementPreview, PayoffQuoteView } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { NoPayoffQuoteError } from '../errors.js';
import { withLoan } from './workflow-errors.js';

export interface ArrangementBasis {
  loanId: string;
  status: LoanStatus;
  currency: string;
  asOf: IsoDate;
  /** what is owed on asOf, net of any credit balance */
  owed: PayoffQuoteView;
  schedule: ScheduleLineView[];
  daysPastDue: number;
  bucket: string | null;
  arrangement: ArrangementView | null;
}

@Injectable()
export class GetArrangementBasisUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute({ loanId, asOf = toIsoDate(Date.now()) }: { loanId: string; asOf?: IsoDate }): Promise<ArrangementBasis> {
    const projected = await this.db.loans().summary(loanId);
    if (projected && isTerminal(projected.status)) throw new NoPayoffQuoteError(loanId);
    const answer = await withLoan(this.loans, loanId, () => this.loans.payoffQuote(loanId, asOf));
    if (!answer.quote) throw new NoPayoffQuoteError(loanId);
    const state = await withLoan(this.loans, loanId, () => this.loans.state(loanId));
    return {
      loanId,
      status: state.status,
      currency: state.currency,
      asOf,
      owed: answer.quote,
      schedule: state.schedule ?? [],
      daysPastDue: state.daysPastDue,
      bucket: state.bucket,
      arrangement: state.arrangement ?? null,
    };
  }

  /** The terms as the workflow judges them on asOf: its problems with them, and the last due date they give. */
  async preview(loanId: string, terms: ArrangementTerms, asOf: IsoDate): Promise<ArrangementPreview> {
    const answer = await withLoan(this.loans, loanId, () => this.loans.arrangementPreview(loanId, terms, asOf));
    if (!answer) throw new NoPayoffQuoteError(loanId);
    return answer;
  }
}
