// The recovery episode's side of Postgres: which policy version is in force, the version's
// document, and the episode's read model and timeline. Every write is keyed by the workflow's own
// counters, so a retried activity writes the same rows once.
import type { Orm } from '../../db/orm.js';
import { RecoveryEpisodeRepository, type EpisodeSnapshot, type TimelineEntry } from '../../db/repositories/recovery-episode.repository.js';
import type { RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';

/** Where the policy versions live (the policy store); null version: none active yet. */
export interface RecoveryPolicySource {
  active(): Promise<{ version: number; document: RecoveryPolicyDocument } | null>;
  version(version: number): Promise<RecoveryPolicyDocument | null>;
}

export interface ProgressCommand {
  episode: EpisodeSnapshot;
  actions: TimelineEntry[];
}

export function createRecoveryEpisodeActivities(deps: { orm: Orm; policies: RecoveryPolicySource }) {
  const repo = () => new RecoveryEpisodeRepository(deps.orm.em.fork());
  return {
    /** The active version's number: asked before every step, so a newly activated version is picked up at the next one. */
    async activePolicyVersion(): Promise<number | null> {
      return (await deps.policies.active())?.version ?? null;
    },
    async policyDocument(version: number | null): Promise<{ version: number; document: RecoveryPolicyDocument }> {
      if (version === null) {
        const active = await deps.policies.active();
        if (!active) throw new Error('no recovery policy is active');
        return active;
      }
      const document = await deps.policies.version(version);
      if (!document) throw new Error(`recovery policy version ${version} does not exist`);
      return { version, document };
    },
    /** A dispute, or a request for the original creditor, recorded before the episode began (or between episodes) holds it from the start. */
    async standingAtStart(command: { loanId: string }): Promise<{ disputeOpen: boolean; originalCreditorRequested: boolean }> {
      const { disputeOpen, originalCreditorRequested } = await repo().holds(command.loanId);
      return { disputeOpen, originalCreditorRequested };
    },
    async recordProgress(command: ProgressCommand): Promise<void> {
      await repo().record(command.episode, command.actions);
    },
  };
}

export type RecoveryEpisodeActivities = ReturnType<typeof createRecoveryEpisodeActivities>;
