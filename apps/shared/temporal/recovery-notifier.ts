// Signals a recovery workflow through the Temporal client. A workflow that is no longer running
// answers false rather than failing: the inbox has recorded the event either way.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import type { RecoveryNotifier } from '../../../activities/recovery-contact/recovery-notifier.js';

export class TemporalRecoveryNotifier implements RecoveryNotifier {
  constructor(private readonly client: Client) {}

  async signal<Args extends unknown[]>(workflowId: string, signal: SignalDefinition<Args>, ...args: Args): Promise<boolean> {
    try {
      await this.client.workflow.getHandle(workflowId).signal(signal, ...args);
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
}
