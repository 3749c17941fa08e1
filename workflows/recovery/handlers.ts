// The episode's signals, update and query. Handlers change state and log; the main line decides
// what to do about it (a bucket change or a broken promise interrupts the path, a reply or a
// promise ends a `wait`, a dispute pauses everything until verified).
import { addDays, compareIsoDates, toIsoDate } from '../../domain/calendar.js';
import { patched, setHandler } from '@temporalio/workflow';
import type { PolicySettings } from '../../policies/recovery/policy-document.js';
import {
  accountSignal,
  arrangementBrokenSignal,
  caseOutcomeSignal,
  caseTouchedSignal,
  deliveryFailedSignal,
  disputeVerifiedSignal,
  episodeEndedSignal,
  isConversation,
  makePromiseUpdate,
  originalCreditorRecordedSignal,
  paymentAppliedSignal,
  recoveryStateQuery,
  replySignal,
  type PromiseCommand,
  type RecoveryAccount,
} from './definitions.js';
import { firstApplication } from './applied-signals.js';
import type { EpisodeState } from './episode-state.js';
import { checkPromise, makePromise, paymentTowardsPromise } from './promises.js';
import { armValidationCheck, requestOriginalCreditor } from './required-notices.js';
import type { Timeline } from './timeline.js';

/** Patch ID: the loan tells the episode its arrangement broke (asked only when that signal arrives). */
export const RECOVERY_ARRANGEMENT_BROKEN = 'recovery-arrangement-broken';

/** A reply that promises without a day: the policy's longest horizon, at most a week. */
const DEFAULT_PROMISE_DAYS = 7;

