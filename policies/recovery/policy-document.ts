// An escalation policy as ops write it (YAML or JSON): ordered rules, the first whose `when`
// matches an account names the path of steps that account follows. A step is a one-key map
// (`- send: {channel: sms, template: reminder}`) so the document reads like the treatment it
// describes. The same document drives the recovery workflow, the dry-run and the simulation
// through one pure evaluator (select-path.ts); validation lives in validate-policy.ts.
import type { ArrangementKind } from '../../domain/arrangements.js';
import type { Channel } from '../compliance/rules.js';
import type { PropensityBand, RecoverySegment } from '../recovery-segments.js';

export const WAIT_UNTIL = ['paid', 'promised', 'replied'] as const;
export type WaitUntil = (typeof WAIT_UNTIL)[number];
export const OFFER_KINDS = ['promise', 'plan'] as const;
/** The propensity bands a rule may name (recovery-segments.ts bands accounts into these). */
export const PROPENSITY_BAND_NAMES = ['high', 'medium', 'low'] as const satisfies readonly PropensityBand[];

export interface SendStep {
  send: {
    channel: Channel;
    /** template key; the language and tone variant are picked per borrower and segment */
    template: string;
    /** automated (autodialled, prerecorded, bulk) for the TCPA; texts and calls default to true */
    automated?: boolean;
    /**
     * the drafting agent writes the message (a reminder, in the borrower's tone and language) in
     * place of the template; the template goes instead when the draft fails the gate. Texts,
     * WhatsApp and email only (a letter is a document, a call a script).
     */
    draft?: boolean;
  };
}
export interface CallStep {
  call: {
    /** IVR script key (a voice template); the borrower can press keys to promise or reach a person */
    script: string;
    automated?: boolean;
  };
}
export interface WaitStep {
  /** wait up to `days`, ending early when one of `until` happens */
  wait: { days: number; until?: WaitUntil[] };
}
export interface OfferStep {
  /** offer a promise to pay or a repayment plan, sent as a message on `channel` */
  offer: { kind: (typeof OFFER_KINDS)[number]; channel: Channel; template: string };
}
export interface HandoffStep {
  /** open a case for a person: a work queue, the skills it needs, its priority */
  handoff: { queue: string; skills?: string[]; priority?: 'risk_x_balance' | number };
}
export interface StopStep {
  stop: { reason: string };
}
export type PolicyStep = SendStep | CallStep | WaitStep | OfferStep | HandoffStep | StopStep;
export type StepKind = 'send' | 'call' | 'wait' | 'offer' | 'handoff' | 'stop';

/** What happened that made recovery (re)consider the account. */
export const RECOVERY_EVENTS = ['entered', 'bucket_changed', 'promise_broken', 'promise_kept', 'replied', 'path_completed', 'case_returned'] as const;
export type RecoveryEvent = (typeof RECOVERY_EVENTS)[number];

/** Inclusive range; either end may be left open. */
export interface Range {
  min?: number;
  max?: number;
}

/** Every listed condition must hold; a condition left out matches anything. */
export interface RuleConditions {
  events?: RecoveryEvent[];
  buckets?: string[];
  dpd?: Range;
  segments?: RecoverySegment[];
  propensityBands?: PropensityBand[];
  /** overdue-and-outstanding balance in minor units of `currency` (both required together) */
  balance?: Range & { currency: string };
  products?: string[];
  /** ISO 3166 alpha-2 country of the borrower's address */
  regions?: string[];
  contactHistory?: {
    /** outbound contacts attempted in this episode (sent, not blocked) */
    contacts?: Range;
    /** replies received in this episode */
    replies?: Range;
    promisesBroken?: Range;
    promisesKept?: Range;
    /** whole days since the last outbound contact (none yet counts as matching `min` only when absent) */
    daysSinceLastContact?: Range;
  };
}

export interface PolicyRule {
  id: string;
  description?: string;
  when: RuleConditions;
  path: PolicyStep[];
}

export interface PolicySettings {
  /** outbound contacts allowed per channel per 7 days; the gate enforces them */
  weeklyCaps: Partial<Record<Channel, number>>;
  /** the channels to try, in order, when a step's channel is revoked, opted out or down */
  fallback: Partial<Record<Channel, Channel[]>>;
  /** a promise is kept when payments reach its amount less this share (basis points) */
  promiseToleranceBps: number;
  /** the most days ahead a promise may be dated */
  promiseMaxDays: number;
  /**
   * What a collector (or a borrower's reply) may agree alone: a plan, restructure or settlement
   * within these bounds is applied at once; outside them a second person approves it
   * (check-arrangement.ts). A policy without them sets no bounds, so every arrangement under it
   * needs a second person.
   */
  arrangements?: ArrangementBounds;
  /** which hand-off cases only `certified` assignees may take (certified-handoff.ts) */
  certifiedHandoff?: CertifiedHandoff;
}


export interface ArrangementBounds {
  plan: {
    /** the most instalments a plan may have */
    maxInstalments: number;
    /** the last instalment at most this many months after the day it is proposed */
    maxMonths: number;
    /** each instalment at least this share of what is owed, basis points (0: no minimum) */
    minInstalmentBps: number;
  };
  restructure: {
    maxExtraMonths: number;
    maxHolidayMonths: number;
    /** the most the APR may be lowered, basis points of APR (150 = 1.5 points) */
    maxRateCutBps: number;
    /** the APR may not go below this, basis points */
    minAprBps: number;
  };
  settlement: {
    /** a settlement pays at least this share of what is owed, basis points */
    minShareBps: number;
    maxInstalments: number;
    maxMonths: number;
  };
  /**
   * Kinds a second person approves even within the bounds. A settlement always needs one (it
   * writes money off), listed or not.
   */
  alwaysApprove: ArrangementKind[];
}


/**
 * High-risk or high-balance accounts go only to certified collectors or agencies: a case of an
 * account in a listed propensity band, or owing at least the amount set for its currency, needs
 * the `certified` skill on top of what its hand-off step names.
 */
export interface CertifiedHandoff {
  propensityBands?: PropensityBand[];
  /** per currency (ISO 4217): the outstanding balance, in minor units, from which a case needs a certified assignee */
  minBalanceMinor?: Record<string, number>;
}

export interface RecoveryPolicyDocument {
  /** human name of the policy line, such as "retail-default" */
  name: string;
  description?: string;
  settings: PolicySettings;
  rules: PolicyRule[];
}

/** The account as a policy sees it. Built by the workflow, the dry-run and the simulation alike. */
export interface AccountFacts {
  event: RecoveryEvent;
  bucket: string;
  dpd: number;
  segment: RecoverySegment | null;
  propensityBand: PropensityBand | null;
  /** outstanding balance, minor units of `currency` */
  balanceMinor: number;
  currency: string;
  product: string;
  region: string;
  contactHistory: { contacts: number; replies: number; promisesBroken: number; promisesKept: number; daysSinceLastContact: number | null };
}

export function stepKind(step: PolicyStep): StepKind {
  if ('send' in step) return 'send';
  if ('call' in step) return 'call';
  if ('wait' in step) return 'wait';
  if ('offer' in step) return 'offer';
  if ('handoff' in step) return 'handoff';
  return 'stop';
}

/** The channel a step contacts the borrower on, if it does. */
export function stepChannel(step: PolicyStep): Channel | null {
  if ('send' in step) return step.send.channel;
  if ('call' in step) return 'voice';
  if ('offer' in step) return step.offer.channel;
  return null;
}
