// Hand-off cases from the recovery workflow: open one (assigned round-robin), count an SLA lapse
// against its holder and pass it on, close it when the episode no longer needs a person. A lapse
// or a close can give waiting cases of other episodes to whoever now has room: those episodes are
// told (caseTouched), so each new holder's SLA clock starts when they got the case.
import type { Orm } from '../../db/orm.js';
import { RecoveryCaseRepository, type Assignment, type CaseView, type OpenCase } from '../../db/repositories/recovery-case.repository.js';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';
import { caseTouchedSignal } from '../../workflows/recovery/definitions.js';
import type { RecoveryNotifier } from '../recovery-contact/recovery-notifier.js';

/** Who the episode's timeline says touched a case that round-robin just gave to someone. */
export const ASSIGNED_BY = 'assignment';

export function createRecoveryCaseActivities(deps: { orm: Orm; notifier: () => RecoveryNotifier }) {
  const repo = () => new RecoveryCaseRepository(deps.orm.em.fork());
  /** An episode that ended meanwhile has no clock to restart (the notifier answers false). */
  const tell = async (assignments: Assignment[], at: string) => {
    for (const a of assignments) await deps.notifier().signal(a.workflowId, caseTouchedSignal, { caseId: a.caseId, by: ASSIGNED_BY, at });
  };
  return {
    /** Refused (no case) while the borrower is in bankruptcy, deceased, disputing or awaiting the original creditor: no person collects from them either. */
    async openCase(command: OpenCase): Promise<Pick<CaseView, 'caseId' | 'assigneeId' | 'status'> | { refused: string }> {
      const holds = await new RecoveryEpisodeRepository(deps.orm.em.fork()).holds(command.loanId);
      const refused = holds.deceased
        ? 'the borrower is recorded as deceased'
        : holds.bankruptcy
          ? 'the borrower is in bankruptcy'
          : holds.disputeOpen
            ? 'a dispute awaits its answer'
            : holds.originalCreditorRequested
              ? "the borrower awaits the original creditor's name and address"
              : null;
      if (refused) return { refused };
      const c = await repo().open(command);
      return { caseId: c.caseId, assigneeId: c.assigneeId, status: c.status };
    },
    async breachCaseSla(command: { caseId: string; breach: number; at: string }): Promise<{ assigneeId: string | null } | null> {
      const breached = await repo().breachSla(command.caseId, command.breach, command.at);
      if (!breached) return null;
      await tell(breached.waitingAssigned, command.at);
      return { assigneeId: breached.case.assigneeId };
    },
    async closeCase(command: { caseId: string; reason: string; at: string }): Promise<void> {
      await tell(await repo().close(command.caseId, command.reason, command.at), command.at);
    },
  };
}

export type RecoveryCaseActivities = ReturnType<typeof createRecoveryCaseActivities>;
