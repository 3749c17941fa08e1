// The one way callers (the API, the inbox) reach running recovery episodes: promises by update,
// collectors' work and compliance's verifications by signal. Which episode is running comes from
// the read model (recovery_episodes), which the episode itself writes.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  caseOutcomeSignal,
  caseTouchedSignal,
  disputeVerifiedSignal,
  makePromiseUpdate,
  recoveryStateQuery,
  type CaseOutcomeSignal,
  type PromiseCommand,
  type PromiseView,
  type RecoveryView,
} from '../../../workflows/recovery/definitions.js';
import { applicationFailureIn } from './update-failure.js';

/** The episode refused the command in its validator: the type names why (InvalidPromise, PromiseOpen, EpisodeEnded). */
export class RecoveryCommandRefused extends Error {
  override readonly name = 'RecoveryCommandRefused';
  constructor(
    readonly type: string,
    message: string,
    readonly problems: { field: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** The episode's workflow is not running (it ended between the read model and the call). */
export class EpisodeNotRunning extends Error {
  override readonly name = 'EpisodeNotRunning';
}

export class RecoveryClient {
  constructor(private readonly client: Client) {}

  async makePromise(workflowId: string, command: PromiseCommand): Promise<PromiseView> {
    return this.call(() => this.client.workflow.getHandle(workflowId).executeUpdate(makePromiseUpdate, { args: [command] }));
  }

  async state(workflowId: string): Promise<RecoveryView> {
    return this.call(() => this.client.workflow.getHandle(workflowId).query(recoveryStateQuery));
  }

  async caseTouched(workflowId: string, touch: { caseId: string; by: string; at: string }): Promise<void> {
    await this.call(() => this.client.workflow.getHandle(workflowId).signal(caseTouchedSignal, touch));
  }

  async caseOutcome(workflowId: string, outcome: CaseOutcomeSignal): Promise<void> {
    await this.call(() => this.client.workflow.getHandle(workflowId).signal(caseOutcomeSignal, outcome));
  }

  async disputeVerified(workflowId: string, verified: { by: string; note?: string }): Promise<void> {
    await this.call(() => this.client.workflow.getHandle(workflowId).signal(disputeVerifiedSignal, verified));
  }

  private async call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new EpisodeNotRunning(err.message);
      if (err instanceof WorkflowUpdateFailedError) {
        const failure = applicationFailureIn(err);
        if (failure?.type) {
          const details = failure.details?.[0];
          throw new RecoveryCommandRefused(failure.type, failure.message, Array.isArray(details) ? (details as { field: string; message: string }[]) : []);
        }
      }
      throw err;
    }
  }
}
