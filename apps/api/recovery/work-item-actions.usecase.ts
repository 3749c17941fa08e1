// A collector (or agency) accepting a hand-off case, or declining it with a reason (it goes to the
// next eligible assignee). Recorded on the case together with the episode's signal (its SLA clock
// restarts), in the signal outbox; a decline frees the decliner's room, and the episodes whose
// waiting cases it gave out are told too. The signals are sent once the change has committed; one
// that cannot be sent now (Temporal unreachable, the process gone) is sent by the worker's relay.
import { Injectable } from '@nestjs/common';
import type { CaseChange, CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { sealNote } from '../../shared/crypto/sealed-note.js';
import { ContactRecords } from './contact-records.js';

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

@Injectable()
export class WorkItemActionUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
    private readonly records: ContactRecords,
  ) {}

  async execute(caseId: string, action: WorkItemAction): Promise<CaseView> {
    const at = new Date().toISOString();
    const cases = this.db.recoveryCases();
    const { case: item, signals } = changed(
      caseId,
      // A reason for declining is free text about the borrower: kept sealed (sealed-note.ts).
      action.kind === 'accept' ? await cases.accept(caseId, action.assigneeId, at) : await cases.decline(caseId, action.assigneeId, sealNote(this.records.contacts.cipher, action.reason), at),
    );
    await this.signals.deliver(signals);
    return item;
  }
}
