// The notices the law requires of the episode, sent beside its path through the same dispatch and
// gate as every contact (their purpose tells the gate what they are: rules.ts):
//
// - The validation information in writing within five business days of the first communication
//   about the debt (12 CFR 1006.34(a)(1)). The gate puts it on every text and email until one has
//   carried it, so it is owed only when the first communication was a call: a collector's
//   conversation, or an automated call the borrower answered. After such a call the episode asks
//   (validationNoticeDue, from the contact log) and, when it is owed, sends `validation_notice` at
//   once, held only by the hours and holds the gate keeps. It goes even when the episode ends
//   meanwhile, unless the debt was paid (the FDCPA excuses the notice then). By email, else a text,
//   else a letter through the print-and-mail provider (reg-f-notices-by-letter), which carries the
//   notice itself; when no written channel takes it (no postal address either, mail returned, a
//   stop), the timeline says a person must deliver it by the deadline.
// - The answer to a request for the original creditor's name and address (1006.38(c)): the
//   request pauses collection (recovery.workflow.ts) until `original_creditor_answer` has gone out,
//   at once for a loan the lender made, or once ops record the original creditor of an imported
//   one (originalCreditorRecordedSignal), by the same written channels. Then the standing's hold is
//   lifted and the path resumes.
import { ActivityFailure, condition, patched, workflowInfo } from '@temporalio/workflow';
import type { DeliverContactCommand, DeliverContactResult } from '../../activities/recovery-contact/deliver-contact.command.js';
import type { Channel, ContactPurpose } from '../../policies/compliance/rules.js';
import type { NoticeTemplateKey } from '../../policies/recovery/template-keys.js';
import { CONTACT_MAX_ATTEMPTS, contacts, notices } from './activities.js';
import type { EpisodeEnd } from './definitions.js';
import { dpdNow, type EpisodeState } from './episode-state.js';
import type { Timeline } from './timeline.js';

/** The check after a call: the validation notice owed when a call was the first communication. */
export const VALIDATION_AFTER_CALL = 'reg-f-validation-after-call';
/** A request for the original creditor pauses the episode until it has sent the answer. */
export const ORIGINAL_CREDITOR_REQUESTS = 'reg-f-original-creditor-requests';
/** The notices go by letter when neither email nor a text can take them. */
export const NOTICES_BY_LETTER = 'reg-f-notices-by-letter';

/** How long after an automated call the episode looks whether it was answered (its callbacks have come by then). */
export const AFTER_CALL_CHECK_MS = 60 * 60_000;

/** Ends on which the debt was paid: the validation notice is no longer owed (15 U.S.C. 1692g(a)). */
const DEBT_PAID: readonly EpisodeEnd[] = ['paid_off', 'settled'];

export function owesOriginalCreditor(s: EpisodeState): boolean {
  return Boolean(s.originalCreditor);
}

/** Collection waits while a dispute or a request for the original creditor is unanswered. */
export function collectionHeld(s: EpisodeState): boolean {
  return s.disputeOpen || owesOriginalCreditor(s);
}

export function pauseReason(s: EpisodeState): string {
  if (s.disputeOpen && owesOriginalCreditor(s)) return "dispute awaiting verification; original creditor's name and address owed";
  return s.disputeOpen ? 'dispute awaiting verification' : "original creditor's name and address owed";
}

/**
 * After a call that may have been the first communication about the debt (US only: the rule is
 * Reg F's), a check at `at`. Behind the patch, so histories from before it replay as they ran.
 */
export function armValidationCheck(s: EpisodeState, at: number): void {
  if (s.country !== 'US' || !patched(VALIDATION_AFTER_CALL)) return;
  if (!s.validationNotice) s.validationNotice = { checkAt: at, deliveryKey: null, held: null };
  else if (s.validationNotice.held === null) s.validationNotice.checkAt = Math.min(s.validationNotice.checkAt, at);
}

