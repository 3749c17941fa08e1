// A payment from the pay page is a payment like any other the API records: the loan's workflow
// applies it (fees, interest, principal) under an externalId derived from the page's reference,
// so the same form posted twice pays once and the second answer says so.
import { Injectable } from '@nestjs/common';
import { RecordPaymentUseCase } from '../loans/record-payment.usecase.js';
import { BorrowerLoans } from './borrower-loan.js';
import { payForm } from './page-forms.js';
import { paidPage } from './pay.page.js';

/** The externalId a page payment is recorded under. */
export const pagePaymentId = (reference: string) => `pay-page-${reference}`;

@Injectable()
export class PayFromPageUseCase {
  constructor(
    private readonly loans: BorrowerLoans,
    private readonly payments: RecordPaymentUseCase,
  ) {}

  async execute(command: { loanId: string; body: Record<string, unknown> | undefined; requestKey: string }): Promise<string> {
    const { loanId, records, language } = await this.loans.find(command.loanId);
    const { currency } = records;
    const { reference, amount } = payForm(command.body, currency);
    const result = await this.payments.execute({ loanId, amount, currency, externalId: pagePaymentId(reference), requestKey: command.requestKey });
    return paidPage({ currency, amount: result.original?.amount ?? amount, duplicate: result.duplicate, unapplied: result.unapplied ?? null, outstanding: result.outstandingTotal, language });
  }
}
