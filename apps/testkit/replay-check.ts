// Every workflow a test environment starts is replayed against the current code when the
// environment tears down. The committed histories cover the shapes someone thought of; this
// covers every shape the test run happened to produce, timing races included (a loan declined at
// the KYC fast path was unreplayable one time in three before local activities took turns).
import type { Client, WorkflowClientInterceptor } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { dataConverter } from '../shared/temporal/data-converter.js';
import type { Keyring } from '../shared/temporal/keyring.js';

export class StartedWorkflows {
  readonly ids = new Set<string>();

  /** Records the ID of every workflow the client starts, however it starts it. */
  interceptor(): WorkflowClientInterceptor {
    const ids = this.ids;
    return {
      async startWithDetails(input, next) {
        ids.add(input.options.workflowId);
        return next(input);
      },
      async startUpdateWithStart(input, next) {
        ids.add(input.workflowStartOptions.workflowId);
        return next(input);
      },
      async signalWithStart(input, next) {
        ids.add(input.options.workflowId);
        return next(input);
      },
    };
  }
}

/** Replays every run of every recorded workflow (continued-as-new runs too); answers the failures. */
export async function replayStartedWorkflows(client: Client, started: StartedWorkflows, keyring: Keyring, workflowBundle: { code: string }): Promise<string[]> {
  const histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for (const workflowId of started.ids) {
    let runId: string | undefined;
    for (;;) {
      const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
      histories.push({ workflowId: runId ? `${workflowId} (run ${runId})` : workflowId, history });
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
      if (!runId) break;
    }
  }
  return replayFailures({ workflowBundle, dataConverter: dataConverter(keyring) }, histories);
}

/** Replays histories with the given workflow code; answers one line per failure, and throws unless every history was replayed. */
export async function replayFailures(options: ReplayWorkerOptions, histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[]): Promise<string[]> {
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of Worker.runReplayHistories(options, histories)) {
    replayed += 1;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  if (replayed !== histories.length) failures.push(`replayed ${replayed} of ${histories.length} histories`);
  return failures;
}
