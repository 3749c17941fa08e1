// The simulated quarter: each delinquent loan's episode, day by day, with a strategy deciding
// contacts and the simulated borrower (response-model.ts) answering them. Every contact asks the
// product's compliance gate (policies/compliance/gate.ts); every reply is text read by the
// product's understandReply (domain/recovery/inbound-reply.ts). Amounts are integer minor units.
import { daysBetween, toIsoDate } from '../../domain/calendar.js';
import { DEFAULT_BUCKETS } from '../../domain/delinquency.js';
import { understandReply } from '../../domain/recovery/inbound-reply.js';
import { checkContact, type GateDecision } from '../../policies/compliance/gate.js';
import type { BorrowerStanding, Channel, ContactPurpose, PastContact } from '../../policies/compliance/rules.js';
import { promiseDueAt, promiseStatus } from '../../policies/recovery/path-runner.js';
import type { PolicySettings } from '../../policies/recovery/policy-document.js';
import type { Arrear, Borrower } from './borrowers.js';
import type { AttemptSource, ContactLog, LoanLog, LogRecord } from './contact-log.js';
import { draw, happens, PURPOSE } from './draws.js';
import { localHour, nextLocalTime } from './local-time.js';
import { contactNudge, fatigue, hourFactor, replyText, RESPONSE_MODEL as M, type ResponseKnobs } from './response-model.js';

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const PHONE_CHANNELS: Channel[] = ['sms', 'whatsapp', 'voice'];

export type StrategyEvent = 'paid' | 'promised' | 'replied' | 'promise_kept' | 'promise_broken' | 'bucket_changed' | 'dispute_verified';

export interface Strategy {
  readonly name: string;
  /** the settings an episode is held to: its weekly caps (the gate applies them) and its promises' tolerance and reach */
  settingsFor(ep: Episode): PolicySettings;
  begin(ep: Episode, at: number): void;
  /** the next instant the strategy wants to act for this episode (Infinity: nothing planned) */
  dueAt(ep: Episode): number;
  act(ep: Episode, at: number): void;
  on(ep: Episode, event: StrategyEvent, at: number): void;
  /** the episode ended: contacts still waiting for the gate are abandoned with the reason */
  ended(ep: Episode, at: number, reason: string): void;
  /** before the day's episodes run (the collectors' queue hands out the day's calls) */
  startOfDay?(day: number, dayStart: number): void;
}

export type ContactKind = 'reminder' | 'promise_offer' | 'plan_offer' | 'ivr' | 'collector' | 'notice';

export interface ContactRequest {
  contactId: number;
  channel: Channel;
  automated: boolean;
  source: AttemptSource;
  template: string;
  kind: ContactKind;
  /** a collector in the hardship queue offers a plan */
  hardship?: boolean;
  policyRule?: string;
  options?: readonly Channel[];
  /** collection when absent; a notice the law requires (the gate treats it so) */
  purpose?: ContactPurpose;
}

interface PendingEvent {
  at: number;
  /** letter_arrives: a posted letter reaches the door (or comes back) */
  kind: 'reply' | 'dispute_verified' | 'letter_arrives';
  channel?: Channel;
  text?: string;
  plan?: boolean;
}

export interface EpisodePromise {
  amountMinor: number;
  dueAt: number;
  dueDay: number;
  madeAt: number;
  paidMinor: number;
  keeps: boolean;
}

export interface Episode {
  b: Borrower;
  arrears: Arrear[];
  nextDueDay: number;
  dpd: number;
  bucket: string;
  startBucketIndex: number;
  delinquentAtStartMinor: number;
  /** what is left of the arrears at the start; payments go to it first (oldest first) */
  startArrearsLeftMinor: number;
  paidMinor: number;
  ended: string | null;
  curedDay: number | null;
  optedOut: Channel[];
  wrongNumber: Channel[];
  bounced: Channel[];
  disputeOpen: boolean;
  sent: PastContact[];
  nudges: Array<{ day: number; strength: number }>;
  contactDay: number;
  contactsToday: number;
  payWordDay: number | null;
  onPlan: boolean;
  promise: EpisodePromise | null;
  promisesMade: number;
  promisesKept: number;
  promisesBroken: number;
  replies: number;
  optOuts: number;
  pending: PendingEvent[];
  records: LogRecord[];
  nextContactId: number;
  /** the strategy's own state */
  s: unknown;
}

