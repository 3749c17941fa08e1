// One delinquent episode of one loan (ID recovery-<loanId>-<episode>): from the fall into a
// delinquent bucket until the loan cures, closes or is charged off. The policy in force chooses a
// path (policies/recovery/select-path.ts, the same evaluator the dry-run and the simulation use);
// the workflow follows it step by step on durable timers, and chooses again when something
// changes the picture: a new bucket, a broken promise, the path's end, or a newly activated
// policy version (asked before every step). A dispute pauses everything until it is verified, and
// a request for the original creditor until the answer has gone (required-notices.ts, which also
// sends the validation notice owed after a first communication by phone).
//
// Why a workflow of its own, started by the loan as an abandoned child: an episode has its own
// life (weeks of timers, replies, cases) that would crowd the loan's history, and the loan keeps
// continuing as new under it; the loan tells it what changes (account, payments, the end) by
// signal, and it never changes the loan except through the loan's own updates.
import { condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { PolicySettings, RecoveryEvent, RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { stepKind } from '../../policies/recovery/policy-document.js';
import { selectPath } from '../../policies/recovery/select-path.js';
import { cases, episodes, experiments } from './activities.js';
import type { RecoveryInput, RecoveryOutcome } from './definitions.js';
import { accountFacts, initialState, type EpisodeState } from './episode-state.js';
import { registerHandlers } from './handlers.js';
import { resumePromiseWatch } from './promises.js';
import { answerOriginalCreditor, collectionHeld, ensureValidationNotice, pauseReason, releaseHeldNotices, requestOriginalCreditor, resumeNotices } from './required-notices.js';
import { answerHelp, backgroundBusy, DAY_MS, runStep, tellLoan, type StepContext } from './steps.js';
import { Timeline } from './timeline.js';

type PathEnd = RecoveryEvent | 'ended' | 'disputed' | 'policy_changed' | 'continue_as_new';

export async function recoveryWorkflow(input: RecoveryInput): Promise<RecoveryOutcome> {
  const s: EpisodeState = (input.resume as EpisodeState | undefined) ?? initialState(input, Date.now());
  const timeline = new Timeline(s);
  let policy: { version: number; document: RecoveryPolicyDocument } | null = null;
  const settings = (): PolicySettings | null => policy?.document.settings ?? null;
  registerHandlers(s, timeline, settings);
  const writer = timeline.run();
  const teller = tellLoan(s);
  const helper = answerHelp({ s, timeline, settings: { weeklyCaps: {}, fallback: {}, promiseToleranceBps: 0, promiseMaxDays: 0 } }, settings);
  if (input.resume) {
    resumePromiseWatch(s, timeline);
    resumeNotices(s);
  } else {
    timeline.log('episode_started', { bucket: s.account.bucket, dpd: s.account.dpd, overdueMinor: s.account.overdueMinor, outstandingMinor: s.account.outstandingMinor, currency: s.currency, segment: s.segment, propensityBand: s.propensityBand });
    // Once, before the first path: a resumed run carries its arm in `s`. A challenger keeps its
    // version for the episode's whole life, even if the experiment is stopped meanwhile.
    s.experiment = await experiments.assignExperimentArm({ loanId: s.loanId });
    if (s.experiment) timeline.log('experiment_assigned', { ...s.experiment });
    // A dispute, or a request for the original creditor, recorded before this episode (or between episodes) still holds collection.
    const standing = await episodes.standingAtStart({ loanId: s.loanId });
    if (standing.disputeOpen && !s.disputeOpen) {
      s.disputeOpen = true;
      timeline.log('dispute_opened', { source: 'standing at the start of the episode' });
    }
    if (standing.originalCreditorRequested) requestOriginalCreditor(s, timeline, 'standing at the start of the episode', new Date().toISOString());
  }
  const validationNotice = ensureValidationNotice(s, timeline);
  const creditorAnswer = answerOriginalCreditor(s, timeline);

  /** The version this episode follows: the experiment's arm, else whatever is active now. */
  const load = async (): Promise<{ version: number; document: RecoveryPolicyDocument }> => {
    const version = s.experiment?.arm === 'challenger' ? s.experiment.version : await episodes.activePolicyVersion();
    if (!policy || policy.version !== version) policy = await episodes.policyDocument(version);
    return policy;
  };
  const interrupted = () => s.interrupts.length > 0 || s.ended !== null || collectionHeld(s);

  let event: RecoveryEvent = s.path?.event ?? 'entered';
  let resumeStep = s.path?.stepIndex ?? 0;
  let resuming = input.resume !== undefined;
  while (!s.ended) {
    if (collectionHeld(s)) {
      s.stage = 'paused';
      timeline.log('paused', { reason: pauseReason(s) });
      await condition(() => !collectionHeld(s) || s.ended !== null);
      if (s.ended) break;
      timeline.log('resumed', {});
      releaseHeldNotices(s);
      // Collection picks up where it stopped: the step the dispute interrupted, under the same rule if the policy still chooses it.
      resumeStep = s.path?.stepIndex ?? 0;
    }
    const current = await load();
    // A run continued from another carries on the rule it was following, if the version still has it:
    // choosing again on today's facts could restart the path and repeat its first steps.
    const carried = resuming && s.path?.version === current.version ? current.document.rules.find((r) => r.id === s.path?.ruleId) : undefined;
    resuming = false;
    const chosen = carried ? { ruleId: carried.id, rule: carried } : selectPath(current.document, accountFacts(s, event, Date.now()));
    if (!chosen) {
      // Validation requires a catch-all, so only a policy activated around it gets here: wait for a change.
      s.path = { version: current.version, ruleId: '(none)', event, stepIndex: 0 };
      timeline.log('no_rule_matched', { event });
      await condition(interrupted, DAY_MS);
      event = s.interrupts.shift() ?? 'path_completed';
      continue;
    }
    const same = s.path?.ruleId === chosen.ruleId && s.path.version === current.version && s.path.event === event;
    s.path = { version: current.version, ruleId: chosen.ruleId, event, stepIndex: same ? resumeStep : 0 };
    resumeStep = 0;
    if (!same) timeline.log('path_chosen', { event, steps: chosen.rule.path.map(stepKind) });
    const startedAt = Date.now();
    const ctx: StepContext = { s, timeline, settings: current.document.settings, interrupted };
    const end = await followPath(ctx, chosen.rule.path, current.version, input.historyLimit);
    if (end === 'continue_as_new') {
      // Nothing in flight is lost: the HELP answerer and the loan teller finish what they started (the state carries the rest).
      await condition(() => !backgroundBusy(s) || s.ended !== null);
      await timeline.drained();
      return continueAsNew<typeof recoveryWorkflow>({ ...input, resume: s });
    }
    if (end === 'ended' || end === 'disputed') continue;
    if (end === 'policy_changed') {
      timeline.log('policy_switched', { from: current.version });
      continue;
    }
    // A path that took no time (every contact blocked for good) is not run again at once.
    if (end === 'path_completed' && Date.now() - startedAt < DAY_MS) await condition(interrupted, DAY_MS);
    event = end === 'path_completed' ? (s.interrupts.shift() ?? end) : end;
  }

  s.stage = 'ended';
  if (s.caseId) await cases.closeCase({ caseId: s.caseId, reason: s.ended.reason, at: new Date().toISOString() });
  timeline.log('episode_ended', { reason: s.ended.reason, on: s.ended.on, recoveredMinor: s.recoveredMinor, currency: s.currency });
  await helper;
  await teller;
  await creditorAnswer;
  // Owed past the end (a cure does not pay the debt): it goes before the episode closes.
  await validationNotice;
  timeline.stop();
  await writer;
  return { loanId: s.loanId, episode: s.episode, ended: s.ended.reason, recoveredMinor: s.recoveredMinor };
}

/** Runs the path from where the episode stands; answers why it stopped. */
async function followPath(ctx: StepContext, path: RecoveryPolicyDocument['rules'][number]['path'], version: number, historyLimit: number | undefined): Promise<PathEnd> {
  const { s } = ctx;
  while (s.path!.stepIndex < path.length) {
    if (s.ended) return 'ended';
    if (collectionHeld(s)) return 'disputed';
    const interrupt = s.interrupts.shift();
    if (interrupt) return interrupt;
    if (s.path!.stepIndex > 0 && s.experiment?.arm !== 'challenger' && (await episodes.activePolicyVersion()) !== version) return 'policy_changed';
    if (workflowInfo().continueAsNewSuggested || (historyLimit !== undefined && workflowInfo().historyLength >= historyLimit)) return 'continue_as_new';
    // A step an interruption cut short is not done: the path resumes at it (after a dispute) or is chosen again.
    if (await runStep(ctx, path[s.path!.stepIndex]!)) s.path!.stepIndex++;
  }
  if (s.ended) return 'ended';
  return s.interrupts.shift() ?? 'path_completed';
}
