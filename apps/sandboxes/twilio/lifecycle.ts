// What happens to a send after Twilio accepts it: status callbacks signed with the auth token
// (queued, sent, then delivered, or undelivered / failed with an ErrorCode for the test numbers
// that fail; a call's initiated, ringing, answered and completed), and then the test borrower's
// answer: a text back to the inbound webhook, a payment through the gateway, or keys pressed at
// the call's <Gather>, posted signed to its action URL.
import { randomUUID } from 'node:crypto';
import { borrowerByPhone, TWILIO_TEST_NUMBERS, type RecoveryBorrower } from '../recovery-borrowers.js';
import { paymentAsked, payThroughGateway, type GatewayAccess } from '../borrower-payment.js';
import type { CallbackPoster } from '../callback-poster.js';
import { newSid, rfc2822, type CallRecord, type MessageRecord } from './twilio-resources.js';
import { twilioSignature } from './twilio-signature.js';

export interface LifecycleTiming {
  /** between one status and the next */
  stepMs: number;
  /** from delivery to the borrower's reply, payment or key press */
  replyDelayMs: number;
  /** from a call's end until its Events can be read (Twilio: about 15 minutes; before, the list is empty) */
  callEventsAfterMs: number;
}

export const DEFAULT_TIMING: LifecycleTiming = { stepMs: 50, replyDelayMs: 1000, callEventsAfterMs: 0 };

export interface PaymentLog {
  messageSid: string;
  loanId?: string;
  amount?: number;
  currency?: string;
  outcome: string;
}

interface LifecycleDeps {
  accountSid: string;
  authToken: string;
  fromNumber: string;
  whatsappFrom: string;
  apiUrl?: string;
  gateway?: GatewayAccess;
  timing?: Partial<LifecycleTiming>;
  poster: CallbackPoster;
  messages: Map<string, MessageRecord>;
}

const MESSAGE_FAILURES: Record<string, { status: string; code: number; message: string }> = {
  [TWILIO_TEST_NUMBERS.undelivered]: { status: 'undelivered', code: 30003, message: 'Unreachable destination handset' },
  [TWILIO_TEST_NUMBERS.failed]: { status: 'failed', code: 30006, message: 'Landline or unreachable carrier' },
};
const CALL_ENDINGS: Record<string, string> = {
  [TWILIO_TEST_NUMBERS.noAnswer]: 'no-answer',
  [TWILIO_TEST_NUMBERS.busy]: 'busy',
  [TWILIO_TEST_NUMBERS.failed]: 'failed',
};

