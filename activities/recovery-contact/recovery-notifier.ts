// How the recovery inbox tells a running recovery workflow what a borrower did. The Temporal
// implementation is apps/shared/temporal/recovery-notifier.ts.
import type { SignalDefinition } from '@temporalio/common';

export interface RecoveryNotifier {
  /** false when the workflow is not running (it ended, or never started): the event stays recorded */
  signal<Args extends unknown[]>(workflowId: string, signal: SignalDefinition<Args>, ...args: Args): Promise<boolean>;
}
