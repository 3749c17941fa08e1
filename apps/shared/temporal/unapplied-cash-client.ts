// Starts actions on unapplied-cash items. One workflow per item at a time (USE_EXISTING): a
// request arriving while another is under way joins it and reads its outcome; once it has ended,
// the next request starts a new run, which the item's own state answers (done, or refused).
import type { Client } from '@temporalio/client';
import { unappliedCashWorkflowId } from '../../../domain/unapplied-cash.js';
import type { UnappliedCashActionInput, UnappliedCashOutcome } from '../../../workflows/unapplied-cash/definitions.js';
import type { unappliedCashWorkflow } from '../../../workflows/unapplied-cash/unapplied-cash.workflow.js';

export class UnappliedCashClient {
  constructor(
    readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  /** The outcome of the action under way on the item: this one, or the one it joined. */
  async act(input: UnappliedCashActionInput): Promise<UnappliedCashOutcome> {
    const handle = await this.client.workflow.start<typeof unappliedCashWorkflow>('unappliedCashWorkflow', {
      workflowId: unappliedCashWorkflowId(input.itemId),
      taskQueue: this.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return handle.result();
  }
}
