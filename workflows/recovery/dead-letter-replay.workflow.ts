// Ops' replay of one dead letter (workflow ID dead-letter-replay-<id>), run on the worker because
// the API holds no provider clients: one activity, the same dispatch the episodes use. A second
// request while one runs joins it; one after it ended starts a new run, which the letter's own
// state answers (already replayed). A transient fault (the database, a crash) is retried until the
// replay answers, a retry taking over the claim its dead predecessor held; what cannot render
// fails the run at once, and the letter is open again.
import { proxyActivities } from '@temporalio/workflow';
import type { DeadLetterReplayResult, RecoveryContactActivities } from '../../activities/recovery-contact/recovery-contact.activities.js';

const { replayDeadLetter } = proxyActivities<Pick<RecoveryContactActivities, 'replayDeadLetter'>>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', nonRetryableErrorTypes: ['TemplateRenderError', 'UnknownDisclosureError'] },
});

export interface DeadLetterReplayInput {
  deadLetterId: string;
  /** who asked (an ops user name, no personal data) */
  by: string;
}

export async function deadLetterReplayWorkflow(input: DeadLetterReplayInput): Promise<DeadLetterReplayResult> {
  return replayDeadLetter(input.deadLetterId, input.by);
}