/** A request for the original creditor's name and address (a reply from the notice's form, or the standing at the start). */
export function requestOriginalCreditor(s: EpisodeState, timeline: Timeline, source: string, at: string): void {
  if (s.ended || s.originalCreditor || !patched(ORIGINAL_CREDITOR_REQUESTS)) return;
  s.originalCreditor = { state: 'answering', requestedAt: at, deliveryKey: null };
  timeline.log('original_creditor_requested', { source });
}

/** The path resumes (a dispute verified, the creditor answered): a notice the gate held for good is asked for again. */
export function releaseHeldNotices(s: EpisodeState): void {
  if (s.validationNotice?.held) s.validationNotice = { ...s.validationNotice, held: null, checkAt: Date.now() };
}

/** A run continued from another: an answer that was sleeping until the gate's instant asks again at once. */
export function resumeNotices(s: EpisodeState): void {
  if (s.originalCreditor?.state === 'waiting') s.originalCreditor.state = 'answering';
  s.noticeCalls = 0;
}

async function call<T>(s: EpisodeState, work: () => Promise<T>): Promise<T> {
  s.noticeCalls = (s.noticeCalls ?? 0) + 1;
  try {
    return await work();
  } finally {
    s.noticeCalls--;
  }
}

/**
 * A notice by email (the whole text, a link to the notice), else by text, else by letter (the notice
 * itself, posted); never by a call, which leaves nothing in writing. The letter is behind the patch:
 * a run that sent its notices before it replays with the channels it offered then.
 */
function noticeCommand(s: EpisodeState, purpose: ContactPurpose, template: NoticeTemplateKey, deliveryKey: string): DeliverContactCommand {
  const fallbacks: Channel[] = patched(NOTICES_BY_LETTER) ? ['sms', 'whatsapp', 'letter'] : ['sms', 'whatsapp'];
  return {
    deliveryKey,
    loanId: s.loanId,
    workflowId: workflowInfo().workflowId,
    kind: 'send',
    channel: 'email',
    fallbacks,
    template,
    purpose,
    automated: false,
    threatensSuit: false,
    at: Date.now(),
    weeklyCaps: {},
    segment: s.segment,
    policy: { version: s.path?.version ?? null, ruleId: purpose === 'validation_notice' ? '(reg-f 1006.34)' : '(reg-f 1006.38(c))', stepIndex: s.path?.stepIndex ?? 0 },
    facts: { currency: s.currency, amountDueMinor: s.account.overdueMinor, outstandingMinor: s.account.outstandingMinor, dueOn: s.account.oldestDueOn ?? null, dpd: dpdNow(s, Date.now()) },
    options: { allowed: ['email', ...fallbacks], chosen: 'email' },
    maxAttempts: CONTACT_MAX_ATTEMPTS,
  };
}

type Sent = Extract<DeliverContactResult, { outcome: 'sent' }>;

/** Sends a notice and logs what became of it as the path's contacts are logged; answers the send, or the instant to try again (null: not by waiting). */
async function send(s: EpisodeState, timeline: Timeline, purpose: ContactPurpose, template: NoticeTemplateKey, deliveryKey: string): Promise<Sent | { retryAt: number | null }> {
  let result: DeliverContactResult;
  try {
    result = await call(s, () => contacts().deliverContact(noticeCommand(s, purpose, template, deliveryKey)));
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    timeline.log('contact_failed', { kind: 'send', channel: 'email', template, purpose, reason: err.cause?.message ?? err.message });
    return { retryAt: null };
  }
  if (result.outcome === 'sent') {
    s.counts.contacts++;
    s.lastContactAt = Date.now();
    timeline.log('contact_sent', { kind: 'send', channel: result.channel, template, purpose, deliveryKey: result.deliveryKey, disclosures: result.disclosures });
    return result;
  }
  if (result.outcome === 'dead_lettered') {
    timeline.log('contact_dead_lettered', { kind: 'send', channel: result.channel, template, purpose, reason: result.reason });
    return { retryAt: null };
  }
  s.counts.blocked++;
  const then = result.retryAt === null ? { abandoned: result.reason } : { rescheduledTo: new Date(result.retryAt).toISOString() };
  timeline.log('contact_blocked', { kind: 'send', channel: result.channel, template, purpose, rule: result.rule, citation: result.citation, reason: result.reason, tried: result.tried, ...then });
  return { retryAt: result.retryAt };
}

