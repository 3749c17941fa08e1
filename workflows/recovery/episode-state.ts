// What one recovery episode knows and carries across continue-as-new: the account as the loan
// last reported it, where it is on its path and under which policy version and rule, the contact
// counts the policy's conditions read, the open promise, the hand-off case, and the events that
// make the policy choose again.
import { daysBetween, toIsoDate } from '../../domain/calendar.js';
import type { ContactRecord } from '../../domain/repayment-behaviour.js';
import type { Channel } from '../../policies/compliance/rules.js';
import type { AccountFacts, RecoveryEvent } from '../../policies/recovery/policy-document.js';
import type { EpisodeEnd, PromiseView, RecoveryAccount, RecoveryInput } from './definitions.js';

export interface EpisodeState {
  loanId: string;
  episode: number;
  currency: string;
  product: string;
  country: string;
  segment: RecoveryInput['segment'];
  propensityBand: RecoveryInput['propensityBand'];
  account: RecoveryAccount;
  bucketAtStart: string;
  /** overdue when the episode began: the recovery rate's denominator */
  delinquentMinor: number;
  recoveredMinor: number;
  startedAt: number;
  /** where on the path: the rule and version that chose it, the next step */
  path: { version: number | null; ruleId: string; event: RecoveryEvent; stepIndex: number } | null;
  stage: 'running' | 'waiting' | 'paused' | 'handed_off' | 'ended';
  counts: { contacts: number; blocked: number; replies: number; promisesKept: number; promisesBroken: number };
  lastContactAt: number | null;
  optedOut: boolean;
  /** the account moved into a later bucket during the episode */
  rolledForward: boolean;
  disputeOpen: boolean;
  promise: PromiseView | null;
  promiseSeq: number;
  caseId: string | null;
  caseTouchedAt: number;
  /** SLA lapses on the case so far (each counted once, against its holder) */
  caseBreaches: number;
  /** events that interrupt the current path and make the policy choose again, oldest first */
  interrupts: RecoveryEvent[];
  /** what happened since the current wait began (a `wait` step's `until`) */
  since: { paid: boolean; promised: boolean; replied: boolean };
  /** what this episode learnt of the borrower, told to the loan for its behaviour features */
  learnt: ContactRecord;
  /** learnt changed since the loan was last told */
  learntDirty: boolean;
  /** how many times the loan was told (a change while telling keeps it dirty) */
  learntSent: number;
  /** HELP replies waiting for their answer, by the channel they came on */
  helpRequests: Channel[];
  /** contacts so far: each contact's delivery key is unique */
  contactSeq: number;
  /** timeline rows so far */
  actionSeq: number;
  ended: { reason: EpisodeEnd; on: string } | null;
  experiment: { id: string; arm: 'champion' | 'challenger'; version: number } | null;
  /** the case signals applied, by their outbox IDs, the latest few (applied-signals.ts); absent until the first */
  appliedSignals?: string[];
  /**
   * A check armed after a call that may have been the first communication about the debt: at
   * `checkAt` the episode asks whether the validation information is owed in writing, and sends
   * it (required-notices.ts). `held`: the gate refused it for good (a dispute, say) until the
   * episode resumes. Absent in runs from before the reg-f-validation-after-call patch.
   */
  validationNotice?: { checkAt: number; deliveryKey: string | null; held: string | null };
  /**
   * The borrower asked for the original creditor's name and address and has not had them
   * (1006.38(c)): collection pauses while it is set. `answering`: the answer is being sent;
   * `waiting`: the gate put it off until an instant; `unknown`: nobody is recorded as the
   * original creditor yet; `blocked`: the gate refused it for good. Absent before the
   * reg-f-original-creditor-requests patch.
   */
  originalCreditor?: { state: 'answering' | 'waiting' | 'unknown' | 'blocked'; requestedAt: string; deliveryKey: string | null };
  /** notice activities in flight (a continue-as-new waits for none) */
  noticeCalls?: number;
}

export function initialState(input: RecoveryInput, now: number): EpisodeState {
  return {
    loanId: input.loanId,
    episode: input.episode,
    currency: input.currency,
    product: input.product,
    country: input.country,
    segment: input.segment,
    propensityBand: input.propensityBand,
    account: input.account,
    bucketAtStart: input.account.bucket,
    delinquentMinor: input.account.overdueMinor,
    recoveredMinor: 0,
    startedAt: now,
    path: null,
    stage: 'running',
    counts: { contacts: 0, blocked: 0, replies: 0, promisesKept: 0, promisesBroken: 0 },
    lastContactAt: null,
    optedOut: false,
    rolledForward: false,
    disputeOpen: false,
    promise: null,
    promiseSeq: 0,
    caseId: null,
    caseTouchedAt: now,
    caseBreaches: 0,
    interrupts: [],
    since: { paid: false, promised: false, replied: false },
    learnt: { promises: [], openPromises: [], calls: 0, callsAnswered: 0 },
    learntDirty: false,
    learntSent: 0,
    helpRequests: [],
    contactSeq: 0,
    actionSeq: 0,
    ended: null,
    experiment: null,
  };
}

/** Days past due today: the loan reports DPD on bucket changes and payments, and it grows a day a day while anything is overdue. */
export function dpdNow(s: EpisodeState, now: number): number {
  if (s.account.overdueMinor <= 0) return s.account.dpd;
  return s.account.dpd + Math.max(0, daysBetween(s.account.on, toIsoDate(now)));
}

export function accountFacts(s: EpisodeState, event: RecoveryEvent, now: number): AccountFacts {
  return {
    event,
    bucket: s.account.bucket,
    dpd: dpdNow(s, now),
    segment: s.segment,
    propensityBand: s.propensityBand,
    balanceMinor: s.account.outstandingMinor,
    currency: s.currency,
    product: s.product,
    region: s.country,
    contactHistory: {
      contacts: s.counts.contacts,
      replies: s.counts.replies,
      promisesBroken: s.counts.promisesBroken,
      promisesKept: s.counts.promisesKept,
      daysSinceLastContact: s.lastContactAt === null ? null : Math.floor((now - s.lastContactAt) / 86_400_000),
    },
  };
}
