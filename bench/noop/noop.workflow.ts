// The smallest real workflow: start, schedule one activity, complete. Its rate on a server is
// what any orchestration on that server is measured against.
import { proxyActivities } from '@temporalio/workflow';
import type { NoopActivities } from './noop.activities.js';

const { noop } = proxyActivities<NoopActivities>({ startToCloseTimeout: '10s' });

export async function noopWorkflow(): Promise<string> {
  return noop();
}
