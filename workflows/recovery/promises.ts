// Promises to pay: one open at a time, kept when payments since it was made reach its amount less
// the policy's tolerance, broken when its day passes without that (a day's grace for the money to
// post), which interrupts the path so the policy can choose its broken-promise treatment.
import { ApplicationFailure, condition, workflowInfo } from '@temporalio/workflow';
import { addDays, compareIsoDates, isIsoDate, isoDateToEpochMs, toIsoDate } from '../../domain/calendar.js';
import type { PolicySettings } from '../../policies/recovery/policy-document.js';
import type { PromiseCommand, PromiseView } from './definitions.js';
import type { EpisodeState } from './episode-state.js';
import type { Timeline } from './timeline.js';

/** Payments can take a day to reach the loan after the borrower pays on the promised day. */
const GRACE_DAYS = 1;

export const INVALID_PROMISE = 'InvalidPromise';

/** Refuses a promise the episode cannot take; runs as the update's validator (nothing recorded when it throws). */
export function checkPromise(s: EpisodeState, command: PromiseCommand, settings: PolicySettings | null): void {
  const problems: { field: string; message: string }[] = [];
  if (!Number.isSafeInteger(command?.amountMinor) || command.amountMinor <= 0) problems.push({ field: 'amountMinor', message: 'must be a positive whole number of minor units' });
  const today = toIsoDate(Date.now());
  if (!isIsoDate(command?.dueOn)) problems.push({ field: 'dueOn', message: 'must be a date (YYYY-MM-DD)' });
  else if (compareIsoDates(command.dueOn, today) < 0) problems.push({ field: 'dueOn', message: 'must not be in the past' });
  else if (settings && compareIsoDates(command.dueOn, addDays(today, settings.promiseMaxDays)) > 0) problems.push({ field: 'dueOn', message: `must be within ${settings.promiseMaxDays} days` });
  if (problems.length > 0) throw ApplicationFailure.create({ type: INVALID_PROMISE, message: 'the promise is not valid', details: [problems], nonRetryable: true });
  if (s.ended) throw ApplicationFailure.create({ type: 'EpisodeEnded', message: 'the recovery episode has ended', nonRetryable: true });
  if (s.promise?.status === 'open') throw ApplicationFailure.create({ type: 'PromiseOpen', message: `promise ${s.promise.id} is still open (due ${s.promise.dueOn})`, nonRetryable: true });
}

export function makePromise(s: EpisodeState, timeline: Timeline, command: PromiseCommand): PromiseView {
  const promise: PromiseView = {
    id: `${workflowInfo().workflowId}-p${++s.promiseSeq}`,
    amountMinor: command.amountMinor,
    dueOn: command.dueOn,
    source: command.source,
    ...(command.takenBy ? { takenBy: command.takenBy } : {}),
    madeOn: toIsoDate(Date.now()),
    status: 'open',
    paidMinor: 0,
  };
  s.promise = promise;
  s.since.promised = true;
  s.learnt.openPromises.push(promise.madeOn);
  s.learntDirty = true;
  timeline.log('promise_made', { promiseId: promise.id, amountMinor: promise.amountMinor, currency: s.currency, dueOn: promise.dueOn, source: promise.source });
  void watchPromise(s, timeline, promise);
  return promise;
}

/** A payment counts towards the open promise; reaching its amount less the tolerance keeps it. */
export function paymentTowardsPromise(s: EpisodeState, timeline: Timeline, amountMinor: number, settings: PolicySettings | null): void {
  const p = s.promise;
  if (!p || p.status !== 'open') return;
  p.paidMinor += amountMinor;
  const toleranceBps = settings?.promiseToleranceBps ?? 0;
  const needed = p.amountMinor - Math.floor((p.amountMinor * toleranceBps) / 10_000);
  if (p.paidMinor >= needed) {
    p.status = 'kept';
    s.counts.promisesKept++;
    learnPromise(s, p, true);
    timeline.log('promise_kept', { promiseId: p.id, paidMinor: p.paidMinor, amountMinor: p.amountMinor });
  }
}

/** Restarts the watch on an open promise carried into a new run. */
export function resumePromiseWatch(s: EpisodeState, timeline: Timeline): void {
  if (s.promise?.status === 'open') void watchPromise(s, timeline, s.promise);
}

async function watchPromise(s: EpisodeState, timeline: Timeline, p: PromiseView): Promise<void> {
  const deadline = isoDateToEpochMs(addDays(p.dueOn, 1 + GRACE_DAYS));
  await condition(() => p.status !== 'open' || s.ended !== null, Math.max(1, deadline - Date.now()));
  if (p.status !== 'open' || s.ended !== null) return;
  p.status = 'broken';
  s.counts.promisesBroken++;
  learnPromise(s, p, false);
  timeline.log('promise_broken', { promiseId: p.id, paidMinor: p.paidMinor, amountMinor: p.amountMinor, dueOn: p.dueOn });
  s.interrupts.push('promise_broken');
}

/** A promise came due: kept or broken, it moves from open to the record the loan's features read. */
function learnPromise(s: EpisodeState, p: PromiseView, kept: boolean): void {
  const open = s.learnt.openPromises.indexOf(p.madeOn);
  if (open >= 0) s.learnt.openPromises.splice(open, 1);
  s.learnt.promises.push({ madeOn: p.madeOn, kept });
  s.learntDirty = true;
}
