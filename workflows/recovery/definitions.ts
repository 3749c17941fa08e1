// The recovery workflow's public surface: one delinquent episode of one loan, workflow ID
// `recovery-<loanId>-<episode>`. The loan workflow starts it on a fall into a delinquent bucket
// and keeps it told (account changes, payments, the episode's end); the API and the recovery
// inbox send replies, promises and case outcomes.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/calendar.js';
import type { ReplyIntent } from '../../domain/recovery/inbound-reply.js';
import type { Channel } from '../../policies/compliance/rules.js';
import type { PropensityBand, RecoverySegment } from '../../policies/recovery-segments.js';

export function recoveryWorkflowId(loanId: string, episode: number): string {
  return `recovery-${loanId}-${episode}`;
}

export interface RecoveryAccount {
  bucket: string;
  dpd: number;
  /** everything owed now, minor units */
  outstandingMinor: number;
  /** what is past due now, minor units */
  overdueMinor: number;
  /** the due date of the oldest instalment still unpaid (null once nothing is owed) */
  oldestDueOn: IsoDate | null;
  on: IsoDate;
}

export interface RecoveryInput {
  loanId: string;
  episode: number;
  currency: string;
  product: string;
  /** ISO 3166 alpha-2 of the borrower's address: picks the gate's rule pack */
  country: string;
  account: RecoveryAccount;
  segment: RecoverySegment | null;
  propensityBand: PropensityBand | null;
  /**
   * start a new run once the history has this many events, besides when the server suggests it
   * (recorded histories use a small one to hold a continued episode; nothing else sets it). A run
   * spends about 15 events loading the policy before its first step, so a limit below a few dozen
   * would continue as new without ever taking one.
   */
  historyLimit?: number;
  /** continue-as-new carries the episode's state */
  resume?: unknown;
}

export type EpisodeEnd = 'cured' | 'paid_off' | 'settled' | 'charged_off' | 'closed';

export interface RecoveryOutcome {
  loanId: string;
  episode: number;
  ended: EpisodeEnd | 'stopped';
  recoveredMinor: number;
}

/** A reply the inbox understood (domain/recovery/inbound-reply.ts), or an IVR key press mapped onto one. */
export interface ReplySignal {
  channel: Channel;
  intent: ReplyIntent;
  /** the inbound record's ID in Postgres */
  inboundId: string;
  receivedAt: string;
}

export interface DeliveryFailedSignal {
  deliveryKey: string;
  channel: Channel;
  reason: string;
}

export interface PromiseCommand {
  amountMinor: number;
  dueOn: IsoDate;
  source: 'reply' | 'ivr' | 'collector' | 'api';
  /** who took it (a collector's ID, the inbound record) */
  takenBy?: string;
}

export interface PromiseView extends PromiseCommand {
  id: string;
  madeOn: IsoDate;
  status: 'open' | 'kept' | 'broken' | 'cancelled';
  paidMinor: number;
}

export const CASE_OUTCOMES = ['reached', 'no_answer', 'wrong_party', 'refused', 'promised', 'disputed', 'hardship', 'plan_requested'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/**
 * Collectors work their cases by phone: an outcome reports a call, which was a conversation about
 * the debt when the borrower was reached (whatever came of it), and not when nobody answered or
 * someone else did. Reg F counts both (the gate reads them from the contact log), and a
 * conversation may be the first communication about the debt (1006.34).
 */
export function isConversation(outcome: CaseOutcome): boolean {
  return outcome !== 'no_answer' && outcome !== 'wrong_party';
}

export interface CaseOutcomeSignal {
  caseId: string;
  outcome: CaseOutcome;
  by: string;
  promise?: PromiseCommand;
  note?: string;
  /** the signal outbox's ID (from the request key): sent at least once, applied once. Absent from signals sent before the outbox */
  signalId?: string;
}

export interface CaseTouchedSignal {
  caseId: string;
  by: string;
  at: string;
  /** the signal outbox's ID (from the case event): sent at least once, applied once. Absent from signals sent before the outbox */
  signalId?: string;
}

export interface RecoveryView {
  loanId: string;
  episode: number;
  status: 'running' | 'waiting' | 'paused' | 'handed_off' | 'ended';
  policyVersion: number | null;
  ruleId: string | null;
  stepIndex: number;
  promise: PromiseView | null;
  account: RecoveryAccount;
}

/** The loan's account changed (a payment, a new bucket, a day further past due). */
export const accountSignal = defineSignal<[RecoveryAccount]>('account');
/** A payment the loan applied, with the account as it stands after it (one signal, so the episode never sees the money without its effect). */
export const paymentAppliedSignal = defineSignal<[{ amountMinor: number; on: IsoDate; externalId: string; account: RecoveryAccount }]>('paymentApplied');
/** An arrangement the loan applied (a plan, restructure or settlement) missed an instalment past its grace. */
export interface ArrangementBroken {
  arrangementId: string;
  kind: 'plan' | 'restructure' | 'settlement';
  appliedOn: IsoDate;
  /** the instalment missed */
  dueOn: IsoDate;
  amountMinor: number;
  paidMinor: number;
  on: IsoDate;
}

/** The loan's arrangement broke: the episode treats it as a broken promise. */
export const arrangementBrokenSignal = defineSignal<[ArrangementBroken]>('arrangementBroken');
/** The loan cured, closed or was charged off: the episode ends. */
export const episodeEndedSignal = defineSignal<[{ reason: EpisodeEnd; on: IsoDate }]>('episodeEnded');
export const replySignal = defineSignal<[ReplySignal]>('reply');
export const deliveryFailedSignal = defineSignal<[DeliveryFailedSignal]>('deliveryFailed');
export const disputeVerifiedSignal = defineSignal<[{ by: string; note?: string }]>('disputeVerified');
/** Ops recorded the loan's original creditor: an episode waiting to answer a request for it sends the answer now. */
export const originalCreditorRecordedSignal = defineSignal<[{ by: string }]>('originalCreditorRecorded');
export const caseOutcomeSignal = defineSignal<[CaseOutcomeSignal]>('caseOutcome');
/** A collector opened, accepted or worked the case: the SLA clock restarts. */
export const caseTouchedSignal = defineSignal<[CaseTouchedSignal]>('caseTouched');

/** One open promise per loan: a second is refused while the first is open. */
export const makePromiseUpdate = defineUpdate<PromiseView, [PromiseCommand]>('makePromise');
export const recoveryStateQuery = defineQuery<RecoveryView>('recoveryState');
