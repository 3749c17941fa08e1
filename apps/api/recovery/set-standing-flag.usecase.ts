// Ops set or clear a flag on a borrower's standing (bankruptcy, deceased, a time-barred debt),
// logged with who did it and why. The gate reads the standing at every contact, so a flag stops
// (or, cleared, allows) contact from the next one on; the episode needs no telling.
import { Injectable } from '@nestjs/common';
import { ALL_CASES } from '../../../db/repositories/case-scope.js';
import { ProblemException } from '../http/problem.js';
import { ContactRecords } from './contact-records.js';
import type { ContactStandingView } from './contact-views.js';
import { GetContactStandingUseCase } from './get-contact-standing.usecase.js';

export const STANDING_FLAGS = ['bankruptcy', 'deceased', 'time_barred'] as const;
export type StandingFlag = (typeof STANDING_FLAGS)[number];

@Injectable()
export class SetStandingFlagUseCase {
  constructor(
    private readonly records: ContactRecords,
    private readonly standing: GetContactStandingUseCase,
  ) {}

  async execute(command: { loanId: string; flag: StandingFlag; value: boolean; by: string; reason: string }): Promise<ContactStandingView> {
    const recorded = await this.records.profiles().recordStandingChange(
      command.loanId,
      { change: 'flag', flag: command.flag, value: command.value },
      { source: 'api', sourceRef: null, actor: command.by, reason: command.reason, at: new Date().toISOString() },
    );
    if (!recorded) throw new ProblemException('contactProfileNotFound', `loan ${command.loanId} has no contact profile`);
    return this.standing.execute({ loanId: command.loanId, scope: ALL_CASES /* only ops change the standing: they read the whole book */ });
  }
}
