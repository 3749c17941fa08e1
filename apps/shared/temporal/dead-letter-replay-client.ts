// Starts ops' replay of a dead letter on the worker and waits for its answer. One workflow per
// letter at a time (USE_EXISTING): a request arriving while a replay runs joins it; once it has
// ended, the next request starts a new run, which the letter's state answers (already replayed).
import type { Client } from '@temporalio/client';
import type { DeadLetterReplayResult } from '../../../activities/recovery-contact/recovery-contact.activities.js';
import type { deadLetterReplayWorkflow } from '../../../workflows/recovery/dead-letter-replay.workflow.js';

export function deadLetterReplayWorkflowId(deadLetterId: string): string {
  return `dead-letter-replay-${deadLetterId}`;
}

export class DeadLetterReplayClient {
  constructor(
    readonly client: Client,
    private readonly taskQueue: string,
  ) {}

  async replay(deadLetterId: string, by: string): Promise<DeadLetterReplayResult> {
    const handle = await this.client.workflow.start<typeof deadLetterReplayWorkflow>('deadLetterReplayWorkflow', {
      workflowId: deadLetterReplayWorkflowId(deadLetterId),
      taskQueue: this.taskQueue,
      args: [{ deadLetterId, by }],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    return handle.result();
  }
}
