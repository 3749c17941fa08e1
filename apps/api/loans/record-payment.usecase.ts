// A payment reported through the API. The workflow posts each externalId once; LoanClient also
// uses it as the update ID, so a retried call gets the first call's answer back word for word,
// "duplicate: false" included. A payment the read model already shows is therefore answered
// here as the duplicate it is, in the workflow's own shape for duplicates (nothing allocated).
import { Injectable } from '@nestjs/common';
import type { PaymentResult } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import type { RecordLoanPaymentCommand } from './record-payment.command.js';
import { withLoan } from './workflow-errors.js';

const NOTHING_ALLOCATED: PaymentResult['allocation'] = { fees: 0, interest: 0, principal: 0, toCredit: 0, fromCredit: 0, overpayment: 0, interestWaived: 0 };

@Injectable()
export class RecordPaymentUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute({ loanId, amount, currency, externalId }: RecordLoanPaymentCommand): Promise<PaymentResult> {
    if (await this.db.loans().findPayment(loanId, externalId)) {
      const { status, outstandingTotal } = await withLoan(this.loans, loanId, () => this.loans.state(loanId));
      return { externalId, duplicate: true, allocation: NOTHING_ALLOCATED, status, outstandingTotal };
    }
    return withLoan(this.loans, loanId, () => this.loans.recordPayment(loanId, { externalId, amount, currency, source: 'api' }));
  }
}
