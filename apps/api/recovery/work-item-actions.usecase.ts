// A collector (or agency) accepting a hand-off case, or declining it with a reason (it goes to the
// next eligible assignee). Recorded on the case, then told to the episode, whose SLA clock restarts;
// a decline frees the decliner's room, and the episodes whose waiting cases it gave out are told too.
import { Injectable } from '@nestjs/common';
import type { Assignment, CaseChange, CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { ASSIGNED_BY } from '../../../activities/recovery/case.activities.js';
import { EpisodeNotRunning, RecoveryClient } from '../../shared/temporal/recovery-client.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';

export type WorkItemAction = { kind: 'accept'; assigneeId: string } | { kind: 'decline'; assigneeId: string; reason: string };

export const REFUSALS: Record<Exclude<Extract<CaseChange, { ok: false }>['reason'], 'not_found'>, string> = {
  not_assignee: 'the item is held by someone else',
  closed: 'the item is closed',
  already_accepted: 'the item was accepted: it can no longer be declined',
};

/** The case after a change, or the problem that refused it. */
export function changed(caseId: string, change: CaseChange): Extract<CaseChange, { ok: true }> {
  if (change.ok) return change;
  if (change.reason === 'not_found') throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
  throw new ProblemException('workItemConflict', `work item ${caseId}: ${REFUSALS[change.reason]}`);
}

/** Tells the episode; one that ended meanwhile has nothing left to hear (the case keeps the record). */
export async function tellEpisode(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (!(err instanceof EpisodeNotRunning)) throw err;
  }
}

/** Tells each episode whose waiting case round-robin just gave out: its holder's SLA clock starts now. */
export async function tellAssigned(recovery: RecoveryClient, assignments: Assignment[], at: string): Promise<void> {
  for (const a of assignments) await tellEpisode(() => recovery.caseTouched(a.workflowId, { caseId: a.caseId, by: ASSIGNED_BY, at }));
}

@Injectable()
export class WorkItemActionUseCase {
  constructor(
    private readonly db: Database,
    private readonly recovery: RecoveryClient,
  ) {}

  async execute(caseId: string, action: WorkItemAction): Promise<CaseView> {
    const at = new Date().toISOString();
    const cases = this.db.recoveryCases();
    const { case: item, waitingAssigned } = changed(caseId, action.kind === 'accept' ? await cases.accept(caseId, action.assigneeId, at) : await cases.decline(caseId, action.assigneeId, action.reason, at));
    await tellEpisode(() => this.recovery.caseTouched(item.workflowId, { caseId, by: action.assigneeId, at }));
    await tellAssigned(this.recovery, waitingAssigned, at);
    return item;
  }
}