/** The validation information in writing after a call that was the first communication (1006.34). Runs beside the path, and past the episode's end unless the debt was paid. */
export async function ensureValidationNotice(s: EpisodeState, timeline: Timeline): Promise<void> {
  for (;;) {
    await condition(() => (s.validationNotice !== undefined && s.validationNotice.held === null) || s.ended !== null);
    const armed = s.validationNotice;
    if (!armed || armed.held !== null) return;
    if (s.ended && DEBT_PAID.includes(s.ended.reason)) {
      s.validationNotice = undefined;
      return;
    }
    const wait = armed.checkAt - Date.now();
    if (wait > 0) {
      // An earlier check (a collector's conversation during an automated call's wait) moves it forward.
      const checkAt = armed.checkAt;
      await condition(() => s.validationNotice !== armed || armed.checkAt < checkAt, wait);
      continue;
    }
    const due = await call(s, () => notices.validationNoticeDue({ loanId: s.loanId }));
    if (!due) {
      s.validationNotice = undefined;
      continue;
    }
    if (armed.deliveryKey === null) {
      armed.deliveryKey = `${workflowInfo().workflowId}-v${++s.contactSeq}`;
      timeline.log('validation_notice_due', { firstCommunicationAt: new Date(due.firstCommunicationAt).toISOString(), dueBy: new Date(due.dueBy).toISOString(), citation: due.citation });
    }
    const outcome = await send(s, timeline, 'validation_notice', 'validation_notice', armed.deliveryKey);
    if ('outcome' in outcome) s.validationNotice = undefined;
    else if (outcome.retryAt !== null) armed.checkAt = outcome.retryAt;
    else {
      // Refused for good on every written channel (no email, no consent to texts, no postal address
      // or mail returned, an opt-out, a dispute): a person must deliver it by the deadline. Held
      // until the episode resumes (a dispute verified), when it is tried again under a new key.
      timeline.log('validation_notice_undeliverable', { dueBy: new Date(due.dueBy).toISOString(), reason: 'no written channel took it: deliver it by the deadline' });
      s.validationNotice = { checkAt: Date.now(), deliveryKey: null, held: 'refused on every written channel' };
    }
  }
}

/** The answer to a request for the original creditor (1006.38(c)); the episode stays paused until it has gone out. */
export async function answerOriginalCreditor(s: EpisodeState, timeline: Timeline): Promise<void> {
  for (;;) {
    await condition(() => s.originalCreditor?.state === 'answering' || s.ended !== null);
    // An episode that ends still owing it leaves the request open in the standing: the next one starts paused and answers.
    if (s.ended) return;
    const request = s.originalCreditor!;
    const known = await call(s, () => notices.originalCreditorKnown({ loanId: s.loanId }));
    if (!known.known) {
      request.state = 'unknown';
      timeline.log('original_creditor_unknown', { reason: known.reason });
      continue;
    }
    request.deliveryKey ??= `${workflowInfo().workflowId}-o${++s.contactSeq}`;
    const outcome = await send(s, timeline, 'original_creditor', 'original_creditor_answer', request.deliveryKey);
    if ('outcome' in outcome) {
      await call(s, () => notices.originalCreditorProvided({ loanId: s.loanId, deliveryKey: outcome.deliveryKey, at: new Date().toISOString() }));
      s.originalCreditor = undefined;
      timeline.log('original_creditor_provided', { channel: outcome.channel, deliveryKey: outcome.deliveryKey, creditor: known.source });
      continue;
    }
    if (outcome.retryAt === null) {
      // Refused for good, or it could not be sent: ops can record the creditor again to try anew (a new key).
      request.state = 'blocked';
      request.deliveryKey = null;
      continue;
    }
    request.state = 'waiting';
    await condition(() => s.ended !== null || request.state !== 'waiting', Math.max(1, outcome.retryAt - Date.now()));
    if (request.state === 'waiting') request.state = 'answering';
  }
}
