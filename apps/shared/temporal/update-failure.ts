// How a workflow's refusal reaches a Temporal client: an update's validator refusal arrives as
// WorkflowUpdateFailedError caused by an ApplicationFailure named after the workflow's error
// class; an update the workflow accepted but ended before answering, as one of type
// AcceptedUpdateCompletedWorkflow. Read here once for the API and the worker alike.
import { ApplicationFailure } from '@temporalio/client';

export const UPDATE_OUTLIVED_WORKFLOW = 'AcceptedUpdateCompletedWorkflow';

/** The first ApplicationFailure down the cause chain: an activity's failure comes wrapped in an ActivityFailure. */
export function applicationFailureIn(err: Error): ApplicationFailure | undefined {
  for (let cause: unknown = err.cause; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure) return cause;
  }
  return undefined;
}
