// A collector's outcome on a hand-off case: a call's result, a promise taken, a dispute, hardship
// or a request for a plan. Every outcome reports a call that happened, so the call goes into the
// contact log first, on its own, whatever comes of the rest (the gate counts collectors' calls and
// conversations: collector-call.ts): a refused promise, or a case that went to someone else while
// the collector was on the phone, must not let an automated call follow a conversation within 7
// days. A promise is the episode's to accept or refuse (its horizon, one open at a time), so it is
// asked next and a refused one records no outcome; then the outcome is recorded on the case with
// its signal to the episode (caseOutcome, in the signal outbox, one transaction), which acts on it
// (and restarts the SLA clock). The signal is sent once that has committed, and by the worker's
// relay if it cannot be sent now. A retried request (the same Idempotency-Key) records nothing
// twice: the outcome carries its request key, and is marked once the request has finished; its
// signal's ID comes from the request key, so a signal sent again is applied once by the episode.
import { Injectable } from '@nestjs/common';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { sealNote } from '../../shared/crypto/sealed-note.js';
import { EpisodeSignals } from '../../shared/temporal/episode-signals.js';
import type { CaseOutcome, PromiseCommand } from '../../../workflows/recovery/definitions.js';
import { Database } from '../database.js';
import { ProblemException } from '../http/problem.js';
import { collectorCallOf } from './collector-call.js';
import { ContactRecords } from './contact-records.js';
import { MakePromiseUseCase } from './make-promise.usecase.js';
import { changed, notFound, REFUSALS } from './work-item-actions.usecase.js';

export interface RecordOutcomeCommand {
  caseId: string;
  /** the caller, as an assignee (auth/scope.ts): never taken from the body */
  assigneeId: string;
  /** the caller's scope: a case outside it that they never held reads as absent (404), and no call is recorded on it */
  scope: CaseScope;
  /** with plan_requested: the arrangement asked for, shown in the case's events */
  plan?: { kind: string };
  outcome: CaseOutcome;
  promise?: Pick<PromiseCommand, 'amountMinor' | 'dueOn'>;
  note?: string;
  /** the request's Idempotency-Key or ID: a retried request reports its call once */
  requestKey: string;
}

@Injectable()
export class RecordWorkItemOutcomeUseCase {
  constructor(
    private readonly db: Database,
    private readonly signals: EpisodeSignals,
    private readonly promises: MakePromiseUseCase,
    private readonly records: ContactRecords,
  ) {}

  async execute({ caseId, assigneeId, scope, outcome, promise, plan, note, requestKey }: RecordOutcomeCommand): Promise<CaseView> {
    const cases = this.db.recoveryCases();
    // A case that went to someone else while the collector was on the phone is out of their scope
    // now, but they held it: the call they made is still recorded (Reg F counts it), then refused (409).
    if (!(await cases.get(caseId, scope)) && !(await cases.heldBefore(caseId, assigneeId))) throw notFound(caseId);
    const at = new Date().toISOString();
    const call = await cases.recordCall(caseId, assigneeId, requestKey, collectorCallOf(outcome), at);
    if (call === 'not_found') throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
    if (call === 'unknown_assignee') throw new ProblemException('workItemConflict', `work item ${caseId}: there is no assignee ${assigneeId}`);
    // The same request again (its Idempotency-Key): what it recorded stands; only what it may not
    // have finished (the standing, sending its signal if still unsent) is done, so nothing is recorded twice.
    const earlier = await cases.outcomeFor(caseId, requestKey);
    let item: CaseView;
    let signals: string[];
    if (earlier) {
      const held = await cases.get(caseId);
      if (!held) throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
      if (earlier.told) return held;
      item = held;
      const signal = await cases.outcomeSignal(caseId, requestKey);
      signals = signal ? [signal] : [];
    } else {
      if (promise) {
        const held = await cases.get(caseId);
        if (!held) throw new ProblemException('workItemNotFound', `there is no work item ${caseId}`);
        if (held.status === 'closed' || held.assigneeId !== assigneeId) throw new ProblemException('workItemConflict', `work item ${caseId}: ${REFUSALS[held.status === 'closed' ? 'closed' : 'not_assignee']}`);
        await this.promises.execute({ loanId: held.loanId, ...promise, takenBy: assigneeId });
      }
      // The note travels sealed: the case's event, the outbox, the episode's timeline (sealed-note.ts).
      const sealed = note ? sealNote(this.records.contacts.cipher, note) : undefined;
      ({ case: item, signals } = changed(caseId, await cases.outcome(caseId, assigneeId, { outcome, ...(promise ? { promise } : {}), ...(plan ? { plan } : {}), ...(sealed ? { note: sealed } : {}), requestKey }, at)));
    }
    // A dispute taken on the phone holds collection like one by text: on the standing the gate and verification read.
    if (outcome === 'disputed') {
      await this.records.profiles().recordStandingChange(item.loanId, { change: 'dispute_opened' }, { source: 'collector', sourceRef: caseId, actor: assigneeId, reason: note ?? 'disputed on a call', at });
    }
    await this.signals.deliver(signals);
    await cases.outcomeTold(caseId, requestKey);
    return item;
  }
}
