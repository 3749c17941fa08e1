// The product's recovery, simulated: the escalation policy document and its one evaluator
// (selectPath) choose each episode's path, the path runner (policies/recovery/path-runner.ts)
// follows it, the gate decides every contact, segments come from segmentRecovery. With a
// challenger, a deterministic hashed share of episodes follows the challenger's document.
import { armOf as sharedArmOf, type ExperimentArm } from '../../policies/recovery/experiment-arm.js';
import { caseReturned, contactBlocked, contactSent, handedOff, nextAction, notify, reconsider, type PathState } from '../../policies/recovery/path-runner.js';
import type { AccountFacts, PolicySettings, RecoveryEvent, RecoveryPolicyDocument } from '../../policies/recovery/policy-document.js';
import { selectPath } from '../../policies/recovery/select-path.js';
import { writtenInformationDue } from '../../policies/compliance/validation-window.js';
import { automatedByDefault, type Channel } from '../../policies/compliance/rules.js';
import { COLLECTORS, CollectorQueue, type CollectorCase } from './collector-queue.js';
import { segmentOf, propensityBps } from './lender-view.js';
import { nextLocalTime } from './local-time.js';
import { DAY_MS, schedulingZone, type Episode, type Strategy, type StrategyEvent, type World } from './world.js';

export type Arm = ExperimentArm;

interface PolicyEpisode {
  arm: Arm;
  policy: RecoveryPolicyDocument;
  path: PathState | null;
  /** the contact chain of the current step, while the gate holds it back */
  chain: { contactId: number; lastBlock: string } | null;
  evaluate: { event: RecoveryEvent; at: number } | null;
  wakeAt: number;
  case: CollectorCase | null;
  collectorCallAt: number | null;
  /** the validation notice owed after a first communication by phone, as the recovery workflow sends it (required-notices.ts) */
  notice: { contactId: number; at: number; blocked: boolean } | null;
}

/** A notice goes in writing: email, else a text, else a letter (as required-notices.ts sends it). */
const NOTICE_CHANNELS: readonly Channel[] = ['email', 'sms', 'whatsapp', 'letter'];

/** USD per unit, fixed for the run: only to rank cases by risk x balance across currencies. */
const USD_PER_UNIT: Record<string, number> = { INR: 0.012, USD: 1, GBP: 1.27, MXN: 0.055, PHP: 0.017, KES: 0.0077 };

export interface Experiment {
  challenger: RecoveryPolicyDocument;
  /** share of episodes on the challenger, basis points */
  shareBps: number;
  id: string;
}

/** The same split the recovery workflow's assignment makes (policies/recovery/experiment-arm.ts). */
export function armOf(loanId: string, experiment: Experiment | null): Arm {
  return experiment ? sharedArmOf(experiment.id, loanId, experiment.shareBps) : 'champion';
}

export class PolicyStrategy implements Strategy {
  readonly name: string;
  readonly queue: CollectorQueue;
  evaluations = 0;
  skippedSteps = 0;
  world!: World;

  constructor(
    loans: number,
    readonly champion: RecoveryPolicyDocument,
    readonly experiment: Experiment | null = null,
  ) {
    this.queue = new CollectorQueue(loans);
    this.name = experiment ? `${champion.name} vs ${experiment.challenger.name}` : champion.name;
  }

  settingsFor(ep: Episode): PolicySettings {
    return this.st(ep).policy.settings;
  }

  private st(ep: Episode): PolicyEpisode {
    return ep.s as PolicyEpisode;
  }

  begin(ep: Episode, at: number): void {
    const arm = armOf(ep.b.loanId, this.experiment);
    const policy = arm === 'challenger' ? this.experiment!.challenger : this.champion;
    ep.s = { arm, policy, path: null, chain: null, evaluate: { event: 'entered', at }, wakeAt: at, case: null, collectorCallAt: null, notice: null } satisfies PolicyEpisode;
  }

  dueAt(ep: Episode): number {
    const s = this.st(ep);
    return Math.min(s.wakeAt, s.collectorCallAt ?? Infinity, s.notice?.at ?? Infinity);
  }

  startOfDay(_day: number, dayStart: number): void {
    for (const c of this.queue.assign(dayStart + DAY_MS)) {
      const s = this.st(c.ep);
      s.collectorCallAt = Math.max(c.notBefore, nextLocalTime(schedulingZone(c.ep.b), dayStart, 11));
    }
  }

