// Which arm of the running champion/challenger experiment a new episode follows. Asked once, when
// the episode starts; the answer travels in the episode's state (and across continue-as-new), so
// stopping the experiment later does not move an episode that already has its arm.
import type { Orm } from '../../db/orm.js';
import { RecoveryExperimentRepository } from '../../db/repositories/recovery-experiment.repository.js';
import { armOf, type ExperimentArm } from '../../policies/recovery/experiment-arm.js';
import type { RecoveryPolicySource } from './episode.activities.js';

export interface ArmAssignment {
  id: string;
  arm: ExperimentArm;
  /** the challenger's version, or the champion's: the version active now */
  version: number;
}

export function createRecoveryExperimentActivities(deps: { orm: Orm; policies: Pick<RecoveryPolicySource, 'active'> }) {
  return {
    /**
     * The arm for the loan's new episode, or null when no experiment runs. The split hashes the
     * experiment and the loan, not the episode (policies/recovery/experiment-arm.ts says why), so
     * a retried activity, a replay and the simulation all answer the same.
     */
    async assignExperimentArm({ loanId }: { loanId: string }): Promise<ArmAssignment | null> {
      const running = await new RecoveryExperimentRepository(deps.orm.em.fork()).running();
      if (!running) return null;
      const arm = armOf(running.id, loanId, running.shareBps);
      if (arm === 'challenger') return { id: running.id, arm, version: running.challengerVersion };
      const active = await deps.policies.active();
      if (!active) throw new Error('no recovery policy is active: the champion has no version');
      return { id: running.id, arm, version: active.version };
    },
  };
}

export type RecoveryExperimentActivities = ReturnType<typeof createRecoveryExperimentActivities>;
