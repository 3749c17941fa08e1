// One live call's assist, pure: what is known of the borrower when the call opens (risk,
// propensity, segment, standing, contact history), and for each transcript segment the intents the
// model found (with the inbox's own reading of a borrower's words beside it), the promise's amount
// and date, the compliance warnings and the next best action. It changes nothing anywhere: the
// gateway acts only on what the collector confirms (README: Live-call assist).
import { addDays, parseIsoDate, type IsoDate } from '../../../domain/calendar.js';
import { amountIn, dayIn, understandReply } from '../../../domain/recovery/inbound-reply.js';
import { minorUnits } from '../../../domain/currency.js';
import type { CallIntent, IntentScores } from '../../../models/call-intents/intent-model.js';
import { checkContact } from '../../../policies/compliance/gate.js';
import type { BorrowerStanding, PastContact } from '../../../policies/compliance/rules.js';
import { threatIn } from '../../../policies/compliance/threat-words.js';
import { INTENT_SPEAKER, type CallSegment } from './call-segment.js';

export interface BorrowerRisk {
  /** propensity-to-pay at the last segmentation: P(a payment within 30 days) */
  propensity: number | null;
  propensityBand: string | null;
  segment: string | null;
  /** the recovery plan's offer for the segment (restructuring_plan, due_date_change, none) */
  offer: string | null;
  rationale: string | null;
  /** delinquency-roll at the last limit review: P(a worse bucket within 30 days) */
  rollProbability: number | null;
  /** application-pd at origination */
  pd: number | null;
  dpd: number | null;
  bucket: string | null;
  overdueMinor: number | null;
  outstandingMinor: number | null;
}

export interface CallContext {
  loanId: string;
  caseId: string | null;
  workflowId: string | null;
  assigneeId: string | null;
  currency: string;
  country: string;
  timeZone: string | null;
  risk: BorrowerRisk;
  /** null when the loan has no contact profile (then the gate's own checks cannot be run) */
  standing: BorrowerStanding | null;
  history: readonly PastContact[];
}

export interface DetectedIntent {
  intent: CallIntent;
  /** the model's probability; the inbox's rule reading alone is reported as 1 */
  probability: number;
  /**
   * model: the intent model; rule: the inbox's reading of a borrower's reply (domain/recovery/inbound-reply.ts),
   * or for a collector's words the drafting gate's threat rule (policies/compliance/threat-words.ts); both
   */
  source: 'model' | 'rule' | 'both';
}

export type WarningCode = 'threat' | 'false_urgency' | 'third_party' | 'wrong_party' | 'stop_request' | 'dispute' | 'gate';

export interface ComplianceWarning {
  code: WarningCode;
  severity: 'critical' | 'warning';
  message: string;
  citation: string;
  /** the segment that raised it */
  raisedAt: number;
  /** for code gate: the rule that blocks a call now */
  rule?: string;
}

export interface NextBestAction {
  code: string;
  say: string;
  /** what to record, and where, once the collector has confirmed it */
  record?: { route: string; body: Record<string, unknown> } | { confirm: 'stop_request' | 'dispute' };
}

export interface AssistMessage {
  type: 'assist';
  /** the client's seq, or the server's count of segments */
  seq: number;
  speaker: CallSegment['speaker'];
  intents: DetectedIntent[];
  promise: { amountMinor: number | null; currency: string; dueOn: IsoDate | null } | null;
  warnings: ComplianceWarning[];
  newWarnings: WarningCode[];
  nextBestAction: NextBestAction;
  risk: BorrowerRisk;
  modelVersion: string;
}

