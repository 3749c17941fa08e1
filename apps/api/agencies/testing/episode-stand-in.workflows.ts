// For the agency tests only: a workflow that stands in for a recovery episode (under its workflow
// ID) and records the case signals the outbox sends it, to show which changes of hands told it.
import { condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { caseOutcomeSignal, caseTouchedSignal } from '../../../../workflows/recovery/definitions.js';

export const caseSignalsSeen = defineQuery<{ name: string; payload: Record<string, unknown> }[]>('caseSignalsSeen');
export const finishSignal = defineSignal('finish');

export async function caseSignalRecorder(): Promise<void> {
  const seen: { name: string; payload: Record<string, unknown> }[] = [];
  let finished = false;
  setHandler(caseSignalsSeen, () => seen);
  setHandler(caseTouchedSignal, (payload) => void seen.push({ name: 'caseTouched', payload: { ...payload } }));
  setHandler(caseOutcomeSignal, (payload) => void seen.push({ name: 'caseOutcome', payload: { ...payload } }));
  setHandler(finishSignal, () => void (finished = true));
  await condition(() => finished);
}
