// How callers (the API, the inbox) reach running recovery episodes: promises by update, the
// episode's state by query, compliance's verifications by signal. Collectors' work on cases goes by
// signal through the outbox instead (episode-signals.ts), written with the case's change. Which
// episode is running comes from the read model (recovery_episodes), which the episode itself writes.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import {
  disputeVerifiedSignal,
  makePromiseUpdate,
  recoveryStateQuery,
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
