// The validation notice for a loan: the collector (name, mailing address, phone, hours) and creditor from configuration, the figures
// from the loan's records, a fresh reference for the dispute form.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { noticeFigures } from '../../../domain/recovery/validation-notice.js';
import type { CredenceConfig } from '../../shared/config.js';
import { CONFIG } from '../tokens.js';
import { BorrowerLoans } from './borrower-loan.js';
import { validationNoticePage } from './validation-notice.page.js';

@Injectable()
export class GetValidationNoticeUseCase {
  constructor(
    private readonly loans: BorrowerLoans,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute(command: { loanId: string; token: unknown }): Promise<string> {
    const { loanId, records, language, name } = await this.loans.find(command.loanId, command.token);
    const { collector, lenderName } = this.config.recovery;
    return validationNoticePage({ loanId, name, collector: { name: collector.legalName, mailingAddress: collector.mailingAddress, phone: collector.phone, hours: collector.hours }, creditor: lenderName, figures: noticeFigures(records), reference: randomUUID(), language });
  }
}
