// Workflows for the recovery-contact tests only: one that runs the dispatch activity under a real
// retry policy, and one that records the signals the inbox sends (standing in for the recovery
// workflow, whose surface it shares).
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import { caseOutcomeSignal, deliveryFailedSignal, disputeVerifiedSignal, replySignal } from '../../../workflows/recovery/definitions.js';
import type { DeliverContactCommand, DeliverContactResult } from '../deliver-contact.command.js';
import type { RecoveryContactActivities } from '../recovery-contact.activities.js';

export async function deliverOnce(command: DeliverContactCommand): Promise<DeliverContactResult> {
  const { deliverContact } = proxyActivities<RecoveryContactActivities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '50ms', backoffCoefficient: 1, maximumAttempts: command.maxAttempts ?? 8 },
  });
  return deliverContact(command);
}

export const signalsSeen = defineQuery<{ name: string; payload: unknown }[]>('signalsSeen');
export const finishSignal = defineSignal('finish');

export async function signalRecorder(): Promise<void> {
  const seen: { name: string; payload: unknown }[] = [];
  let finished = false;
  setHandler(signalsSeen, () => seen);
  setHandler(replySignal, (payload) => void seen.push({ name: 'reply', payload }));
  setHandler(deliveryFailedSignal, (payload) => void seen.push({ name: 'deliveryFailed', payload }));
  setHandler(disputeVerifiedSignal, (payload) => void seen.push({ name: 'disputeVerified', payload }));
  setHandler(caseOutcomeSignal, (payload) => void seen.push({ name: 'caseOutcome', payload }));
  setHandler(finishSignal, () => void (finished = true));
  await condition(() => finished);
}
