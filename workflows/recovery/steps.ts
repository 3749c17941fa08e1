// How each kind of step runs. A contact asks the dispatch activity (which asks the gate): sent,
// blocked until an instant (sleep, ask again: rescheduled), blocked for good (logged, the path
// goes on) or dead-lettered. A `wait` ends early on what its `until` names. A `handoff` opens a
// case and keeps its SLA: untouched for 5 days, the lapse is counted against its holder and the
// case goes to someone else. Every step returns early when the path is interrupted.
import { ActivityFailure, condition, getExternalWorkflowHandle, patched, workflowInfo } from '@temporalio/workflow';
import { loanWorkflowId } from '../../domain/loan-id.js';
import { recoveryLearntSignal } from '../loan/definitions.js';
import { toIsoDate } from '../../domain/calendar.js';
import type { Channel } from '../../policies/compliance/rules.js';
import type { HandoffStep, PolicySettings, PolicyStep, WaitStep } from '../../policies/recovery/policy-document.js';
import type { DeliverContactCommand, DeliverContactResult, DraftedMessage } from '../../activities/recovery-contact/deliver-contact.command.js';
import type { DraftChannel } from '../../rag/drafting/draft-types.js';
import { CONTACT_MAX_ATTEMPTS, DRAFTED_SENDS, cases, contacts, drafting } from './activities.js';
import { dpdNow, type EpisodeState } from './episode-state.js';
import { AFTER_CALL_CHECK_MS, armValidationCheck } from './required-notices.js';
import type { Timeline } from './timeline.js';

export const DAY_MS = 86_400_000;
/** A hand-off case untouched this long is an SLA breach. */
export const CASE_SLA_MS = 5 * DAY_MS;

/** Priority weights of risk by propensity band: the least likely to pay first, at equal balance. */
const RISK_WEIGHT = { low: 3, medium: 2, high: 1 } as const;

export interface StepContext {
  s: EpisodeState;
  timeline: Timeline;
  settings: PolicySettings;
  /** an interrupt, the end or a dispute: whatever a step is doing, it stops */
  interrupted: () => boolean;
}

/** Runs one step; answers false when an interruption cut it short (the step is then not done, and is run again if the path resumes there). */
export async function runStep(ctx: StepContext, step: PolicyStep): Promise<boolean> {
  if ('send' in step) return contact(ctx, 'send', step.send.channel, step.send.template, step.send.automated ?? step.send.channel !== 'email', undefined, step.send.draft === true);
  if ('offer' in step) return contact(ctx, 'offer', step.offer.channel, step.offer.template, step.offer.channel !== 'email', step.offer.kind);
  if ('call' in step) return contact(ctx, 'call', 'voice', step.call.script, step.call.automated ?? true);
  if ('wait' in step) return wait(ctx, step);
  if ('handoff' in step) return handoff(ctx, step);
  ctx.s.stage = 'waiting';
  ctx.timeline.log('stopped', { reason: step.stop.reason });
  await condition(ctx.interrupted);
  return false;
}

