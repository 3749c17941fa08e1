import { describe, expect, it } from '@jest/globals';
import { caseReturned, contactBlocked, contactSent, DAY_MS, handedOff, nextAction, notify, promiseDueAt, promiseStatus, reconsider, startPath, type PathState } from './path-runner.js';
import type { Channel } from '../compliance/rules.js';
import type { PolicySettings, PolicyStep } from './policy-document.js';

const settings: PolicySettings = { weeklyCaps: {}, fallback: { sms: ['whatsapp', 'email'], voice: ['sms'] }, promiseToleranceBps: 100, promiseMaxDays: 30 };
const path: PolicyStep[] = [
  { send: { channel: 'sms', template: 'reminder' } },
  { wait: { days: 2, until: ['paid', 'promised'] } },
  { call: { script: 'reminder_call' } },
  { handoff: { queue: 'collections', skills: ['negotiation'] } },
];
const T = Date.UTC(2026, 9, 5, 9);
const start = (steps = path) => startPath({ ruleId: 'r1', rule: { id: 'r1', when: {}, path: steps } }, T);
const run = (state: PathState, at: number, unusable: Channel[] = []) => nextAction(state, at, { settings, unusable });

describe('the path runner', () => {
  it('walks a path: contact, wait its days, contact, hand off, then asks the policy again once the case is back', () => {
    let { state, action } = run(start(), T);
    expect(action).toMatchObject({ kind: 'contact', stepIndex: 0, channel: 'sms', fallbackFrom: null, automated: true, template: 'reminder', options: ['sms', 'whatsapp', 'email'] });
    state = contactSent(state, T);
    ({ state, action } = run(state, T));
    expect(action).toEqual({ kind: 'idle', until: T + 2 * DAY_MS });
    expect(run(state, T + DAY_MS).action).toEqual({ kind: 'idle', until: T + 2 * DAY_MS });
    ({ state, action } = run(state, T + 2 * DAY_MS));
    expect(action).toMatchObject({ kind: 'contact', stepIndex: 2, step: 'call', channel: 'voice' });
    state = contactSent(state, T + 2 * DAY_MS);
    ({ state, action } = run(state, T + 2 * DAY_MS));
    expect(action).toMatchObject({ kind: 'handoff', queue: 'collections', skills: ['negotiation'], priority: 'risk_x_balance' });
    state = handedOff(state, T + 2 * DAY_MS);
    expect(run(state, T + 9 * DAY_MS).action).toEqual({ kind: 'idle', until: null });
    state = caseReturned(state, T + 9 * DAY_MS);
    expect(run(state, T + 9 * DAY_MS).action).toEqual({ kind: 'completed' });
  });

  it('ends a wait early on an event it lists, and only on those', () => {
    let { state } = run(contactSent(start(), T), T);
    expect(notify(state, 'replied', T + 60_000)).toBe(state);
    state = notify(state, 'paid', T + 60_000);
    expect(run(state, T + 60_000).action).toMatchObject({ kind: 'contact', stepIndex: 2 });
  });

  it('waits for the gate: a retry instant holds the step, a refusal for good moves to the next fallback, and none left abandons the step', () => {
    let state = contactBlocked(start(), 'sms', T + 3 * 3_600_000);
    expect(run(state, T).action).toEqual({ kind: 'idle', until: T + 3 * 3_600_000 });
    expect(run(state, T + 3 * 3_600_000).action).toMatchObject({ kind: 'contact', channel: 'sms' });
    state = contactBlocked(state, 'sms', null);
    expect(run(state, T + 3 * 3_600_000).action).toMatchObject({ kind: 'contact', channel: 'whatsapp', fallbackFrom: 'sms' });
    // WhatsApp is known unusable (not on file): straight to email.
    expect(run(state, T + 3 * 3_600_000, ['whatsapp']).action).toMatchObject({ kind: 'contact', channel: 'email', automated: false });
    state = contactBlocked(state, 'whatsapp', null);
    const { state: after, action } = run(state, T + 3 * 3_600_000, ['email']);
    expect(action).toEqual({ kind: 'skip', stepIndex: 0, reason: 'no usable channel among sms, whatsapp, email' });
    expect(run(after, T + 3 * 3_600_000).action).toEqual({ kind: 'idle', until: T + 3 * 3_600_000 + 2 * DAY_MS });
  });

  it('holds the path while a promise or dispute is open', () => {
    expect(nextAction(start(), T, { settings, unusable: [], hold: { until: null } }).action).toEqual({ kind: 'idle', until: null });
  });

  it('never asks the policy again within a day of starting a path, so a path of refused steps cannot spin', () => {
    const { state, action } = run(start([{ send: { channel: 'email', template: 'x' } }]), T, ['email']);
    expect(action.kind).toBe('skip');
    expect(run(state, T).action).toEqual({ kind: 'idle', until: T + DAY_MS });
    expect(run(state, T + DAY_MS).action).toEqual({ kind: 'completed' });
  });

  it('keeps its place when a bucket change selects the same rule, and restarts on anything else', () => {
    const moved = contactSent(start(), T);
    const same = { ruleId: 'r1', rule: { id: 'r1', when: {}, path } };
    expect(reconsider(moved, same, 'bucket_changed', T + DAY_MS)).toBe(moved);
    expect(reconsider(moved, same, 'promise_broken', T + DAY_MS).index).toBe(0);
    expect(reconsider(moved, { ruleId: 'r2', rule: { id: 'r2', when: {}, path } }, 'bucket_changed', T + DAY_MS)).toMatchObject({ ruleId: 'r2', index: 0 });
  });

  it('stops at a stop step', () => {
    const { state, action } = run(start([{ stop: { reason: 'settled' } }]), T);
    expect(action).toEqual({ kind: 'stopped', reason: 'settled' });
    expect(run(state, T + DAY_MS).action).toEqual({ kind: 'stopped', reason: 'settled' });
  });

  it('keeps promises within their tolerance and reach', () => {
    const end = (days: number) => T + days * DAY_MS;
    expect(promiseDueAt(null, settings, end)).toBe(end(1));
    expect(promiseDueAt(0, settings, end)).toBe(end(1));
    expect(promiseDueAt(45, settings, end)).toBe(end(30));
    const promise = { amountMinor: 500_000, dueAt: end(3), madeAt: T, paidMinor: 0 };
    expect(promiseStatus(promise, end(2), settings)).toBe('open');
    expect(promiseStatus(promise, end(3) + 1, settings)).toBe('broken');
    // 1% tolerance: 4,950.00 of 5,000.00 keeps it; 4,949.99 does not.
    expect(promiseStatus({ ...promise, paidMinor: 495_000 }, end(9), settings)).toBe('kept');
    expect(promiseStatus({ ...promise, paidMinor: 494_999 }, end(9), settings)).toBe('broken');
  });
});