export interface WorldOptions {
  seed: number;
  days: number;
  startMs: number;
  knobs: ResponseKnobs;
}

export class World {
  readonly episodes: Episode[];
  gateCalls = 0;

  constructor(
    borrowers: readonly Borrower[],
    readonly strategy: Strategy,
    readonly options: WorldOptions,
  ) {
    this.episodes = borrowers.map((b) => {
      const arrears = b.arrears.map((a) => ({ ...a }));
      const total = arrears.reduce((s, a) => s + a.amountMinor, 0);
      const dpd = -arrears[0]!.dueDay;
      const bucket = BUCKETS[bucketIndex(dpd)]!;
      return {
        b, arrears, nextDueDay: b.nextDueDay, dpd, bucket, startBucketIndex: bucketIndex(dpd), delinquentAtStartMinor: total, startArrearsLeftMinor: total, paidMinor: 0,
        ended: null, curedDay: null, optedOut: [], wrongNumber: [], bounced: [], disputeOpen: false, sent: [], nudges: [], contactDay: -1, contactsToday: 0, payWordDay: null,
        onPlan: false, promise: null, promisesMade: 0, promisesKept: 0, promisesBroken: 0, replies: 0, optOuts: 0, pending: [], records: [], nextContactId: 1, s: null,
      };
    });
  }

  run(): ContactLog {
    const { days, startMs } = this.options;
    // Each episode enters at 09:00 in the borrower's zone (the morning's delinquency run).
    for (const ep of this.episodes) this.strategy.begin(ep, nextLocalTime(schedulingZone(ep.b), startMs, 9));
    for (let day = 0; day < days; day++) {
      const dayStart = startMs + day * DAY_MS;
      const dayEnd = dayStart + DAY_MS;
      this.strategy.startOfDay?.(day, dayStart);
      for (const ep of this.episodes) {
        if (ep.ended) continue;
        this.flags(ep, day, dayStart);
        if (!ep.ended) this.runDay(ep, dayEnd);
        if (!ep.ended) this.endOfDay(ep, day, dayEnd);
      }
    }
    const end = startMs + days * DAY_MS;
    for (const ep of this.episodes) if (!ep.ended) this.end(ep, end, 'quarter_end');
    return { strategy: this.strategy.name, loans: this.episodes.map((ep) => this.loanLog(ep)) };
  }

  /** Ask the gate, log the attempt and, when it goes out, play the borrower's answer. */
  contact(ep: Episode, at: number, request: ContactRequest): GateDecision {
    this.gateCalls++;
    const decision = checkContact(
      { channel: request.channel, at, automated: request.automated, toThirdParty: false, threatensSuit: false, ...(request.purpose ? { purpose: request.purpose } : {}) },
      { standing: standingOf(ep), history: ep.sent, weeklyCaps: this.strategy.settingsFor(ep).weeklyCaps },
    );
    const base = { type: 'attempt' as const, contactId: request.contactId, at, channel: request.channel, automated: request.automated, source: request.source, template: request.template, ...(request.policyRule ? { policyRule: request.policyRule } : {}), ...(request.options ? { options: request.options } : {}) };
    if (!decision.allowed) {
      ep.records.push({ ...base, status: 'blocked', rule: decision.rule, retryAt: decision.retryAt, conversation: false });
      return decision;
    }
    const conversation = this.react(ep, at, request);
    const disclosures = decision.disclosures.map((d) => d.id);
    ep.records.push({ ...base, status: 'sent', conversation, disclosures });
    // A collector's call is in the gate's history as the real contact log holds one (collector: true), with what each contact carried.
    ep.sent.push({ channel: request.channel, at, conversation, disclosures, ...(request.source === 'collector' ? { collector: true } : {}) });
    return decision;
  }

  abandon(ep: Episode, contactId: number, at: number, reason: string): void {
    ep.records.push({ type: 'abandoned', contactId, at, reason });
  }

  newContactId(ep: Episode): number {
    return ep.nextContactId++;
  }

  unusable(ep: Episode): Channel[] {
    return [...ep.b.unreachable, ...ep.optedOut, ...ep.wrongNumber, ...ep.bounced];
  }

  arrearsMinor(ep: Episode): number {
    return ep.arrears.reduce((s, a) => s + a.amountMinor, 0);
  }

  dayOf(at: number): number {
    return Math.floor((at - this.options.startMs) / DAY_MS);
  }

