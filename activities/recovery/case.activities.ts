// Hand-off cases from the recovery workflow: open one (assigned round-robin), count an SLA lapse
// against its holder and pass it on, close it when the episode no longer needs a person.
import type { Orm } from '../../db/orm.js';
import { RecoveryCaseRepository, type CaseView, type OpenCase } from '../../db/repositories/recovery-case.repository.js';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';

export function createRecoveryCaseActivities(deps: { orm: Orm }) {
  const repo = () => new RecoveryCaseRepository(deps.orm.em.fork());
  return {
    /** Refused (no case) while the borrower is in bankruptcy, deceased or disputing: no person collects from them either. */
    async openCase(command: OpenCase): Promise<Pick<CaseView, 'caseId' | 'assigneeId' | 'status'> | { refused: string }> {
      const holds = await new RecoveryEpisodeRepository(deps.orm.em.fork()).holds(command.loanId);
      const refused = holds.deceased ? 'the borrower is recorded as deceased' : holds.bankruptcy ? 'the borrower is in bankruptcy' : holds.disputeOpen ? 'a dispute awaits its answer' : null;
      if (refused) return { refused };
      const c = await repo().open(command);
      return { caseId: c.caseId, assigneeId: c.assigneeId, status: c.status };
    },
    async breachCaseSla(command: { caseId: string; breach: number; at: string }): Promise<{ assigneeId: string | null } | null> {
      const c = await repo().breachSla(command.caseId, command.breach, command.at);
      return c ? { assigneeId: c.assigneeId } : null;
    },
    async closeCase(command: { caseId: string; reason: string; at: string }): Promise<void> {
      await repo().close(command.caseId, command.reason, command.at);
    },
  };
}

export type RecoveryCaseActivities = ReturnType<typeof createRecoveryCaseActivities>;