async function contact(ctx: StepContext, kind: DeliverContactCommand['kind'], channel: Channel, template: string, automated: boolean, offer?: 'promise' | 'plan', draft = false): Promise<boolean> {
  const { s, timeline } = ctx;
  // One key per contact: a rescheduled attempt after a block is the same contact asked for again.
  const deliveryKey = `${workflowInfo().workflowId}-c${++s.contactSeq}`;
  for (;;) {
    if (ctx.interrupted()) return false;
    // Nothing overdue (a payment just brought the account up to date; the loan ends the episode next): nothing to chase.
    if (s.account.overdueMinor <= 0) {
      s.stage = 'waiting';
      timeline.log('contact_held', { reason: 'nothing is overdue' });
      await condition(() => s.account.overdueMinor > 0 || ctx.interrupted());
      continue;
    }
    // An open promise holds the dunning until it is kept or broken.
    if (s.promise?.status === 'open') {
      timeline.log('contact_held', { reason: 'a promise to pay is open', promiseId: s.promise.id });
      await condition(() => s.promise?.status !== 'open' || ctx.interrupted());
      continue;
    }
    s.stage = 'running';
    s.since = { paid: false, promised: false, replied: false };
    const fallbacks = ctx.settings.fallback[channel] ?? [];
    const path = s.path!;
    // Drafted afresh on each try, so the draft is judged at the hour it would go.
    const drafted = draft && patched(DRAFTED_SENDS) ? await draftFor(ctx, channel) : undefined;
    let result: DeliverContactResult;
    try {
      result = await contacts().deliverContact({
        ...(drafted ? { drafted } : {}),
        deliveryKey,
        loanId: s.loanId,
        workflowId: workflowInfo().workflowId,
        kind,
        channel,
        fallbacks,
        template,
        automated,
        threatensSuit: false,
        at: Date.now(),
        weeklyCaps: ctx.settings.weeklyCaps,
        segment: s.segment,
        policy: { version: path.version, ruleId: path.ruleId, stepIndex: path.stepIndex },
        facts: { currency: s.currency, amountDueMinor: s.account.overdueMinor, outstandingMinor: s.account.outstandingMinor, dueOn: s.account.oldestDueOn ?? null, dpd: dpdNow(s, Date.now()) },
        options: { allowed: [channel, ...fallbacks], chosen: channel },
        maxAttempts: CONTACT_MAX_ATTEMPTS,
      });
    } catch (err) {
      // A contact that cannot be made at all (a template that does not render) is logged and the path goes on: one bad message never stops recovery.
      if (!(err instanceof ActivityFailure)) throw err;
      timeline.log('contact_failed', { kind, channel, template, reason: err.cause?.message ?? err.message });
      return true;
    }
    if (result.outcome === 'sent') {
      s.counts.contacts++;
      s.lastContactAt = Date.now();
      if (result.channel === 'voice') {
        s.learnt.calls++;
        s.learntDirty = true;
        // Answered, this call may have been the first communication, and it left nothing in writing (1006.34).
        armValidationCheck(s, Date.now() + AFTER_CALL_CHECK_MS);
      }
      timeline.log('contact_sent', { kind, channel: result.channel, template, deliveryKey: result.deliveryKey, disclosures: result.disclosures, ...(offer ? { offer } : {}), ...(result.channel !== channel ? { fellBackFrom: channel } : {}), ...(draft ? { composer: result.composer ?? 'template' } : {}) });
      return true;
    }
    if (result.outcome === 'dead_lettered') {
      timeline.log('contact_dead_lettered', { kind, channel: result.channel, template, reason: result.reason });
      return true;
    }
    s.counts.blocked++;
    const then = result.retryAt === null ? { abandoned: result.reason } : { rescheduledTo: new Date(result.retryAt).toISOString() };
    timeline.log('contact_blocked', { kind, channel: result.channel, template, rule: result.rule, citation: result.citation, reason: result.reason, tried: result.tried, ...then });
    if (result.retryAt === null) return true;
    s.stage = 'waiting';
    await condition(ctx.interrupted, Math.max(1, result.retryAt - Date.now()));
  }
}

/**
 * The drafting agent's message for a send step, or none: the template goes when the draft fails
 * the gate's rules, when the loan lacks a record the draft needs, or when the agent keeps failing.
 * The dispatch asks the gate again before anything is sent, as it does for a template.
 */
async function draftFor(ctx: StepContext, channel: Channel): Promise<DraftedMessage | undefined> {
  const { s, timeline } = ctx;
  let reason: string;
  try {
    const d = await drafting.draftContactMessage({ loanId: s.loanId, channel: channel as DraftChannel, purpose: 'reminder', at: Date.now() });
    if (d.use === 'draft') return { subject: d.subject, text: d.text, disclosures: d.disclosures, language: d.language, tone: d.tone, composer: d.composer };
    reason = d.reason;
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    reason = `the drafting agent failed: ${err.cause?.message ?? err.message}`;
  }
  timeline.log('draft_not_used', { channel, reason });
  return undefined;
}

async function wait(ctx: StepContext, step: WaitStep): Promise<boolean> {
  const { s } = ctx;
  s.stage = 'waiting';
  const until = step.wait.until ?? [];
  const met = () => until.some((u) => s.since[u]);
  await condition(() => met() || ctx.interrupted(), step.wait.days * DAY_MS);
  if (met()) ctx.timeline.log('wait_ended', { by: until.filter((u) => s.since[u]) });
  return met() || !ctx.interrupted();
}

async function handoff(ctx: StepContext, step: HandoffStep): Promise<boolean> {
  const { s, timeline } = ctx;
  const at = new Date().toISOString();
  const priority = typeof step.handoff.priority === 'number' ? step.handoff.priority : RISK_WEIGHT[s.propensityBand ?? 'medium'] * s.account.outstandingMinor;
  const opened = await cases.openCase({
    caseId: s.caseId ?? `case-${workflowInfo().workflowId}`,
    workflowId: workflowInfo().workflowId,
    loanId: s.loanId,
    queue: step.handoff.queue,
    skills: step.handoff.skills ?? [],
    priority,
    at,
  });
  if ('refused' in opened) {
    timeline.log('handoff_refused', { queue: step.handoff.queue, reason: opened.refused });
    s.stage = 'waiting';
    await condition(ctx.interrupted);
    return false;
  }
  if (s.caseId !== opened.caseId) {
    s.caseId = opened.caseId;
    s.caseTouchedAt = Date.now();
    timeline.log('handed_off', { caseId: opened.caseId, queue: step.handoff.queue, skills: step.handoff.skills ?? [], priority, assigneeId: opened.assigneeId });
  }
  s.stage = 'handed_off';
  for (;;) {
    const touched = s.caseTouchedAt;
    await condition(() => s.caseTouchedAt !== touched || ctx.interrupted(), Math.max(1, touched + CASE_SLA_MS - Date.now()));
    if (ctx.interrupted()) return false;
    if (s.caseTouchedAt !== touched) continue;
    const breach = ++s.caseBreaches;
    const reassigned = await cases.breachCaseSla({ caseId: opened.caseId, breach, at: new Date().toISOString() });
    s.caseTouchedAt = Date.now();
    timeline.log('sla_breached', { caseId: opened.caseId, breach, reassignedTo: reassigned?.assigneeId ?? null, on: toIsoDate(Date.now()) });
  }
}