  private runDay(ep: Episode, dayEnd: number): void {
    for (let guard = 0; ; guard++) {
      if (guard > 500) throw new Error(`episode ${ep.b.loanId} did not settle within a day`);
      const next = ep.pending[0]?.at ?? Infinity;
      const due = this.strategy.dueAt(ep);
      const at = Math.min(next, due);
      if (at >= dayEnd || ep.ended) return;
      if (next <= due) this.borrowerEvent(ep, ep.pending.shift()!);
      else this.strategy.act(ep, at);
    }
  }

  private borrowerEvent(ep: Episode, event: PendingEvent): void {
    if (event.kind === 'letter_arrives') return this.letterArrives(ep, event.at);
    if (event.kind === 'dispute_verified') {
      ep.disputeOpen = false;
      ep.records.push({ type: 'borrower', at: event.at, event: 'dispute_verified' });
      this.strategy.on(ep, 'dispute_verified', event.at);
      return;
    }
    ep.replies++;
    const intent = understandReply(event.text!, toIsoDate(event.at), 100);
    const channel = event.channel!;
    switch (intent.kind) {
      case 'stop':
        if (!ep.optedOut.includes(channel)) ep.optedOut.push(channel);
        ep.optOuts++;
        ep.records.push({ type: 'borrower', at: event.at, event: 'opt_out', channel });
        break;
      case 'wrong_number':
        for (const c of channel === 'email' ? ['email' as const] : PHONE_CHANNELS) if (!ep.wrongNumber.includes(c)) ep.wrongNumber.push(c);
        ep.records.push({ type: 'borrower', at: event.at, event: 'wrong_number', channel });
        break;
      case 'dispute':
        if (!ep.disputeOpen) {
          ep.disputeOpen = true;
          ep.records.push({ type: 'borrower', at: event.at, event: 'dispute_opened', channel });
          const [min, max] = M.disputeVerificationDays;
          const days = min + Math.floor(draw(this.options.seed, ep.b.index, this.dayOf(event.at), PURPOSE.disputeDays) * (max - min + 1));
          this.schedule(ep, { at: event.at + days * DAY_MS, kind: 'dispute_verified' });
        }
        break;
      case 'pay':
        ep.payWordDay = this.dayOf(event.at);
        break;
      case 'promise':
        if (ep.promise === null) this.promise(ep, event.at, intent.amountMinor, intent.on === null ? null : daysBetween(toIsoDate(event.at), intent.on), event.plan === true);
        if (event.plan) ep.onPlan = true;
        this.strategy.on(ep, 'promised', event.at);
        break;
      default:
        break;
    }
    this.strategy.on(ep, 'replied', event.at);
  }

  /**
   * A letter at the door: a stale address sends it back (the channel is not used again); otherwise
   * it is opened or not, nudges like any contact that reached the borrower, and may bring a written
   * dispute back (the validation notice says how). It never carries a STOP or a promise: paper has
   * no reply button, and the borrower who wants to talk calls.
   */
  private letterArrives(ep: Episode, at: number): void {
    const b = ep.b;
    if (b.letterReturns) {
      if (!ep.bounced.includes('letter')) ep.bounced.push('letter');
      ep.records.push({ type: 'borrower', at, event: 'bounce', channel: 'letter' });
      return;
    }
    const day = this.dayOf(at);
    const u = (purpose: number) => draw(this.options.seed, b.index, day, purpose);
    if (!happens(M.readChance.letter, u(PURPOSE.letterRead))) return;
    ep.nudges.push({ day, strength: contactNudge(b.archetype, 'letter', false, localHour(b.actualZone, at), sentSince(ep, at - 7 * DAY_MS), this.options.knobs) });
    const disputeChance = M.disputeChance[b.archetype] * (b.country === 'US' ? 1 : M.disputeChanceOutsideUsFactor);
    if (happens(disputeChance, u(PURPOSE.letterReply))) this.schedule(ep, { at: at + M.letterReplyDays * DAY_MS, kind: 'reply', channel: 'letter', text: replyText('dispute', b.language, 0, 'monday', u(PURPOSE.replyWording)) });
  }