const CITATIONS: Record<Exclude<WarningCode, 'gate'>, Record<'US' | 'IN' | 'default', string>> = {
  threat: {
    US: '12 CFR 1006.14 and 1006.18(c): no threat of violence, arrest or of action that cannot legally be taken or is not intended',
    IN: 'RBI Fair Practices Code and recovery-agent directions: no intimidation or harassment, verbal or physical',
    default: 'Lender policy: no threats, intimidation or harassment',
  },
  false_urgency: {
    US: '12 CFR 1006.18: no false, deceptive or misleading representation (a deadline that does not exist)',
    IN: 'RBI Fair Practices Code: no misleading representation to the borrower',
    default: 'Lender policy: no false urgency',
  },
  third_party: {
    US: '12 CFR 1006.6(d): the debt is not discussed with anyone but the consumer',
    IN: 'RBI recovery-agent directions: the debt is not discussed with relatives, referees or other third parties',
    default: 'Lender policy: the debt is discussed with the borrower only',
  },
  wrong_party: {
    US: '12 CFR 1006.6(d) and 1006.10: to anyone else, say nothing of the debt',
    IN: 'RBI recovery-agent directions: no disclosure of the debt to third parties',
    default: 'Lender policy: the debt is discussed with the borrower only',
  },
  stop_request: {
    US: 'TCPA: consent to calls may be revoked by any reasonable means; 12 CFR 1006.14(h): a medium the consumer asked not to be used is not used',
    IN: 'RBI Fair Practices Code: the borrower is contacted as they ask',
    default: 'Lender policy: a request to stop calls is honoured',
  },
  dispute: {
    US: '12 CFR 1006.34 and 1006.38: a disputed debt is not collected until it is verified',
    IN: 'Lender policy (RBI grievance redressal): a disputed debt is not collected until the dispute is answered',
    default: 'Lender policy: a disputed debt is not collected until the dispute is answered',
  },
};

const MESSAGES: Record<Exclude<WarningCode, 'gate'>, { severity: 'critical' | 'warning'; message: string }> = {
  threat: { severity: 'critical', message: 'That was heard as a threat. Withdraw it now and state only what will actually happen, as the agreement says.' },
  false_urgency: { severity: 'warning', message: 'That was heard as a deadline that does not exist. Tell the borrower the real dates; no pressure to decide on this call.' },
  third_party: { severity: 'critical', message: 'Someone else is on the line. Do not discuss the debt: ask to speak to the borrower alone, or call back.' },
  wrong_party: { severity: 'critical', message: 'This may not be the borrower. Say nothing about the debt; confirm identity or end the call and record wrong_party.' },
  stop_request: { severity: 'critical', message: 'The borrower asked not to be called. Honour it: no more calls to this number. Confirm it to record the opt-out.' },
  dispute: { severity: 'critical', message: 'The borrower disputes the debt. Stop collecting on this call: take the details and record the outcome disputed.' },
};

function jurisdiction(country: string): 'US' | 'IN' | 'default' {
  return country === 'US' ? 'US' : country === 'IN' ? 'IN' : 'default';
}

/** The borrower's calendar day now (their zone, else UTC): a spoken "tomorrow" is theirs. */
export function localDay(nowMs: number, timeZone: string | null): IsoDate {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(nowMs);
  } catch {
    return new Date(nowMs).toISOString().slice(0, 10);
  }
}

/** A day of the month said as "the 15th" or "15 tarikh": the next such day from today. */
function dayOfMonthIn(text: string, today: IsoDate): IsoDate | null {
  const m = /\b(\d{1,2})\s*(?:st|nd|rd|th|tarikh)\b/.exec(text);
  if (!m) return null;
  const day = Number(m[1]);
  if (day < 1 || day > 31) return null;
  for (let ahead = 0; ahead < 62; ahead++) {
    const candidate = addDays(today, ahead);
    if (parseIsoDate(candidate).day === day) return candidate;
  }
  return null;
}

const RULE_INTENTS: Partial<Record<ReturnType<typeof understandReply>['kind'], CallIntent>> = {
  stop: 'stop_contact',
  dispute: 'dispute',
  wrong_number: 'wrong_party',
  promise: 'promise_to_pay',
};

export class CallSession {
  private segments = 0;
  private readonly raised = new Map<WarningCode, ComplianceWarning>();
  private thirdParty = false;
  private wrongParty = false;
  private stopRequested = false;
  private disputed = false;
  private hardship = false;
  private promise: { amountMinor: number | null; dueOn: IsoDate | null } | null = null;
  private readonly confirmed = new Set<'stop_request' | 'dispute'>();

  constructor(
    readonly context: CallContext,
    private readonly modelVersion: string,
  ) {}

  /** The gate's view of this call now, and the next best action before anyone has spoken. */
  opening(nowMs: number): { warnings: ComplianceWarning[]; nextBestAction: NextBestAction } {
    this.gateCheck(nowMs, 0);
    return { warnings: [...this.raised.values()], nextBestAction: this.nextBestAction() };
  }

