// A borrower's contact standing as the gate reads it (opt-outs, wrong numbers, flags, dispute,
// consents, where and in what language they are), their addresses masked, and every change to it
// with its source and who made it.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from './contact-records.js';
import { contactStandingView, type ContactStandingView } from './contact-views.js';

@Injectable()
export class GetContactStandingUseCase {
  constructor(private readonly records: ContactRecords) {}

  /** An agency or a collector reads only the standing of borrowers whose open case they see (404 otherwise). */
  async execute(command: { loanId: string; scope: CaseScope }): Promise<ContactStandingView> {
    const profiles = this.records.profiles();
    const profile = await profiles.find(command.loanId, command.scope);
    if (!profile) throw new ProblemException('contactProfileNotFound', `loan ${command.loanId} has no contact profile`);
    return contactStandingView(profile, await profiles.changes(command.loanId, command.scope));
  }
}