  private promise(ep: Episode, at: number, amountMinor: number | null, daysAhead: number | null, plan: boolean): void {
    const b = ep.b;
    const day = this.dayOf(at);
    const dueAt = promiseDueAt(daysAhead, this.strategy.settingsFor(ep), (ahead) => this.options.startMs + (day + ahead + 1) * DAY_MS - 1);
    const dueDay = this.dayOf(dueAt);
    const inIncome = b.incomeDay !== null && dueDay >= b.incomeDay;
    const keepChance = plan || ep.onPlan || (b.archetype === 'seasonal_farmer' && inIncome) ? M.promiseKeepOnPlanOrIncome : M.promiseKeep[b.archetype];
    const keeps = happens(keepChance, draw(this.options.seed, b.index, day, PURPOSE.promiseKeep, ep.promisesMade));
    ep.promisesMade++;
    ep.promise = { amountMinor: Math.min(amountMinor ?? this.arrearsMinor(ep), this.arrearsMinor(ep)), dueAt, dueDay, madeAt: at, paidMinor: 0, keeps };
  }

  /** The borrower's answer to a contact that went out; returns whether a call was a conversation with the borrower. */
  private react(ep: Episode, at: number, request: ContactRequest): boolean {
    const b = ep.b;
    const { seed } = this.options;
    // A letter does its work when it arrives (letterArrives); it takes none of the day's draws, so the day's other contacts meet the same luck.
    if (request.channel === 'letter') {
      this.schedule(ep, { at: at + M.letterTransitDays * DAY_MS, kind: 'letter_arrives' });
      return false;
    }
    const day = this.dayOf(at);
    if (ep.contactDay !== day) {
      ep.contactDay = day;
      ep.contactsToday = 0;
    }
    const k = ep.contactsToday++;
    const u = (purpose: number) => draw(seed, b.index, day, purpose, k);
    const channel = request.channel;
    const hour = localHour(b.actualZone, at);
    const delay = (5 + Math.floor(u(PURPOSE.replyDelay) * 235)) * MINUTE_MS;
    if (channel === 'email' && b.emailBounces) {
      if (!ep.bounced.includes('email')) ep.bounced.push('email');
      ep.records.push({ type: 'borrower', at: at + MINUTE_MS, event: 'bounce', channel });
      return false;
    }
    if (channel !== 'email' && b.wrongPhone) {
      const chance = channel === 'voice' ? M.wrongNumberAnswerReplyChance : M.wrongNumberReplyChance;
      if (happens(chance, u(PURPOSE.contactReply))) this.schedule(ep, { at: at + delay, kind: 'reply', channel, text: replyText('wrong_number', b.language, 0, 'monday', u(PURPOSE.replyWording)) });
      return false;
    }
    const weekBefore = sentSince(ep, at - 7 * DAY_MS);
    let reached: boolean;
    let conversation = false;
    if (channel === 'voice') {
      const boost = request.kind === 'collector' ? M.collectorAnswerBoost : 1;
      reached = happens(Math.min(0.95, M.answerChance[b.archetype] * hourFactor(b.archetype, hour) * boost), u(PURPOSE.answer));
      conversation = reached;
    } else {
      reached = happens(M.readChance[channel], u(PURPOSE.contactRead));
    }
    const knobs = this.options.knobs;
    if (channel === 'voice' && !reached) {
      ep.nudges.push({ day, strength: contactNudge(b.archetype, channel, false, hour, weekBefore, knobs) });
      return false;
    }
    if (!reached) return false;
    ep.nudges.push({ day, strength: contactNudge(b.archetype, channel, conversation, hour, weekBefore, knobs) });
    const amountMinor = happens(b.archetype === 'sudden_distress' && !ep.onPlan ? M.fullPaymentShare.sudden_distress : M.fullPaymentShare[b.archetype], u(PURPOSE.payAmount)) ? this.arrearsMinor(ep) : ep.arrears[0]!.amountMinor;
    const weekday = WEEKDAYS[new Date(at + (1 + Math.floor(u(PURPOSE.promiseDay) * M.promiseDaysAhead)) * DAY_MS).getUTCDay()]!;
    const say = (kind: Parameters<typeof replyText>[0], plan = false, units = Math.ceil(amountMinor / 100)) =>
      this.schedule(ep, { at: at + (request.kind === 'collector' || request.kind === 'ivr' ? MINUTE_MS : delay), kind: 'reply', channel, text: replyText(kind, b.language, units, weekday, u(PURPOSE.replyWording)), plan });
    const roll = u(PURPOSE.contactReplyKind);
    const promiseRoll = u(PURPOSE.contactReply);
    if (request.kind === 'collector') {
      const planned = request.hardship === true && (b.archetype === 'sudden_distress' || b.archetype === 'seasonal_farmer');
      if (happens(Math.min(0.95, M.promiseOnCollector[b.archetype] * knobs.collectorEffect), promiseRoll)) say('promise', planned, planned ? Math.ceil(ep.arrears[0]!.amountMinor / 100) : Math.ceil(amountMinor / 100));
      else say('refuse');
      return conversation;
    }
    const stopChance = M.stopChance[b.archetype] * knobs.stopRate * fatigue(weekBefore + 1, knobs).stop * (channel === 'email' ? 0.5 : 1);
    const disputeChance = M.disputeChance[b.archetype] * (b.country === 'US' ? 1 : M.disputeChanceOutsideUsFactor);
    let edge = stopChance;
    if (roll < edge) {
      say('stop');
      return conversation;
    }
    if (roll < (edge += disputeChance)) {
      say('dispute');
      return conversation;
    }
    if (roll < (edge += M.helpChance)) {
      say('help');
      return conversation;
    }
    if (roll < edge + M.payWordChance * knobs.responsiveness) {
      say('pay');
      return conversation;
    }
    const promiseChance = (request.kind === 'ivr' ? M.promiseOnIvr : request.kind === 'promise_offer' ? M.promiseOnOffer : request.kind === 'plan_offer' ? M.planAcceptance : M.promiseOnReminder)[b.archetype] * knobs.responsiveness;
    if (happens(Math.min(0.95, promiseChance), promiseRoll)) {
      const plan = request.kind === 'plan_offer';
      say('promise', plan, plan ? Math.ceil((b.archetype === 'sudden_distress' ? (ep.arrears[0]!.amountMinor * M.distressPartialShareBps) / 10_000 : ep.arrears[0]!.amountMinor) / 100) : Math.ceil(amountMinor / 100));
    }
    return conversation;
  }