  process(segment: CallSegment, scores: IntentScores, nowMs: number): AssistMessage {
    this.segments += 1;
    const seq = segment.seq ?? this.segments;
    const before = new Set(this.raised.keys());
    const intents = this.intentsOf(segment, scores, nowMs);
    const found = new Set(intents.map((i) => i.intent));
    const j = jurisdiction(this.context.country);
    const raise = (code: Exclude<WarningCode, 'gate'>) => {
      if (!this.raised.has(code)) this.raised.set(code, { code, ...MESSAGES[code], citation: CITATIONS[code][j], raisedAt: seq });
    };
    let promise: AssistMessage['promise'] = null;
    if (segment.speaker === 'borrower') {
      if (found.has('third_party')) this.thirdParty = true;
      if (found.has('wrong_party')) this.wrongParty = true;
      if (found.has('stop_contact')) this.stopRequested = true;
      if (found.has('dispute')) this.disputed = true;
      for (const [intent, code] of [['third_party', 'third_party'], ['wrong_party', 'wrong_party'], ['stop_contact', 'stop_request'], ['dispute', 'dispute']] as const) if (found.has(intent)) raise(code);
      if (found.has('hardship')) this.hardship = true;
      if (found.has('promise_to_pay')) {
        const normalised = segment.text.normalize('NFC').toLowerCase().replace(/[०-९]/g, (d) => String(d.charCodeAt(0) - 0x0966));
        const today = localDay(nowMs, this.context.timeZone);
        const amountMinor = amountIn(normalised, 10 ** minorUnits(this.context.currency));
        const dueOn = dayIn(normalised, today) ?? dayOfMonthIn(normalised, today);
        // A later sentence that adds only the date (or only the amount) completes the same promise.
        this.promise = { amountMinor: amountMinor ?? this.promise?.amountMinor ?? null, dueOn: dueOn ?? this.promise?.dueOn ?? null };
        promise = { ...this.promise, currency: this.context.currency };
      }
    } else {
      if (found.has('threat')) raise('threat');
      if (found.has('false_urgency')) raise('false_urgency');
    }
    this.gateCheck(nowMs, seq);
    const warnings = [...this.raised.values()];
    return {
      type: 'assist',
      seq,
      speaker: segment.speaker,
      intents,
      promise,
      warnings,
      newWarnings: warnings.filter((w) => !before.has(w.code)).map((w) => w.code),
      nextBestAction: this.nextBestAction(),
      risk: this.context.risk,
      modelVersion: this.modelVersion,
    };
  }

  /** What the collector confirmed and the gateway recorded: the next best action moves on. */
  markConfirmed(action: 'stop_request' | 'dispute'): void {
    this.confirmed.add(action);
  }

  /** Whether the call found what the collector asks to confirm (nothing is recorded on the collector's word about an unheard request). */
  heard(action: 'stop_request' | 'dispute'): boolean {
    return action === 'stop_request' ? this.stopRequested : this.disputed;
  }

  private intentsOf(segment: CallSegment, scores: IntentScores, nowMs: number): DetectedIntent[] {
    const byIntent = new Map<CallIntent, DetectedIntent>();
    for (const intent of scores.detected) {
      if (INTENT_SPEAKER[intent] === segment.speaker) byIntent.set(intent, { intent, probability: round(scores.probabilities[intent]), source: 'model' });
    }
    if (segment.speaker === 'borrower') {
      // The inbox's reading of a reply is exact for the phrasings it knows ("stop calling me", "wrong number"): the two together.
      const rule = RULE_INTENTS[understandReply(segment.text, localDay(nowMs, this.context.timeZone)).kind];
      if (rule) {
        const model = byIntent.get(rule);
        byIntent.set(rule, model ? { ...model, source: 'both' } : { intent: rule, probability: round(scores.probabilities[rule]), source: 'rule' });
      }
    } else if (threatIn(segment.text)) {
      // What the drafting gate refuses in a written message is a threat said on a call too: the same words, the same rule.
      const model = byIntent.get('threat');
      byIntent.set('threat', model ? { ...model, source: 'both' } : { intent: 'threat', probability: round(scores.probabilities.threat), source: 'rule' });
    }
    return [...byIntent.values()].sort((a, b) => b.probability - a.probability);
  }

