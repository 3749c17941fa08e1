// Following a policy's path, step by step: given where an episode stands and the time, what it
// does next (contact on a channel, open a case, wait, or ask the policy again). Pure and
// deterministic, integers only, so the recovery workflow, the dry-run and the simulation follow a
// path the same way; the caller owns the gate, the clock and the borrower.
//
// The rules it encodes:
// - a wait lasts its days, ending early when one of its `until` events happens;
// - a contact the gate blocks waits for the gate's retryAt; one blocked for good (retryAt null:
//   an opt-out, no consent) moves to the policy's fallback channels, and the step is abandoned,
//   with the reason, when none is left;
// - a hold (an open promise, a dispute awaiting verification) pauses the path, nothing is sent;
// - a handoff opens a case and the path waits for the case to come back;
// - a finished path asks the policy again (path_completed), never sooner than a day after it
//   began, so a path whose every step is refused cannot spin.
import { automatedByDefault, type Channel } from '../compliance/rules.js';
import { stepChannel, type PolicySettings, type PolicyStep, type RecoveryEvent, type WaitUntil } from './policy-document.js';
import type { SelectedPath } from './select-path.js';

export const DAY_MS = 86_400_000;

export interface PathState {
  ruleId: string;
  steps: readonly PolicyStep[];
  /** the step to run next */
  index: number;
  startedAt: number;
  /** the current step may run from this instant (a blocked contact's retry) */
  dueAt: number;
  /** while a wait step runs: when it ends, and what ends it sooner */
  waitEndsAt: number | null;
  waitingFor: readonly WaitUntil[];
  /** channels the gate refused for good for the current step */
  refused: readonly Channel[];
  /** a handoff opened a case: nothing runs until it comes back */
  withCollector: boolean;
  stopped: string | null;
}

export type ContactStepKind = 'send' | 'call' | 'offer';

export type PathAction =
  /** nothing to do before `until` (null: until something happens outside, such as a case coming back) */
  | { kind: 'idle'; until: number | null }
  | {
      kind: 'contact';
      stepIndex: number;
      step: ContactStepKind;
      /** the channel to use: the step's own, or the first fallback still usable */
      channel: Channel;
      /** the step's channel when a fallback replaces it */
      fallbackFrom: Channel | null;
      /** every channel the step could have used, in the policy's order */
      options: readonly Channel[];
      template: string;
      automated: boolean;
      offer: 'promise' | 'plan' | null;
    }
  | { kind: 'handoff'; stepIndex: number; queue: string; skills: readonly string[]; priority: 'risk_x_balance' | number }
  /** the step could not run (no usable channel): it is abandoned with the reason, and the path goes on */
  | { kind: 'skip'; stepIndex: number; reason: string }
  /** the path is done: ask the policy again with path_completed */
  | { kind: 'completed' }
  | { kind: 'stopped'; reason: string };

export interface RunContext {
  settings: PolicySettings;
  /** channels known to be unusable for this borrower: opted out, wrong number, bounced */
  unusable: readonly Channel[];
  /** an open promise or dispute pauses the path, until the instant given (null: until lifted) */
  hold?: { until: number | null } | null;
}

export function startPath(selected: SelectedPath, at: number): PathState {
  return { ruleId: selected.ruleId, steps: selected.rule.path, index: 0, startedAt: at, dueAt: at, waitEndsAt: null, waitingFor: [], refused: [], withCollector: false, stopped: null };
}

/**
 * A re-evaluation's answer: a bucket change that selects the rule already running keeps its
 * place; anything else starts the selected path from its first step.
 */
export function reconsider(current: PathState | null, selected: SelectedPath, event: RecoveryEvent, at: number): PathState {
  if (current !== null && event === 'bucket_changed' && current.ruleId === selected.ruleId && current.stopped === null) return current;
  return startPath(selected, at);
}

