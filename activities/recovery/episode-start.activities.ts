// Starts a loan's recovery episode as a workflow of its own, with the worker's client. The loan
// used to start it as a child; a child abandoned by its parent gains nothing from the relation
// (the loan continues as new every few months, and an episode outlives the run that began it),
// and the time-skipping test server keeps a time lock for every child that completes after its
// parent run closed (sdk-java's TestWorkflowMutableStateImpl: "unlocked by the parent"), which
// froze time for every later test on that server. The loan keeps the ID and tells the episode
// everything by signal, as before.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { RecoveryInput } from '../../workflows/recovery/definitions.js';

export interface StartEpisodeCommand {
  workflowId: string;
  taskQueue: string;
  input: RecoveryInput;
}

export function createRecoveryEpisodeStartActivities() {
  return {
    /** Idempotent: a retry finds the episode already started (running or not) and is done. */
    async startRecoveryEpisode(command: StartEpisodeCommand): Promise<void> {
      try {
        await Context.current().client.workflow.start('recoveryWorkflow', {
          workflowId: command.workflowId,
          taskQueue: command.taskQueue,
          args: [command.input],
          // An episode's ID names one episode of one loan: it never runs twice.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    },
  };
}

export type RecoveryEpisodeStartActivities = ReturnType<typeof createRecoveryEpisodeStartActivities>;