  /**
   * A call now, as the gate judges a collector's call: hours, opt-outs, disputes, flags, Reg F's call
   * caps. To the borrower (toThirdParty false): someone else listening in is the third_party
   * warning's business, and its remedy is to ask for the borrower alone, not to end the call.
   */
  private gateCheck(nowMs: number, seq: number): void {
    const { standing, history } = this.context;
    if (!standing) return;
    const decision = checkContact({ channel: 'voice', at: nowMs, automated: false, toThirdParty: false, threatensSuit: false }, { standing, history, weeklyCaps: {} });
    if (decision.allowed) {
      this.raised.delete('gate');
      return;
    }
    const current = this.raised.get('gate');
    if (current?.rule === decision.rule) return;
    this.raised.set('gate', {
      code: 'gate',
      severity: 'critical',
      message: `The compliance gate would not allow this call now: ${decision.reason}${decision.retryAt !== null ? ` (allowed again from ${new Date(decision.retryAt).toISOString()})` : ''}. End it politely.`,
      citation: decision.citation,
      raisedAt: seq,
      rule: decision.rule,
    });
  }

  private nextBestAction(): NextBestAction {
    const { caseId, risk, currency } = this.context;
    const outcomes = caseId ? `POST /v1/desk/cases/${caseId}/outcomes` : null;
    const record = (outcome: string, extra: Record<string, unknown> = {}) => (outcomes ? { record: { route: outcomes, body: { outcome, ...extra } } } : {});
    if (this.wrongParty) return { code: 'end_call_wrong_party', say: 'Apologise for the wrong number and end the call without naming the lender or the debt.', ...record('wrong_party') };
    if (this.raised.has('gate')) return { code: 'end_call_gate', say: 'Thank the borrower and end the call: the gate does not allow this call now.' };
    if (this.stopRequested && !this.confirmed.has('stop_request')) return { code: 'honour_stop_request', say: 'Acknowledge the request, tell the borrower they will not be called on this number again, and say how they can reach you.', record: { confirm: 'stop_request' } };
    if (this.disputed && !this.confirmed.has('dispute')) return { code: 'record_dispute', say: 'Stop collecting. Take what they dispute and why, and tell them they will get the verification in writing.', record: { confirm: 'dispute' } };
    if (this.disputed || this.stopRequested) return { code: 'close_call', say: 'Recorded. Close the call politely.' };
    if (this.thirdParty) return { code: 'ask_for_borrower_alone', say: 'Ask to speak to the borrower alone, or offer to call back at a better time. Do not mention the debt.' };
    if (this.promise && this.promise.amountMinor !== null && this.promise.dueOn !== null) {
      return { code: 'confirm_promise', say: `Read the promise back: ${money(this.promise.amountMinor, currency)} on ${this.promise.dueOn}. Send the payment link.`, ...record('promised', { promise: { amountMinor: this.promise.amountMinor, dueOn: this.promise.dueOn } }) };
    }
    if (this.promise) return { code: 'complete_promise', say: this.promise.amountMinor === null ? 'Ask how much they will pay on that day.' : 'Ask on which date they will pay.' };
    if (this.hardship) {
      const offer = risk.offer === 'due_date_change' ? 'moving the due dates to when income comes in' : 'a plan sized to what they can pay now (longer term, lower instalment)';
      return { code: 'offer_plan', say: `Acknowledge the hardship and offer ${offer}.`, ...record('hardship') };
    }
    const overdue = risk.overdueMinor !== null && risk.overdueMinor > 0 ? ` (${money(risk.overdueMinor, currency)} overdue)` : '';
    switch (risk.segment) {
      case 'restructure':
        return { code: 'offer_plan', say: `Ask what they can pay each month and offer a restructuring plan${overdue}.` };
      case 'flexible_schedule':
        return { code: 'offer_due_date_change', say: `Offer to move the due dates into the months income comes in${overdue}.` };
      case 'field_or_legal':
        return { code: 'ask_for_promise', say: `Ask for a payment date and amount${overdue}; a promise is taken only with both.` };
      default:
        return { code: 'ask_for_payment', say: `Remind them of the amount due${overdue} and offer the payment link.` };
    }
  }
}

function round(p: number): number {
  return Math.round(p * 10_000) / 10_000;
}

function money(minor: number, currency: string): string {
  const digits = minorUnits(currency);
  return `${currency} ${(minor / 10 ** digits).toFixed(digits)}`;
}