  on(ep: Episode, event: StrategyEvent, at: number): void {
    const s = this.st(ep);
    if (event === 'paid' || event === 'promised' || event === 'replied') {
      if (s.path) s.path = notify(s.path, event, at);
      this.wake(s, at);
      return;
    }
    if (event === 'dispute_verified') return this.wake(s, at);
    if (event === 'bucket_changed' && s.case) return; // the collector has it; the policy is asked again when it comes back
    if (event === 'promise_kept' || event === 'promise_broken' || event === 'bucket_changed') {
      s.evaluate = { event, at };
      this.wake(s, at);
    }
  }

  ended(ep: Episode, at: number, reason: string): void {
    const s = this.st(ep);
    if (s.chain) this.world.abandon(ep, s.chain.contactId, at, `episode ended: ${reason}`);
    s.chain = null;
    if (s.notice?.blocked) this.world.abandon(ep, s.notice.contactId, at, `episode ended: ${reason}`);
    s.notice = null;
    if (s.case) {
      this.queue.close(s.case);
      this.caseEnded(ep, s, at, `episode ended: ${reason}`);
    }
  }

  act(ep: Episode, at: number): void {
    const s = this.st(ep);
    if (s.collectorCallAt !== null && s.collectorCallAt <= at) this.collectorCall(ep, s, at);
    if (s.notice && s.notice.at <= at) this.sendNotice(ep, s, at);
    if (s.wakeAt > at) return;
    const unusable = this.world.unusable(ep);
    for (let guard = 0; guard < 64; guard++) {
      if (s.evaluate) {
        const { event } = s.evaluate;
        s.evaluate = null;
        this.evaluate(ep, s, event, at);
      }
      if (!s.path) return this.sleep(s, Infinity);
      const hold = ep.promise || ep.disputeOpen ? { until: null } : null;
      const { state, action } = nextAction(s.path, at, { settings: s.policy.settings, unusable, hold });
      s.path = state;
      switch (action.kind) {
        case 'idle':
          return this.sleep(s, action.until ?? Infinity);
        case 'stopped':
          return this.sleep(s, Infinity);
        case 'completed':
          s.evaluate = { event: 'path_completed', at };
          continue;
        case 'skip':
          this.skippedSteps++;
          if (s.chain) this.world.abandon(ep, s.chain.contactId, at, `${action.reason} (last refusal: ${s.chain.lastBlock})`);
          s.chain = null;
          continue;
        case 'handoff': {
          const c: CollectorCase = { ep, queue: action.queue, priority: typeof action.priority === 'number' ? action.priority : this.riskTimesBalance(ep), openedAt: at, attempts: 0, notBefore: at, blocked: false, contactId: this.world.newContactId(ep) };
          this.queue.open(c);
          s.case = c;
          s.path = handedOff(s.path, at);
          continue;
        }
        case 'contact': {
          const contactId = s.chain?.contactId ?? this.world.newContactId(ep);
          const kind = action.step === 'call' ? 'ivr' : action.offer === 'plan' ? 'plan_offer' : action.offer === 'promise' ? 'promise_offer' : 'reminder';
          const decision = this.world.contact(ep, at, { contactId, channel: action.channel, automated: action.automated, source: 'path', template: action.template, kind, policyRule: s.path.ruleId, options: action.options });
          if (decision.allowed) {
            s.chain = null;
            s.path = contactSent(s.path, at);
            if (action.channel === 'voice') this.noticeIfOwed(ep, s, at);
          } else {
            s.chain = { contactId, lastBlock: `${decision.rule}: ${decision.reason}` };
            s.path = contactBlocked(s.path, action.channel, decision.retryAt);
          }
          continue;
        }
      }
    }
    throw new Error(`episode ${ep.b.loanId}: the path did not come to rest`);
  }

  private evaluate(ep: Episode, s: PolicyEpisode, event: RecoveryEvent, at: number): void {
    const strategy = segmentOf(ep.b.file, ep.dpd, ep.promisesKept, ep.promisesBroken);
    const facts: AccountFacts = {
      event,
      bucket: ep.bucket,
      dpd: ep.dpd,
      segment: strategy.segment,
      propensityBand: strategy.propensityBand,
      balanceMinor: this.world.arrearsMinor(ep),
      currency: ep.b.currency,
      product: 'personal-loan',
      region: ep.b.country,
      contactHistory: {
        contacts: ep.sent.length,
        replies: ep.replies,
        promisesBroken: ep.promisesBroken,
        promisesKept: ep.promisesKept,
        daysSinceLastContact: ep.sent.length === 0 ? null : Math.floor((at - ep.sent[ep.sent.length - 1]!.at) / DAY_MS),
      },
    };
    this.evaluations++;
    const selected = selectPath(s.policy, facts);
    if (!selected) {
      s.path = null;
      return;
    }
    const next = reconsider(s.path, selected, event, at);
    if (next !== s.path) {
      if (s.chain) this.world.abandon(ep, s.chain.contactId, at, `superseded: rule ${selected.ruleId} chosen on ${event}`);
      s.chain = null;
      if (s.case) {
        this.queue.close(s.case);
        this.caseEnded(ep, s, at, `case closed: rule ${selected.ruleId} chosen on ${event}`);
      }
    }
    s.path = next;
  }

