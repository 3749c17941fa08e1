// A payment reported through the API. The workflow posts each externalId once and answers a
// later request for the same externalId as a duplicate naming the original (and the request that
// carried it). A closed loan takes no more updates, so for one the read model answers: a payment
// it already shows is the duplicate it is, in the same shape; anything else is a 409 from the
// workflow's own refusal. The same externalId with another amount is refused either way.
import { Injectable } from '@nestjs/common';
import { isTerminal } from '../../../domain/loan-status.js';
import type { PaymentResult } from '../../../workflows/loan/definitions.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { UnprocessableFieldsError } from '../errors.js';
import type { RecordLoanPaymentCommand } from './record-payment.command.js';
import { withLoan } from './workflow-errors.js';

const NOTHING_ALLOCATED: PaymentResult['allocation'] = { fees: 0, interest: 0, principal: 0, toCredit: 0, fromCredit: 0, overpayment: 0, interestWaived: 0 };

@Injectable()
export class RecordPaymentUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute({ loanId, amount, currency, externalId, requestKey }: RecordLoanPaymentCommand): Promise<PaymentResult> {
    const repository = this.db.loans();
    const loan = await repository.summary(loanId);
    const original = loan && isTerminal(loan.status) ? await repository.findPayment(loanId, externalId) : null;
    if (!loan || !original) return withLoan(this.loans, loanId, () => this.loans.recordPayment(loanId, { externalId, amount, currency, source: 'api', requestId: requestKey }));
    if (original.amount !== amount || original.currency !== currency) {
      throw new UnprocessableFieldsError([{ field: 'externalId', message: `externalId ${externalId} was first used for ${original.amount} ${original.currency}, not ${amount} ${currency}` }]);
    }
    return {
      externalId,
      duplicate: true,
      original: { amount: original.amount, currency: original.currency, source: original.source, receivedOn: original.receivedOn },
      allocation: NOTHING_ALLOCATED,
      status: loan.status,
      outstandingTotal: loan.outstandingTotal,
    };
  }
}