/** What to do at `at`. Waits start and end here; everything else needs the caller and one of the transitions below. */
export function nextAction(state: PathState, at: number, context: RunContext): { state: PathState; action: PathAction } {
  if (state.stopped !== null) return { state, action: { kind: 'stopped', reason: state.stopped } };
  if (state.withCollector) return { state, action: { kind: 'idle', until: null } };
  if (context.hold) return { state, action: { kind: 'idle', until: context.hold.until } };
  if (at < state.dueAt) return { state, action: { kind: 'idle', until: state.dueAt } };
  let s = state;
  // Each pass either returns or moves past one wait, so the loop ends within the path's length.
  for (let guard = 0; guard <= s.steps.length; guard++) {
    const step = s.steps[s.index];
    if (step === undefined) {
      const earliest = s.startedAt + DAY_MS;
      return at < earliest ? { state: s, action: { kind: 'idle', until: earliest } } : { state: s, action: { kind: 'completed' } };
    }
    if ('wait' in step) {
      if (s.waitEndsAt === null) {
        const ends = at + step.wait.days * DAY_MS;
        return { state: { ...s, waitEndsAt: ends, waitingFor: step.wait.until ?? [], dueAt: ends }, action: { kind: 'idle', until: ends } };
      }
      if (at < s.waitEndsAt) return { state: s, action: { kind: 'idle', until: s.waitEndsAt } };
      s = advance(s, at);
      continue;
    }
    if ('handoff' in step) {
      const { queue, skills, priority } = step.handoff;
      return { state: s, action: { kind: 'handoff', stepIndex: s.index, queue, skills: skills ?? [], priority: priority ?? 'risk_x_balance' } };
    }
    if ('stop' in step) {
      const stopped = { ...s, stopped: step.stop.reason };
      return { state: stopped, action: { kind: 'stopped', reason: step.stop.reason } };
    }
    const own = stepChannel(step)!;
    const options = channelOptions(own, context.settings);
    const channel = options.find((c) => !context.unusable.includes(c) && !s.refused.includes(c));
    if (channel === undefined) {
      return { state: advance(s, at), action: { kind: 'skip', stepIndex: s.index, reason: `no usable channel among ${options.join(', ')}` } };
    }
    const base = { kind: 'contact' as const, stepIndex: s.index, channel, fallbackFrom: channel === own ? null : own, options };
    if ('send' in step) return { state: s, action: { ...base, step: 'send', template: step.send.template, automated: automatedDefault(channel, step.send.automated), offer: null } };
    if ('call' in step) return { state: s, action: { ...base, step: 'call', template: step.call.script, automated: automatedDefault(channel, step.call.automated), offer: null } };
    return { state: s, action: { ...base, step: 'offer', template: step.offer.template, automated: automatedDefault(channel, undefined), offer: step.offer.kind } };
  }
  throw new Error('unreachable: the path has no step to run');
}

/** The step's contact went out. */
export function contactSent(state: PathState, at: number): PathState {
  return advance(state, at);
}

/** The gate blocked the step's contact on `channel`: wait for its retryAt, or try the next channel when it gave none. */
export function contactBlocked(state: PathState, channel: Channel, retryAt: number | null): PathState {
  if (retryAt !== null) return { ...state, dueAt: Math.max(retryAt, state.dueAt) };
  return { ...state, refused: [...state.refused, channel] };
}

/** The handoff step opened its case. */
export function handedOff(state: PathState, at: number): PathState {
  return { ...advance(state, at), withCollector: true };
}

/** The case came back from the collector's queue: the path goes on from the step after the handoff. */
export function caseReturned(state: PathState, at: number): PathState {
  return { ...state, withCollector: false, dueAt: Math.max(at, state.dueAt) };
}

/** Something the borrower did: a wait that lists it ends now. */
export function notify(state: PathState, event: WaitUntil, at: number): PathState {
  if (state.waitEndsAt === null || !state.waitingFor.includes(event)) return state;
  return advance(state, at);
}

/** The step's channel first, then the policy's fallbacks for it, each once. */
export function channelOptions(channel: Channel, settings: PolicySettings): Channel[] {
  return [...new Set([channel, ...(settings.fallback[channel] ?? [])])];
}

function advance(state: PathState, at: number): PathState {
  return { ...state, index: state.index + 1, dueAt: at, waitEndsAt: null, waitingFor: [], refused: [] };
}

// Texts and calls are automated unless the step says otherwise (policy-document.ts); email and letters are not TCPA channels.
function automatedDefault(channel: Channel, stated: boolean | undefined): boolean {
  return stated ?? automatedByDefault(channel);
}

export interface OpenPromise {
  amountMinor: number;
  /** the end of the promised day, epoch ms */
  dueAt: number;
  madeAt: number;
  /** paid since the promise was made, minor units */
  paidMinor: number;
}

/**
 * A promise's day, within the policy's reach: a day in the past or none means the borrower's
 * next day; past `promiseMaxDays` it is the last day allowed. `dayEnd` maps a day offset from
 * `madeAt` to the end of that local day.
 */
export function promiseDueAt(daysAhead: number | null, settings: PolicySettings, dayEnd: (daysAhead: number) => number): number {
  const days = daysAhead === null || daysAhead < 1 ? 1 : Math.min(daysAhead, settings.promiseMaxDays);
  return dayEnd(days);
}

/** Kept when payments reach the amount less the tolerance; broken once its day is over without that. */
export function promiseStatus(promise: OpenPromise, at: number, settings: PolicySettings): 'kept' | 'broken' | 'open' {
  if (promise.paidMinor * 10_000 >= promise.amountMinor * (10_000 - settings.promiseToleranceBps)) return 'kept';
  return at > promise.dueAt ? 'broken' : 'open';
}