/**
 * Answers HELP replies as they come, beside the path: the answer is a contact like any other (the
 * gate decides; a blocked answer is logged, not retried, since the borrower can ask again).
 * Requested by the borrower, so not counted as an automated dunning message.
 */
/** True while the HELP answerer, the loan teller or a required notice is mid-call: a continue-as-new waits for them. */
export function backgroundBusy(s: EpisodeState): boolean {
  return s.helpRequests.length > 0 || s.learntDirty || (s.noticeCalls ?? 0) > 0;
}

export async function answerHelp(ctx: Omit<StepContext, 'interrupted'>, settings: () => PolicySettings | null): Promise<void> {
  const { s, timeline } = ctx;
  for (;;) {
    await condition(() => s.helpRequests.length > 0 || s.ended !== null);
    if (s.ended) return;
    const channel = s.helpRequests[0]!;
    if (channel === 'voice') {
      // "Press 2 to talk to a person": a person calls back, so it is a case for the callbacks queue.
      const opened = await cases.openCase({ caseId: s.caseId ?? `case-${workflowInfo().workflowId}`, workflowId: workflowInfo().workflowId, loanId: s.loanId, queue: 'callbacks', skills: [], priority: s.account.outstandingMinor, at: new Date().toISOString() });
      if ('refused' in opened) timeline.log('callback_refused', { reason: opened.refused });
      else {
        if (s.caseId !== opened.caseId) s.caseTouchedAt = Date.now();
        s.caseId = opened.caseId;
        timeline.log('callback_requested', { caseId: opened.caseId, assigneeId: opened.assigneeId });
      }
      s.helpRequests.shift();
      continue;
    }
    const deliveryKey = `${workflowInfo().workflowId}-h${++s.contactSeq}`;
    try {
      const result = await contacts().deliverContact({
        deliveryKey,
        loanId: s.loanId,
        workflowId: workflowInfo().workflowId,
        kind: 'send',
        channel,
        fallbacks: [],
        template: 'help_reply',
        automated: false,
        threatensSuit: false,
        at: Date.now(),
        weeklyCaps: settings()?.weeklyCaps ?? {},
        segment: s.segment,
        policy: { version: s.path?.version ?? null, ruleId: s.path?.ruleId ?? '(help)', stepIndex: s.path?.stepIndex ?? 0 },
        facts: { currency: s.currency, amountDueMinor: s.account.overdueMinor, outstandingMinor: s.account.outstandingMinor, dueOn: s.account.oldestDueOn ?? null, dpd: dpdNow(s, Date.now()) },
        options: { allowed: [channel], chosen: channel },
        maxAttempts: CONTACT_MAX_ATTEMPTS,
      });
      timeline.log(result.outcome === 'sent' ? 'help_answered' : 'help_not_answered', { channel, deliveryKey, outcome: result.outcome, ...(result.outcome === 'blocked' ? { rule: result.rule, reason: result.reason } : {}) });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      timeline.log('help_not_answered', { channel, deliveryKey, reason: err.cause?.message ?? err.message });
    }
    s.helpRequests.shift();
  }
}

/**
 * Tells the loan what the episode learnt (promises kept and broken, calls answered) whenever it
 * changes, so the next segmentation and the behaviour models read it. The loan may have closed:
 * then there is no one left to tell.
 */
export async function tellLoan(s: EpisodeState): Promise<void> {
  const loan = getExternalWorkflowHandle(loanWorkflowId(s.loanId));
  for (;;) {
    await condition(() => s.learntDirty || s.ended !== null);
    if (!s.learntDirty) return;
    const version = ++s.learntSent;
    try {
      await loan.signal(recoveryLearntSignal, { episode: s.episode, record: { ...s.learnt, promises: [...s.learnt.promises], openPromises: [...s.learnt.openPromises] } });
    } catch {
      // The loan has closed: there is no one left to tell.
      s.learntDirty = false;
      return;
    }
    // Cleared only once told, and only if nothing changed meanwhile (a continue-as-new carries the flag).
    if (s.learntSent === version) s.learntDirty = false;
  }
}