  private schedule(ep: Episode, event: PendingEvent): void {
    let i = ep.pending.length;
    while (i > 0 && ep.pending[i - 1]!.at > event.at) i--;
    ep.pending.splice(i, 0, event);
  }

  private flags(ep: Episode, day: number, dayStart: number): void {
    const b = ep.b;
    const at = dayStart + 12 * 3_600_000;
    // The lender stops collecting on a bankruptcy or death notice, whatever the strategy.
    if (b.bankruptcyDay === day) {
      ep.records.push({ type: 'borrower', at, event: 'bankruptcy' });
      this.end(ep, at, 'bankruptcy');
    } else if (b.deceasedDay === day) {
      ep.records.push({ type: 'borrower', at, event: 'deceased' });
      this.end(ep, at, 'deceased');
    }
  }

  private endOfDay(ep: Episode, day: number, dayEnd: number): void {
    const b = ep.b;
    const { seed, knobs } = this.options;
    const at = dayEnd - 1;
    let paid = 0;
    if (ep.promise && ep.promise.keeps && ep.promise.dueDay === day) paid = ep.promise.amountMinor - ep.promise.paidMinor;
    else if (happens(this.payChance(ep, day, at, knobs), draw(seed, b.index, day, PURPOSE.pay))) {
      const inIncome = b.incomeDay !== null && day >= b.incomeDay && day < b.incomeDay + 20;
      const fullShare = b.archetype === 'seasonal_farmer' && inIncome ? M.farmerIncomeFullShare : M.fullPaymentShare[b.archetype];
      const oldest = ep.arrears[0]!.amountMinor;
      paid = happens(fullShare, draw(seed, b.index, day, PURPOSE.payAmount)) ? this.arrearsMinor(ep) : b.archetype === 'sudden_distress' && !ep.onPlan ? Math.max(1, Math.floor((oldest * M.distressPartialShareBps) / 10_000)) : oldest;
    }
    if (paid > 0) {
      this.applyPayment(ep, paid);
      if (ep.promise) ep.promise.paidMinor += paid;
      if (ep.arrears.length === 0) {
        ep.curedDay = day;
        this.end(ep, at, 'cured');
        return;
      }
      this.strategy.on(ep, 'paid', at);
    }
    if (ep.promise) {
      const p = ep.promise;
      const status = promiseStatus(p, at, this.strategy.settingsFor(ep));
      const kept = status === 'kept';
      if (status !== 'open') {
        ep.promise = null;
        if (kept) ep.promisesKept++;
        else ep.promisesBroken++;
        this.strategy.on(ep, kept ? 'promise_kept' : 'promise_broken', dayEnd);
      }
    }
    // Tomorrow: a new instalment may fall due, and the loan ages a day.
    if (ep.nextDueDay === day + 1) {
      ep.arrears.push({ dueDay: day + 1, amountMinor: b.instalmentMinor });
      ep.nextDueDay += 30;
    }
    ep.dpd = day + 1 - ep.arrears[0]!.dueDay;
    const bucket = BUCKETS[bucketIndex(ep.dpd)]!;
    if (bucket !== ep.bucket) {
      ep.bucket = bucket;
      this.strategy.on(ep, 'bucket_changed', dayEnd);
    }
  }

