// What a collector (or agency) does with a hand-off case: accept it, decline it with a reason (it
// goes to the next eligible assignee), or record an outcome (a call's result, a promise taken, a
// dispute, a request for a plan). Each is recorded on the case, then told to the episode, whose
// SLA clock restarts and which acts on the outcome (a promise is kept or broken like any other).
import { Injectable } from '@nestjs/common';
import type { CaseChange, CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { EpisodeNotRunning, RecoveryClient } from '../../shared/temporal/recovery-client.js';
import type { CaseOutcome, PromiseCommand } from '../../../workflows/recovery/definitions.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { MakePromiseUseCase } from './make-promise.usecase.js';

export type WorkItemAction =
  | { kind: 'accept'; assigneeId: string }
  | { kind: 'decline'; assigneeId: string; reason: string }
  | { kind: 'outcome'; assigneeId: string; outcome: CaseOutcome; promise?: Omit<PromiseCommand, 'source' | 'takenBy'>; note?: string };

const REFUSALS: Record<Extract<CaseChange, { ok: false }>['reason'], string> = {
  not_found: '',
  not_assignee: 'the item is held by someone else',
  closed: 'the item is closed',
  already_accepted: 'the item was accepted: it can no longer be declined',
};

@Injectable()
export class WorkItemActionUseCase {
  constructor(
    private readonly db: Database,
    private readonly recovery: RecoveryClient,
    private readonly promises: MakePromiseUseCase,
  ) {}

  async execute(caseId: string, action: WorkItemAction): Promise<CaseView> {
    const at = new Date().toISOString();
    const cases = this.db.recoveryCases();
    // A promise is the episode's to accept or refuse (its horizon, one open at a time): asked first, so a refused one records nothing.
    if (action.kind === 'outcome' && action.promise) {
      const held = await cases.get(caseId);
      if (!held) throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
      if (held.status === 'closed' || held.assigneeId !== action.assigneeId) throw new ProblemException('workItemConflict', `work item ${caseId}: ${REFUSALS[held.status === 'closed' ? 'closed' : 'not_assignee']}`);
      await this.promises.execute({ loanId: held.loanId, ...action.promise, takenBy: action.assigneeId });
    }
    const change =
      action.kind === 'accept'
        ? await cases.accept(caseId, action.assigneeId, at)
        : action.kind === 'decline'
          ? await cases.decline(caseId, action.assigneeId, action.reason, at)
          : await cases.outcome(caseId, action.assigneeId, { outcome: action.outcome, ...(action.promise ? { promise: action.promise } : {}), ...(action.note ? { note: action.note } : {}) }, at);
    if (!change.ok) {
      if (change.reason === 'not_found') throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
      throw new ProblemException('workItemConflict', `work item ${caseId}: ${REFUSALS[change.reason]}`);
    }
    const item = change.case;
    try {
      if (action.kind === 'outcome') {
        await this.recovery.caseOutcome(item.workflowId, {
          caseId,
          outcome: action.outcome,
          by: action.assigneeId,
          ...(action.note ? { note: action.note } : {}),
        });
      } else {
        await this.recovery.caseTouched(item.workflowId, { caseId, by: action.assigneeId, at });
      }
    } catch (err) {
      // The episode ended meanwhile: the case records what was done; there is nothing left to tell.
      if (!(err instanceof EpisodeNotRunning)) throw err;
    }
    return item;
  }
}