  private collectorCall(ep: Episode, s: PolicyEpisode, at: number): void {
    const c = s.case;
    s.collectorCallAt = null;
    if (!c || ep.ended) return;
    const decision = this.world.contact(ep, at, { contactId: c.contactId, channel: 'voice', automated: false, source: 'collector', template: `${c.queue}_call`, kind: 'collector', hardship: c.queue === 'hardship', policyRule: s.path?.ruleId });
    if (!decision.allowed) {
      if (decision.retryAt !== null) {
        c.notBefore = decision.retryAt;
        c.blocked = true;
        return;
      }
      this.queue.close(c);
      this.world.abandon(ep, c.contactId, at, `collector call refused: ${decision.rule}: ${decision.reason}`);
      return this.returnCase(ep, s, at);
    }
    c.attempts++;
    c.blocked = false;
    const conversation = ep.sent[ep.sent.length - 1]!.conversation;
    if (conversation) this.noticeIfOwed(ep, s, at);
    if (conversation || c.attempts >= COLLECTORS.attemptsPerCase) {
      this.queue.close(c);
      return this.returnCase(ep, s, at);
    }
    c.notBefore = at + DAY_MS;
    c.contactId = this.world.newContactId(ep);
  }

  /** After a call: when it was the first communication and nothing written has given the validation information, the notice goes at once. */
  private noticeIfOwed(ep: Episode, s: PolicyEpisode, at: number): void {
    if (s.notice || !writtenInformationDue(ep.b.country, ep.sent)) return;
    s.notice = { contactId: this.world.newContactId(ep), at, blocked: false };
  }

  /** Through the gate like every contact, on the first written channel it allows; held until the gate's instant, or abandoned with the reason. */
  private sendNotice(ep: Episode, s: PolicyEpisode, at: number): void {
    const notice = s.notice!;
    if (!writtenInformationDue(ep.b.country, ep.sent)) {
      if (notice.blocked) this.world.abandon(ep, notice.contactId, at, 'the validation information went out in another message');
      s.notice = null;
      return;
    }
    const unusable = this.world.unusable(ep);
    let lastBlock = 'no written channel to reach the borrower';
    for (const channel of NOTICE_CHANNELS) {
      if (unusable.includes(channel)) continue;
      const decision = this.world.contact(ep, at, { contactId: notice.contactId, channel, automated: automatedByDefault(channel), source: 'notice', template: 'validation_notice', kind: 'notice', purpose: 'validation_notice', policyRule: s.path?.ruleId });
      if (decision.allowed) {
        s.notice = null;
        return;
      }
      if (decision.retryAt !== null) {
        s.notice = { ...notice, at: decision.retryAt, blocked: true };
        return;
      }
      lastBlock = `${decision.rule}: ${decision.reason}`;
      notice.blocked = true;
    }
    if (notice.blocked) this.world.abandon(ep, notice.contactId, at, `validation notice refused on every written channel (${lastBlock})`);
    s.notice = null;
  }

  private returnCase(ep: Episode, s: PolicyEpisode, at: number): void {
    s.case = null;
    if (s.path) s.path = caseReturned(s.path, at);
    this.wake(s, at);
  }

  private caseEnded(ep: Episode, s: PolicyEpisode, at: number, reason: string): void {
    if (s.case?.blocked) this.world.abandon(ep, s.case.contactId, at, reason);
    s.case = null;
    s.collectorCallAt = null;
  }

  private riskTimesBalance(ep: Episode): number {
    const risk = 10_000 - propensityBps(ep.b.file, ep.dpd);
    return Math.round(risk * this.world.arrearsMinor(ep) * (USD_PER_UNIT[ep.b.currency] ?? 1));
  }

  private wake(s: PolicyEpisode, at: number): void {
    s.wakeAt = Math.min(s.wakeAt, at);
  }

  private sleep(s: PolicyEpisode, until: number): void {
    s.wakeAt = until;
  }
}