  private payChance(ep: Episode, day: number, at: number, knobs: ResponseKnobs): number {
    const b = ep.b;
    const inIncome = b.incomeDay !== null && day >= b.incomeDay && day < b.incomeDay + 20;
    let p = inIncome ? M.farmerIncomePayDaily : M.basePayDaily[b.archetype];
    if (ep.onPlan && (b.archetype === 'sudden_distress' || b.archetype === 'seasonal_farmer')) p = Math.max(p, M.planPayDaily);
    let lift = 0;
    for (let i = ep.nudges.length - 1; i >= 0 && day - ep.nudges[i]!.day < 10; i--) lift += ep.nudges[i]!.strength * M.nudgeDecayPerDay ** (day - ep.nudges[i]!.day);
    p += lift;
    if (ep.payWordDay === day) p *= 2;
    const week = sentSince(ep, at - 7 * DAY_MS);
    return Math.min(M.maxPayDaily, p * fatigue(week, knobs).pay);
  }

  private applyPayment(ep: Episode, amountMinor: number): void {
    ep.paidMinor += amountMinor;
    const toStart = Math.min(amountMinor, ep.startArrearsLeftMinor);
    ep.startArrearsLeftMinor -= toStart;
    let left = amountMinor;
    while (left > 0 && ep.arrears.length > 0) {
      const oldest = ep.arrears[0]!;
      const applied = Math.min(left, oldest.amountMinor);
      oldest.amountMinor -= applied;
      left -= applied;
      if (oldest.amountMinor === 0) ep.arrears.shift();
    }
  }

  end(ep: Episode, at: number, reason: string): void {
    ep.ended = reason;
    this.strategy.ended(ep, at, reason);
    ep.records.push({ type: 'ended', at, reason });
  }

  private loanLog(ep: Episode): LoanLog {
    return { loanId: ep.b.loanId, country: ep.b.country, timeZone: ep.b.timeZone, automatedConsent: ep.b.automatedConsent, weeklyCaps: this.strategy.settingsFor(ep).weeklyCaps, records: ep.records };
  }
}

export function standingOf(ep: Episode): BorrowerStanding {
  return {
    country: ep.b.country,
    timeZone: ep.b.timeZone,
    optedOutOfAll: false,
    optedOutChannels: ep.optedOut,
    wrongNumberChannels: ep.wrongNumber,
    bankruptcy: false,
    deceased: false,
    disputeOpen: ep.disputeOpen,
    automatedConsent: ep.b.automatedConsent,
    timeBarred: false,
  };
}

const BUCKETS = DEFAULT_BUCKETS.map((b) => b.name);

/** The default bucket's index for a DPD (domain/delinquency.ts's buckets, without re-validating them every simulated day). */
export function bucketIndex(dpd: number): number {
  return DEFAULT_BUCKETS.findLastIndex((b) => b.minDpd <= dpd);
}

/** Contacts sent after `since` (the log is in time order, so only its tail is read). */
function sentSince(ep: Episode, since: number): number {
  let n = 0;
  for (let i = ep.sent.length - 1; i >= 0 && ep.sent[i]!.at > since; i--) n++;
  return n;
}

/** The zone a strategy schedules in: the one on file, else the country's main one (the gate still checks every possible zone). */
export function schedulingZone(b: Borrower): string {
  if (b.timeZone) return b.timeZone;
  return b.country === 'US' ? 'America/New_York' : b.country === 'IN' ? 'Asia/Kolkata' : 'UTC';
}
