// A collector (or agency) at the desk acting on a hand-off case as themselves: picking up a waiting
// case they are eligible for, accepting one given to them, declining it with a reason (it goes to
// the next eligible assignee), or adding a note. A case outside the caller's scope (another
// collector's, another agency's) reads as absent, 404; one they see and may not act on (a waiting
// case they only may pick up, one closed) is a 409. Recorded on the case together with the
// episode's signal (its SLA clock restarts), in the signal outbox; a decline frees the decliner's
// room, and the episodes whose waiting cases it gave out are told too. The signals are sent once
// the change has committed; one that cannot be sent now is sent by the worker's relay.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { CaseChange, CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { sealNote } from '../../shared/crypto/sealed-note.js';
import { ContactRecords } from './contact-records.js';

export type WorkItemAction = { kind: 'accept' } | { kind: 'pick_up' } | { kind: 'decline'; reason: string } | { kind: 'note'; note: string };

export const REFUSALS: Record<Exclude<Extract<CaseChange, { ok: false }>['reason'], 'not_found'>, string> = {
  not_assignee: 'the item is held by someone else, or waits to be picked up',
  closed: 'the item is closed',
  already_accepted: 'the item was accepted: it can no longer be declined',
  not_available: 'the item is not waiting for someone, or you are not eligible for it (skills, capacity, declined)',
};

export function notFound(caseId: string): ProblemException {
  return new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
}

/** The case after a change, or the problem that refused it. */
export function changed(caseId: string, change: CaseChange): Extract<CaseChange, { ok: true }> {
  if (change.ok) return change;
  if (change.reason === 'not_found') throw notFound(caseId);
  throw new ProblemException('workItemConflict', `work item ${caseId}: ${REFUSALS[change.reason]}`);
}

/** The case if the caller's scope holds it (their own, or one they may pick up); 404 otherwise, whether or not it exists. */
export async function visibleCase(db: Database, caseId: string, scope: CaseScope): Promise<CaseView> {
  const item = await db.recoveryCases().get(caseId, scope);
  if (!item) throw notFound(caseId);
  return item;
}

@Injectable()
export class WorkItemActionUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
    private readonly records: ContactRecords,
  ) {}

  async execute(command: { caseId: string; assigneeId: string; scope: CaseScope; action: WorkItemAction }): Promise<CaseView> {
    const { caseId, assigneeId, scope, action } = command;
    await visibleCase(this.db, caseId, scope);
    const at = new Date().toISOString();
    const cases = this.db.recoveryCases();
    // A reason for declining and a note are free text about the borrower: kept sealed (sealed-note.ts).
    const seal = (text: string) => sealNote(this.records.contacts.cipher, text);
    const change =
      action.kind === 'accept'
        ? await cases.accept(caseId, assigneeId, at)
        : action.kind === 'pick_up'
          ? await cases.pickUp(caseId, assigneeId, at)
          : action.kind === 'decline'
            ? await cases.decline(caseId, assigneeId, seal(action.reason), at)
            : await cases.note(caseId, assigneeId, seal(action.note), at);
    const { case: item, signals } = changed(caseId, change);
    await this.signals.deliver(signals);
    return item;
  }
}
