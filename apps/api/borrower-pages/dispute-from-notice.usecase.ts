// A dispute posted from the validation notice goes where every dispute goes: the recovery inbox
// records it once (per the form's reference), opens the dispute in the borrower's standing, and
// tells the running episode, which pauses until compliance verifies the debt (Reg F 1006.38(d)).
// A request for the original creditor takes the same way and pauses the episode until it has
// sent the answer (1006.38(c)).
import { Injectable } from '@nestjs/common';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from '../recovery/contact-records.js';
import { BorrowerLoans } from './borrower-loan.js';
import type { DisputeForm } from './page-forms.js';
import { noticeFormRecordedPage } from './validation-notice.page.js';

@Injectable()
export class DisputeFromNoticeUseCase {
  constructor(
    private readonly loans: BorrowerLoans,
    private readonly records: ContactRecords,
  ) {}

  async execute(command: { loanId: string; token: unknown; form: DisputeForm }): Promise<string> {
    const { loanId, language } = await this.loans.find(command.loanId, command.token);
    const { reference, reasons, originalCreditor } = command.form;
    const recorded = await this.records.contacts.inbox.fromNotice({ loanId, reference, reasons, originalCreditor, receivedAt: new Date().toISOString() });
    if (!recorded) throw new ProblemException('contactProfileNotFound', `loan ${loanId} has no contact profile to record the dispute in`);
    return noticeFormRecordedPage({ disputed: reasons.length > 0, originalCreditor, language });
  }
}