export function registerHandlers(s: EpisodeState, timeline: Timeline, settings: () => PolicySettings | null): void {
  const updateAccount = (account: RecoveryAccount) => {
    const before = s.account;
    s.account = account;
    if (account.bucket !== before.bucket) {
      // A later bucket is a roll forward; an earlier one (a part payment) is not.
      if (account.dpd > before.dpd) s.rolledForward = true;
      timeline.log('bucket_changed', { from: before.bucket, to: account.bucket, dpd: account.dpd });
      // Back to current is a cure: the loan ends the episode next, so nothing is chosen again for it.
      if (!s.ended && account.dpd > 0) s.interrupts.push('bucket_changed');
    }
  };
  setHandler(accountSignal, updateAccount);
  setHandler(paymentAppliedSignal, (payment) => {
    s.recoveredMinor += payment.amountMinor;
    s.since.paid = true;
    timeline.log('payment_received', { amountMinor: payment.amountMinor, currency: s.currency, on: payment.on, externalId: payment.externalId });
    paymentTowardsPromise(s, timeline, payment.amountMinor, settings());
    updateAccount(payment.account);
  });
  // A broken arrangement is a broken promise: counted and learnt as one, and the path chosen again for it.
  setHandler(arrangementBrokenSignal, (broken) => {
    if (s.ended || !patched(RECOVERY_ARRANGEMENT_BROKEN)) return;
    s.counts.promisesBroken++;
    s.learnt.promises.push({ madeOn: broken.appliedOn, kept: false });
    s.learntDirty = true;
    timeline.log('arrangement_broken', { arrangementId: broken.arrangementId, kind: broken.kind, dueOn: broken.dueOn, amountMinor: broken.amountMinor, paidMinor: broken.paidMinor, currency: s.currency });
    s.interrupts.push('promise_broken');
  });
  setHandler(episodeEndedSignal, (end) => {
    if (!s.ended) s.ended = end;
  });
  setHandler(replySignal, (reply) => {
    s.counts.replies++;
    s.since.replied = true;
    timeline.log('reply', { channel: reply.channel, intent: reply.intent.kind, inboundId: reply.inboundId, receivedAt: reply.receivedAt });
    // A key pressed in our call is a call answered.
    if (reply.channel === 'voice') {
      s.learnt.callsAnswered++;
      s.learntDirty = true;
    }
    const intent = reply.intent;
    if (intent.kind === 'stop') s.optedOut = true;
    else if (intent.kind === 'dispute') openDispute(s, timeline, `reply ${reply.inboundId}`);
    else if (intent.kind === 'help' && !s.ended) s.helpRequests.push(reply.channel);
    else if (intent.kind === 'promise') promiseFromReply(s, timeline, settings(), { amountMinor: intent.amountMinor, on: intent.on }, 'reply', reply.inboundId);
    // From the validation notice's form, alone or with a dispute (12 CFR 1006.38(c)).
    if (intent.kind === 'original_creditor' || (intent.kind === 'dispute' && intent.originalCreditor === true)) requestOriginalCreditor(s, timeline, `reply ${reply.inboundId}`, reply.receivedAt);
  });
  setHandler(deliveryFailedSignal, (failure) => {
    timeline.log('delivery_failed', { deliveryKey: failure.deliveryKey, channel: failure.channel, reason: failure.reason });
  });
  setHandler(originalCreditorRecordedSignal, (recorded) => {
    // Recorded by ops: an answer that waited for it (or that the gate refused) is tried now.
    if (!s.originalCreditor || (s.originalCreditor.state !== 'unknown' && s.originalCreditor.state !== 'blocked')) return;
    s.originalCreditor.state = 'answering';
    timeline.log('original_creditor_recorded', { by: recorded.by });
  });
  setHandler(disputeVerifiedSignal, (verified) => {
    if (!s.disputeOpen) return;
    s.disputeOpen = false;
    timeline.log('dispute_verified', { by: verified.by, ...(verified.note ? { note: verified.note } : {}) });
  });
  // Case signals come through the outbox, at least once: each is applied once (applied-signals.ts).
  setHandler(caseTouchedSignal, (touch) => {
    if (touch.caseId !== s.caseId || !firstApplication(s, touch.signalId)) return;
    s.caseTouchedAt = Date.now();
    timeline.log('case_touched', { caseId: touch.caseId, by: touch.by });
  });
  setHandler(caseOutcomeSignal, (outcome) => {
    if (!firstApplication(s, outcome.signalId)) return;
    if (outcome.caseId === s.caseId) s.caseTouchedAt = Date.now();
    timeline.log('case_outcome', { caseId: outcome.caseId, outcome: outcome.outcome, by: outcome.by, ...(outcome.note ? { note: outcome.note } : {}) });
    if (outcome.outcome === 'disputed') openDispute(s, timeline, `collector ${outcome.by}`);
    // A conversation may have been the first communication about the debt: the validation notice may be owed now (1006.34).
    if (isConversation(outcome.outcome) && !s.ended) armValidationCheck(s, Date.now());
    if (outcome.promise && s.promise?.status !== 'open' && !s.ended) {
      try {
        checkPromise(s, outcome.promise, settings());
        makePromise(s, timeline, { ...outcome.promise, source: 'collector', takenBy: outcome.by });
      } catch (err) {
        timeline.log('promise_refused', { by: outcome.by, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  });
  setHandler(makePromiseUpdate, (command: PromiseCommand) => makePromise(s, timeline, command), {
    validator: (command: PromiseCommand) => checkPromise(s, command, settings()),
  });
  setHandler(recoveryStateQuery, () => ({
    loanId: s.loanId,
    episode: s.episode,
    status: s.ended ? 'ended' : s.stage === 'ended' ? 'ended' : s.stage,
    policyVersion: s.path?.version ?? null,
    ruleId: s.path?.ruleId ?? null,
    stepIndex: s.path?.stepIndex ?? 0,
    promise: s.promise,
    account: s.account,
  }));
}

function openDispute(s: EpisodeState, timeline: Timeline, source: string): void {
  if (s.disputeOpen) return;
  s.disputeOpen = true;
  timeline.log('dispute_opened', { source });
}

/** A promise read from a reply: its amount or what is overdue, its day or a week, within the policy's horizon. */
function promiseFromReply(s: EpisodeState, timeline: Timeline, settings: PolicySettings | null, said: { amountMinor: number | null; on: string | null }, source: 'reply' | 'ivr', takenBy: string): void {
  if (s.ended || s.promise?.status === 'open') {
    timeline.log('promise_not_taken', { source, reason: s.ended ? 'episode ended' : 'a promise is already open' });
    return;
  }
  const today = toIsoDate(Date.now());
  const horizon = addDays(today, Math.min(settings?.promiseMaxDays ?? DEFAULT_PROMISE_DAYS, DEFAULT_PROMISE_DAYS));
  const dueOn = said.on && compareIsoDates(said.on, today) >= 0 && compareIsoDates(said.on, addDays(today, settings?.promiseMaxDays ?? DEFAULT_PROMISE_DAYS)) <= 0 ? said.on : horizon;
  const amountMinor = said.amountMinor && said.amountMinor > 0 ? said.amountMinor : s.account.overdueMinor;
  if (amountMinor <= 0) return;
  makePromise(s, timeline, { amountMinor, dueOn, source, takenBy });
}
