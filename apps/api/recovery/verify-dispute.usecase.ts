// Compliance records that a dispute was answered with verification (Reg F 1006.38): the standing
// no longer holds collection and the running episode is told, so it resumes.
import { Injectable } from '@nestjs/common';
import { ALL_CASES } from '../../../db/repositories/case-scope.js';
import { verifyDispute } from '../../../activities/recovery-contact/verify-dispute.js';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from './contact-records.js';
import type { ContactStandingView } from './contact-views.js';
import { GetContactStandingUseCase } from './get-contact-standing.usecase.js';

export interface DisputeVerified {
  /** the running episode told to resume, if one was running */
  signalled: string | null;
  standing: ContactStandingView;
}

@Injectable()
export class VerifyDisputeUseCase {
  constructor(
    private readonly records: ContactRecords,
    private readonly standing: GetContactStandingUseCase,
  ) {}

  async execute(command: { loanId: string; by: string; note: string | null }): Promise<DisputeVerified> {
    const { cipher, hasher, notifier } = this.records.contacts;
    const answer = await verifyDispute({ orm: this.records.orm, cipher, hasher, notifier }, { ...command, at: new Date().toISOString() });
    if (answer.kind === 'no_profile') throw new ProblemException('contactProfileNotFound', `loan ${command.loanId} has no contact profile`);
    if (answer.kind === 'no_open_dispute') throw new ProblemException('noOpenDispute', `loan ${command.loanId} has no open dispute to verify`);
    return { signalled: answer.signalled, standing: await this.standing.execute({ loanId: command.loanId, scope: ALL_CASES /* only ops change the standing: they read the whole book */ }) };
  }
}
