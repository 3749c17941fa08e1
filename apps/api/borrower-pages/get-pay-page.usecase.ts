// The pay page: what is overdue (instalments due and unpaid) and what is outstanding, the same
// figures the message that linked here was written from.
import { Inject, Injectable } from '@nestjs/common';
import { isTerminal } from '../../../domain/loan-status.js';
import { noticeFigures } from '../../../domain/recovery/validation-notice.js';
import type { CredenceConfig } from '../../shared/config.js';
import { CONFIG } from '../tokens.js';
import { BorrowerLoans } from './borrower-loan.js';
import { payPage } from './pay.page.js';

@Injectable()
export class GetPayPageUseCase {
  constructor(
    private readonly loans: BorrowerLoans,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute(command: { loanId: string; token: unknown }): Promise<string> {
    const { loanId, records, language } = await this.loans.find(command.loanId, command.token);
    const open = !isTerminal(records.status);
    return payPage({
      loanId,
      lender: this.config.recovery.lenderName,
      currency: records.currency,
      overdue: open ? noticeFigures(records).overdue : 0,
      outstanding: records.outstandingTotal,
      open,
      language,
    });
  }
}
