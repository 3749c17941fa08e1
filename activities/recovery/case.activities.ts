// Hand-off cases from the recovery workflow: open one (assigned round-robin), count an SLA lapse
// against its holder and pass it on, close it when the episode no longer needs a person. A lapse
// or a close can give waiting cases of other episodes to whoever now has room: those episodes are
// told (caseTouched), so each new holder's SLA clock starts when they got the case. The signals go
// into the outbox in the change's own transaction and are sent once it commits: an activity that
// dies in between (whose retry finds the change made and gives nothing out again) leaves them to
// the relay, not lost.
//
// A case of a high-risk or high-balance account needs the `certified` skill on top of its step's
// (the policy's settings.certifiedHandoff, certified-handoff.ts). It is decided here, when the case
// opens, from the episode's read model and the policy version that chose the hand-off: the
// workflow and its recorded histories are unchanged.
import type { Orm } from '../../db/orm.js';
import { RecoveryCaseRepository, type Assignment, type CaseView, type OpenCase } from '../../db/repositories/recovery-case.repository.js';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';
import { RecoveryPolicyRepository } from '../../db/repositories/recovery-policy.repository.js';
import { handoffSkills, type HandoffAccount } from '../../policies/recovery/certified-handoff.js';

/** Sends outbox signals just committed; what it cannot send is the relay's (the Temporal implementation: apps/shared/temporal/episode-signals.ts). */
export interface EpisodeSignalDelivery {
  deliver(signalIds: string[]): Promise<void>;
}

export function createRecoveryCaseActivities(deps: { orm: Orm; signals: () => EpisodeSignalDelivery }) {
  const repo = () => new RecoveryCaseRepository(deps.orm.em.fork());
  const tell = (assignments: Assignment[]) => deps.signals().deliver(assignments.map((a) => a.signalId));
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
      const c = await repo().open({ ...command, skills: await skillsFor(deps.orm, command) });
      return { caseId: c.caseId, assigneeId: c.assigneeId, status: c.status };
    },
    async breachCaseSla(command: { caseId: string; breach: number; at: string }): Promise<{ assigneeId: string | null } | null> {
      const breached = await repo().breachSla(command.caseId, command.breach, command.at);
      if (!breached) return null;
      await tell(breached.waitingAssigned);
      return { assigneeId: breached.case.assigneeId };
    },
    async closeCase(command: { caseId: string; reason: string; at: string }): Promise<void> {
      await tell(await repo().close(command.caseId, command.reason, command.at));
    },
  };
}

/**
 * The skills the case needs: the step's, and `certified` when the episode's account (as its read
 * model last recorded it) meets the policy version's certifiedHandoff; the active version's if the
 * episode names none. The episode writes its read model beside its main line: a hand-off that comes
 * before the first write is retried (a plain error) until it is there, never opened unchecked.
 */
async function skillsFor(orm: Orm, command: OpenCase): Promise<string[]> {
  const episode = await new RecoveryEpisodeRepository(orm.em.fork()).get(command.workflowId);
  if (!episode) throw new Error(`episode ${command.workflowId} has no read model yet: the case's skills wait for its account`);
  const policies = new RecoveryPolicyRepository(orm.em.fork());
  const policy = (episode.policyVersion !== null ? await policies.policyVersion(episode.policyVersion) : null) ?? (await policies.activePolicy());
  return handoffSkills(command.skills, policy?.document.settings.certifiedHandoff, { propensityBand: episode.propensityBand as HandoffAccount['propensityBand'], balanceMinor: episode.outstandingMinor, currency: episode.currency });
}

export type RecoveryCaseActivities = ReturnType<typeof createRecoveryCaseActivities>;