export class Lifecycle {
  apiUrl: string | undefined;
  readonly payments: PaymentLog[] = [];
  readonly timing: LifecycleTiming;
  private readonly paidLoans = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly deps: LifecycleDeps) {
    this.apiUrl = deps.apiUrl;
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
  }

  message(m: MessageRecord): void {
    this.run(async () => {
      this.messageCallback(m);
      await this.wait(this.timing.stepMs);
      this.setMessage(m, 'sent');
      m.dateSent = new Date();
      this.messageCallback(m);
      await this.wait(this.timing.stepMs);
      const failure = MESSAGE_FAILURES[m.to.replace(/^whatsapp:/, '')];
      if (failure) {
        this.setMessage(m, failure.status);
        m.errorCode = failure.code;
        m.errorMessage = failure.message;
      } else {
        this.setMessage(m, 'delivered');
      }
      this.messageCallback(m);
      const borrower = borrowerByPhone(m.to);
      if (!failure && borrower) {
        await this.wait(this.timing.replyDelayMs);
        await this.borrowerReads(borrower, m);
      }
    });
  }

  call(c: CallRecord): void {
    this.run(async () => {
      const ending = CALL_ENDINGS[c.to];
      for (const status of ['initiated', 'ringing'] as const) {
        await this.wait(this.timing.stepMs);
        this.setCall(c, status);
        if (c.statusCallbackEvents.includes(status)) this.callCallback(c);
      }
      await this.wait(this.timing.stepMs);
      if (!ending) {
        c.startTime = new Date();
        this.setCall(c, 'in-progress');
        if (c.statusCallbackEvents.includes('answered')) this.callCallback(c);
        const borrower = borrowerByPhone(c.to);
        if (borrower?.behaviour.kind === 'presses') {
          await this.wait(this.timing.replyDelayMs);
          await this.press(c, borrower.behaviour.digits);
        }
        await this.wait(this.timing.stepMs);
        c.endTime = new Date();
        c.duration = Math.max(1, Math.round((c.endTime.getTime() - c.startTime.getTime()) / 1000));
      }
      this.setCall(c, ending ?? 'completed');
      c.endedAt = new Date();
      // The terminal status is always reported when there is a callback URL.
      this.callCallback(c);
    });
  }

  /** Resolves once every lifecycle has run and every callback has been answered or given up. */
  async settled(): Promise<void> {
    while (this.running > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    await this.deps.poster.settled();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.deps.poster.stop();
    this.running = 0;
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async borrowerReads(borrower: RecoveryBorrower, m: MessageRecord): Promise<void> {
    const { behaviour } = borrower;
    if (behaviour.kind === 'replies' || behaviour.kind === 'wrong_number') return this.reply(m, behaviour.text);
    if (behaviour.kind !== 'pays') return;
    const intent = paymentAsked(m.body);
    if ('unclear' in intent) return void this.payments.push({ messageSid: m.sid, outcome: `not paid: ${intent.unclear}` });
    // "Pays after the first message": once per loan, however many messages follow.
    if (this.paidLoans.has(intent.loanId)) return;
    this.paidLoans.add(intent.loanId);
    if (!this.deps.gateway) return void this.payments.push({ messageSid: m.sid, ...intent, outcome: 'not paid: no gateway configured' });
    try {
      const { status } = await payThroughGateway(this.deps.gateway, intent, m.sid);
      this.payments.push({ messageSid: m.sid, ...intent, outcome: `gateway answered ${status}` });
    } catch (err) {
      this.payments.push({ messageSid: m.sid, ...intent, outcome: `gateway unreachable: ${(err as Error).message}` });
    }
  }

  /** The borrower texts back, on the channel the message came by; Twilio posts it to the number's webhook. */
  private reply(m: MessageRecord, text: string): void {
    const now = new Date();
    const inbound: MessageRecord = { ...m, sid: newSid('SM'), direction: 'inbound', to: m.from, from: m.to, body: text, status: 'received', dateCreated: now, dateSent: now, dateUpdated: now, statusCallback: null };
    this.deps.messages.set(inbound.sid, inbound);
    if (!this.apiUrl) return;
    const params = new URLSearchParams({
      ToCountry: 'US',
      SmsMessageSid: inbound.sid,
      NumMedia: '0',
      SmsSid: inbound.sid,
      SmsStatus: 'received',
      Body: text,
      To: inbound.to,
      NumSegments: '1',
      MessageSid: inbound.sid,
      AccountSid: this.deps.accountSid,
      From: inbound.from,
      ApiVersion: '2010-04-01',
    });
    this.signedPost(`${this.apiUrl.replace(/\/+$/, '')}/v1/webhooks/twilio/inbound`, inbound.sid, params);
  }

  private async press(c: CallRecord, digits: string): Promise<void> {
    const action = gatherAction(c.twiml);
    if (!action) return;
    const params = new URLSearchParams({
      AccountSid: this.deps.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: c.sid,
      CallStatus: 'in-progress',
      Called: c.to,
      Caller: c.from,
      Digits: digits,
      Direction: 'outbound-api',
      FinishedOnKey: '',
      From: c.from,
      To: c.to,
    });
    await new Promise<void>((resolve) => {
      this.signedPost(action, c.sid, params, c, (_status, text) => {
        c.gatherAnswer = text;
        resolve();
      });
      // A receiver that never answers 2xx must not hold the call open for ever.
      void this.deps.poster.settled().then(() => resolve());
    });
  }

  private messageCallback(m: MessageRecord): void {
    if (!m.statusCallback) return;
    const params = new URLSearchParams({ AccountSid: this.deps.accountSid, ApiVersion: '2010-04-01', From: m.from, To: m.to, MessageSid: m.sid, SmsSid: m.sid, MessageStatus: m.status, SmsStatus: m.status });
    if (m.errorCode !== null) params.set('ErrorCode', String(m.errorCode));
    this.signedPost(m.statusCallback, m.sid, params);
  }

  private callCallback(c: CallRecord): void {
    if (!c.statusCallback) return;
    const params = new URLSearchParams({
      AccountSid: this.deps.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: c.sid,
      CallStatus: c.status,
      Called: c.to,
      Caller: c.from,
      CallbackSource: 'call-progress-events',
      Direction: 'outbound-api',
      From: c.from,
      To: c.to,
      Timestamp: rfc2822(new Date())!,
    });
    if (c.duration !== null) params.set('CallDuration', String(c.duration));
    if (c.status === 'failed') params.set('ErrorCode', '13224');
    this.signedPost(c.statusCallback, c.sid, params, c);
  }

  /** `call`: the call the request is made for, whose Events record every attempt (as Twilio's Call Event resource does). */
  private signedPost(url: string, chain: string, params: URLSearchParams, call?: CallRecord, onAnswer?: (status: number, text: string) => void): void {
    // One token per event, the same on every retry of it: receivers drop the repeats.
    const token = `${chain}-${randomUUID()}`;
    this.deps.poster.post({
      url,
      chain,
      contentType: 'application/x-www-form-urlencoded',
      body: params.toString(),
      sign: () => ({ 'X-Twilio-Signature': twilioSignature(this.deps.authToken, url, params), 'I-Twilio-Idempotency-Token': token, 'User-Agent': 'TwilioProxy/1.1' }),
      ...(onAnswer ? { onAnswer } : {}),
      ...(call
        ? {
            onAttempt: (a) =>
              void call.events.push({
                request: { method: 'POST', url, parameters: Object.fromEntries(params) },
                response: { dateCreated: a.at, requestDurationMs: a.ms, responseCode: a.status, contentType: a.contentType, responseBody: a.text },
              }),
          }
        : {}),
    });
  }

  private setMessage(m: MessageRecord, status: string): void {
    m.status = status;
    m.dateUpdated = new Date();
  }

  private setCall(c: CallRecord, status: string): void {
    c.status = status;
    c.dateUpdated = new Date();
  }

  private run(work: () => Promise<void>): void {
    if (this.stopped) return;
    this.running++;
    void work()
      .catch(() => undefined)
      .finally(() => {
        this.running = Math.max(0, this.running - 1);
        if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
      });
  }

  private wait(ms: number): Promise<void> {
    if (this.stopped) return new Promise(() => undefined);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** The action of the call's first <Gather>, with XML's entities undone as Twilio reads them. */
export function gatherAction(twiml: string): string | null {
  const raw = /<Gather\b[^>]*?\saction\s*=\s*"([^"]*)"/.exec(twiml)?.[1];
  if (!raw) return null;
  return raw.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
