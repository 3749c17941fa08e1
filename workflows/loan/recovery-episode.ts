// The loan's side of recovery: a fall from current into a delinquent bucket starts an episode
// (the workflow recovery-<loanId>-<n>, started by an activity so that it outlives this run's
// continue-as-new; runs recorded before the patch below started it as an abandoned child), and while it runs the loan tells it what changes: every bucket change with the
// account, every payment it applied, any other change in what is owed (a late fee, an instalment
// falling due), and the end (cured, paid off, charged off). The episode only ever learns amounts
// from here, that is from the ledger, and quotes the last account it was told.
import { ParentClosePolicy, getExternalWorkflowHandle, patched, proxyActivities, startChild, workflowInfo, type SignalDefinition } from '@temporalio/workflow';
import type { RecoveryEpisodeStartActivities } from '../../activities/recovery/episode-start.activities.js';
import { toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { dueAsOf } from '../../domain/servicing.js';
import type { PropensityBand, RecoverySegment } from '../../policies/recovery-segments.js';
import { accountSignal, arrangementBrokenSignal, episodeEndedSignal, paymentAppliedSignal, recoveryWorkflowId, type ArrangementBroken, type EpisodeEnd, type RecoveryAccount, type RecoveryInput } from '../recovery/definitions.js';
import type { recoveryWorkflow } from '../recovery/recovery.workflow.js';
import type { LoanWorkflowInput } from './definitions.js';
import type { BucketTransition } from './delinquency.js';
import type { LoanRecord } from './loan-record.js';
import type { ServicingState } from './servicing-state.js';

/** Patch ID: delinquency starts a recovery episode and keeps it told. */
export const RECOVERY_EPISODES = 'recovery-episodes';

/**
 * Patch ID: the episode is started by an activity, a workflow of its own, no longer a child.
 * Nothing in the episode depended on its parent, and an abandoned child that completes after its
 * parent run closed leaves the time-skipping test server unable to skip time
 * (activities/recovery/episode-start.activities.ts says why).
 */
export const RECOVERY_EPISODE_STARTED_BY_ACTIVITY = 'recovery-episode-started-by-activity';

/**
 * Patch ID: the episode is told the account whenever what is owed changes while it runs (a late
 * fee assessed, an instalment falling due), not only on a bucket change or a payment: before, a
 * text between bucket changes quoted an amount that was no longer the amount due. A day on which
 * nothing changed tells it nothing (its history stays short); what it was last told is kept in
 * the servicing state, across continue-as-new.
 */
export const RECOVERY_ACCOUNT_KEPT_CURRENT = 'recovery-account-kept-current';

const starter = proxyActivities<RecoveryEpisodeStartActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export interface Segmentation {
  segment: RecoverySegment;
  propensityBand: PropensityBand;
}

/** Asked once per decision point, so a history without the marker stays on the old path. */
function enabled(): boolean {
  return patched(RECOVERY_EPISODES);
}

export function recoveryAccount(record: LoanRecord, on: IsoDate = toIsoDate(Date.now())): RecoveryAccount {
  const snapshot = record.snapshot(on);
  const unpaid = record.state.account!.installments.find((i) => i.paidPrincipal + i.paidInterest + i.paidFees < i.principal + i.interest + i.fees);
  return { bucket: snapshot.bucket ?? '', dpd: snapshot.daysPastDue, outstandingMinor: snapshot.outstandingTotal, overdueMinor: dueAsOf(record.state.account!, on).total, oldestDueOn: unpaid?.dueDate ?? null, on };
}

/** On a bucket change: start an episode on a fall into arrears, tell the running one otherwise, end it on a cure. */
export async function onRecoveryTransition(record: LoanRecord, state: ServicingState, input: LoanWorkflowInput, transition: BucketTransition, segmentation: Segmentation | null): Promise<void> {
  if (!enabled()) return;
  const cured = transition.to === record.state.product.buckets[0]?.name;
  const episode = state.recovery;
  if (episode?.open) {
    const account = recoveryAccount(record, transition.on);
    await tell(record, state, accountSignal, account);
    told(state, account);
    // Current again only because an arrangement replaced the schedule: the episode stays, its
    // contacts held while nothing is overdue, to hear whether the arrangement is kept.
    if (cured && !(record.state.arrangement?.status === 'active' && patched(ARRANGEMENTS_KEEP_EPISODE))) await endEpisode(record, state, 'cured');
    return;
  }
  if (cured) return;
  const number = (episode?.episode ?? 0) + 1;
  const workflowId = recoveryWorkflowId(record.loanId, number);
  const child: RecoveryInput = {
    loanId: record.loanId,
    episode: number,
    currency: record.state.currency,
    product: record.state.product.code,
    country: input.application.applicant.address.country,
    account: recoveryAccount(record, transition.on),
    segment: segmentation?.segment ?? null,
    propensityBand: segmentation?.propensityBand ?? null,
  };
  if (patched(RECOVERY_EPISODE_STARTED_BY_ACTIVITY)) {
    await starter.startRecoveryEpisode({ workflowId, taskQueue: workflowInfo().taskQueue, input: child });
  } else {
    await startChild<typeof recoveryWorkflow>('recoveryWorkflow', { workflowId, args: [child], parentClosePolicy: ParentClosePolicy.ABANDON, taskQueue: workflowInfo().taskQueue });
  }
  state.recovery = { episode: number, open: true, told: child.account };
  record.emit('recovery.started', { episode: number, workflowId, bucket: transition.to, segment: child.segment });
}

/** A payment the loan applied: the episode counts it towards recovery and any promise. */
export async function onRecoveryPayment(record: LoanRecord, state: ServicingState, payment: { amountMinor: number; externalId: string }): Promise<void> {
  if (!state.recovery?.open || !enabled()) return;
  const on = toIsoDate(Date.now());
  const account = recoveryAccount(record, on);
  await tell(record, state, paymentAppliedSignal, { amountMinor: payment.amountMinor, on, externalId: payment.externalId, account });
  told(state, account);
}

/**
 * After servicing's daily review (late fees, the instalments that fell due, the bucket): tells
 * the running episode the account when what is owed differs from what it was last told. Days past
 * due are not compared: they grow by a day a day, and the episode counts them itself from the
 * account's date (recovery/episode-state.ts, dpdNow) for as long as something is overdue.
 */
export async function keepEpisodeCurrent(record: LoanRecord, state: ServicingState): Promise<void> {
  if (!state.recovery?.open) return;
  const account = recoveryAccount(record);
  const last = state.recovery.told;
  if (last && sameAmountsOwed(last, account)) return;
  // Asked only when there is something to tell, so a history records the marker where it acted.
  if (!patched(RECOVERY_ACCOUNT_KEPT_CURRENT)) return;
  await tell(record, state, accountSignal, account);
  told(state, account);
}

function sameAmountsOwed(a: RecoveryAccount, b: RecoveryAccount): boolean {
  return a.bucket === b.bucket && a.outstandingMinor === b.outstandingMinor && a.overdueMinor === b.overdueMinor && a.oldestDueOn === b.oldestDueOn;
}

/** What the episode now holds, unless the telling failed and the episode is no longer followed. */
function told(state: ServicingState, account: RecoveryAccount): void {
  if (state.recovery?.open) state.recovery = { ...state.recovery, told: account };
}

/** Patch ID: a cure an arrangement brought leaves the episode open (asked only when a loan under an active arrangement cures). */
export const ARRANGEMENTS_KEEP_EPISODE = 'arrangements-keep-episode';

/** The loan's arrangement broke: the running episode treats it as a broken promise. */
export async function onArrangementBroken(record: LoanRecord, state: ServicingState, broken: ArrangementBroken): Promise<void> {
  if (!state.recovery?.open) return;
  await tell(record, state, arrangementBrokenSignal, broken);
}

/** The loan closes (paid off, settled, charged off): the episode ends with it. */
export async function endEpisode(record: LoanRecord, state: ServicingState, reason: EpisodeEnd): Promise<void> {
  if (!state.recovery?.open || !enabled()) return;
  await tell(record, state, episodeEndedSignal, { reason, on: toIsoDate(Date.now()) });
  state.recovery = { ...state.recovery, open: false };
  record.emit('recovery.ended', { episode: state.recovery.episode, reason });
}

async function tell<T extends unknown[]>(record: LoanRecord, state: ServicingState, signal: SignalDefinition<T>, ...args: T): Promise<void> {
  const id = recoveryWorkflowId(record.loanId, state.recovery!.episode);
  try {
    await getExternalWorkflowHandle(id).signal(signal, ...args);
  } catch (err) {
    // The episode already ended on its own (a policy that stops, an operator): nothing to tell.
    record.emit('recovery.signal_failed', { workflowId: id, signal: signal.name, reason: err instanceof Error ? err.message : String(err) });
    state.recovery = { ...state.recovery!, open: false };
  }
}
