// A collector's outcome on a hand-off case: a call's result, a promise taken, a dispute, hardship
// or a request for a plan. A promise is the episode's to accept or refuse (its horizon, one open at
// a time), so it is asked first and a refused one records nothing; then the outcome is recorded
// on the case, with the call it reports in the contact log (the gate counts collectors' calls and
// conversations: collector-call.ts), and told to the episode, which acts on it (and restarts the
// SLA clock).
import { Injectable } from '@nestjs/common';
import type { CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { RecoveryClient } from '../../shared/temporal/recovery-client.js';
import type { CaseOutcome, PromiseCommand } from '../../../workflows/recovery/definitions.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { collectorCallOf } from './collector-call.js';
import { ContactRecords } from './contact-records.js';
import { MakePromiseUseCase } from './make-promise.usecase.js';
import { changed, REFUSALS, tellEpisode } from './work-item-actions.usecase.js';

export interface RecordOutcomeCommand {
  caseId: string;
  assigneeId: string;
  outcome: CaseOutcome;
  promise?: Pick<PromiseCommand, 'amountMinor' | 'dueOn'>;
  note?: string;
}

@Injectable()
export class RecordWorkItemOutcomeUseCase {
  constructor(
    private readonly db: Database,
    private readonly recovery: RecoveryClient,
    private readonly promises: MakePromiseUseCase,
    private readonly records: ContactRecords,
  ) {}

  async execute({ caseId, assigneeId, outcome, promise, note }: RecordOutcomeCommand): Promise<CaseView> {
    const at = new Date().toISOString();
    const cases = this.db.recoveryCases();
    if (promise) {
      const held = await cases.get(caseId);
      if (!held) throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
      if (held.status === 'closed' || held.assigneeId !== assigneeId) throw new ProblemException('workItemConflict', `work item ${caseId}: ${REFUSALS[held.status === 'closed' ? 'closed' : 'not_assignee']}`);
      await this.promises.execute({ loanId: held.loanId, ...promise, takenBy: assigneeId });
    }
    const { case: item } = changed(caseId, await cases.outcome(caseId, assigneeId, { outcome, ...(promise ? { promise } : {}), ...(note ? { note } : {}) }, at, collectorCallOf(outcome)));
    // A dispute taken on the phone holds collection like one by text: on the standing the gate and verification read.
    if (outcome === 'disputed') {
      await this.records.profiles().recordStandingChange(item.loanId, { change: 'dispute_opened' }, { source: 'collector', sourceRef: caseId, actor: assigneeId, reason: note ?? 'disputed on a call', at });
    }
    await tellEpisode(() => this.recovery.caseOutcome(item.workflowId, { caseId, outcome, by: assigneeId, ...(note ? { note } : {}) }));
    return item;
  }
}
