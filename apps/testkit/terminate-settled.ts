// Ends a test's workflow once nothing of it is in flight. The time-skipping test server holds a
// time lock from the scheduling of each workflow task and each activity to its end, and does not
// release it when the workflow is closed first (sdk-java #1138): a workflow terminated mid-task
// froze time for every later test on that server, which then slept in real time until it timed out.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;

/** Waits (in real time, bounded) until the workflow has no task and no activity in flight, then terminates it; a closed or unknown workflow is left as it is. */
export async function terminateSettled(client: Client, workflowId: string, { waitMs = 15_000 } = {}): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  const deadline = Date.now() + waitMs;
  for (;;) {
    const described = await handle.describe().catch(() => null);
    if (!described || described.status.name !== 'RUNNING') return;
    if (Date.now() > deadline) break;
    if ((described.raw.pendingActivities ?? []).length === 0 && !(await taskInFlight(client, workflowId))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await handle.terminate('test done').catch(() => undefined);
}

/** A workflow task scheduled and not yet completed, failed or timed out. */
async function taskInFlight(client: Client, workflowId: string): Promise<boolean> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  let open = 0;
  for (const e of history.events ?? []) {
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) open += 1;
    else if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED || e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED || e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) open -= 1;
  }
  return open > 0;
}
