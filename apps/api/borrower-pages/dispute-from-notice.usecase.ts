// A dispute posted from the validation notice goes where every dispute goes: the recovery inbox
// records it once (per the form's reference), opens the dispute in the borrower's standing, and
// tells the running episode, which pauses until compliance verifies the debt (Reg F 1006.38).
import { Inject, Injectable } from '@nestjs/common';
import type { CredenceConfig } from '../../shared/config.js';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from '../recovery/contact-records.js';
import { CONFIG } from '../tokens.js';
import { BorrowerLoans } from './borrower-loan.js';
import type { DisputeForm } from './page-forms.js';
import { disputeRecordedPage } from './validation-notice.page.js';

@Injectable()
export class DisputeFromNoticeUseCase {
  constructor(
    private readonly loans: BorrowerLoans,
    private readonly records: ContactRecords,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute(command: { loanId: string; token: unknown; form: DisputeForm }): Promise<string> {
    const { loanId, language } = await this.loans.find(command.loanId, command.token);
    const { reference, reasons, originalCreditor } = command.form;
    const recorded = await this.records.contacts.inbox.disputeFromNotice({ loanId, reference, reasons, originalCreditor, receivedAt: new Date().toISOString() });
    if (!recorded) throw new ProblemException('contactProfileNotFound', `loan ${loanId} has no contact profile to record the dispute in`);
    return disputeRecordedPage({ creditor: this.config.recovery.lenderName, language });
  }
}
