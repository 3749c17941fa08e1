// Posts a provider's callbacks (Twilio's status callbacks and inbound messages, SendGrid's event
// batches) to the receiver, in order per resource, retrying a failed attempt a few times with
// backoff as the providers do. Each attempt is signed afresh by `sign` (a timestamp may be part of
// the signature). What was posted and how it was answered is kept for the sandbox's activity log.
export interface OutgoingCallback {
  url: string;
  /** the resource whose callbacks must arrive in order (a message SID) */
  chain: string;
  contentType: string;
  body: string;
  /** headers for this attempt: the signature and anything else the provider sends */
  sign(): Record<string, string>;
  /** told the receiver's answer (status and text) once an attempt succeeds */
  onAnswer?: (status: number, text: string) => void | Promise<void>;
  /** told every attempt's result, answered or not (a provider's own log of the requests it made) */
  onAttempt?: (attempt: CallbackAttemptResult) => void;
}

export interface CallbackAttemptResult {
  at: Date;
  ms: number;
  status: number | null;
  contentType: string | null;
  text: string | null;
}

export interface CallbackAttemptLog {
  url: string;
  body: string;
  outcome: 'delivered' | 'failed';
  attempts: { status?: number; error?: string }[];
}

export interface CallbackRetry {
  maxAttempts: number;
  baseDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_CALLBACK_RETRY: CallbackRetry = { maxAttempts: 4, baseDelayMs: 500, timeoutMs: 10_000 };

export class CallbackPoster {
  readonly log: CallbackAttemptLog[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private pending = 0;
  private waiters: (() => void)[] = [];
  private stopped = false;
  private held: { until: Promise<void>; release: () => void } | null = null;

  constructor(private readonly retry: CallbackRetry = DEFAULT_CALLBACK_RETRY) {}

  post(callback: OutgoingCallback): void {
    if (this.stopped) return;
    // Held, the receiver cannot be reached: the provider's request is made now and goes unanswered
    // (its own log of requests shows it, as Twilio's Call Events would), and is tried again once released.
    if (this.held) callback.onAttempt?.({ at: new Date(), ms: 0, status: null, contentType: null, text: null });
    this.pending++;
    const previous = this.chains.get(callback.chain) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(callback)).finally(() => this.done());
    this.chains.set(callback.chain, next);
    void next.finally(() => {
      if (this.chains.get(callback.chain) === next) this.chains.delete(callback.chain);
    });
  }

  /** Resolves once nothing is queued or in flight. */
  settled(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    this.release();
  }

  /** A test control: callbacks wait, in order, until release(), as while the receiver cannot be reached (each tried once meanwhile, unanswered). */
  hold(): void {
    if (this.held) return;
    let release!: () => void;
    const until = new Promise<void>((resolve) => (release = resolve));
    this.held = { until, release };
  }

  release(): void {
    this.held?.release();
    this.held = null;
  }

  private done(): void {
    this.pending--;
    if (this.pending === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  private async deliver(callback: OutgoingCallback): Promise<void> {
    while (this.held) await this.held.until;
    const entry: CallbackAttemptLog = { url: callback.url, body: callback.body, outcome: 'failed', attempts: [] };
    this.log.push(entry);
    for (let attempt = 1; attempt <= this.retry.maxAttempts && !this.stopped; attempt++) {
      const started = new Date();
      try {
        const res = await fetch(callback.url, {
          method: 'POST',
          headers: { 'content-type': callback.contentType, ...callback.sign() },
          body: callback.body,
          signal: AbortSignal.timeout(this.retry.timeoutMs),
        });
        const text = await res.text();
        entry.attempts.push({ status: res.status });
        callback.onAttempt?.({ at: started, ms: Date.now() - started.getTime(), status: res.status, contentType: res.headers.get('content-type'), text });
        if (res.ok) {
          entry.outcome = 'delivered';
          await callback.onAnswer?.(res.status, text);
          return;
        }
      } catch (err) {
        entry.attempts.push({ error: (err as Error).message });
        callback.onAttempt?.({ at: started, ms: Date.now() - started.getTime(), status: null, contentType: null, text: null });
      }
      if (attempt < this.retry.maxAttempts) await new Promise((resolve) => setTimeout(resolve, this.retry.baseDelayMs * 2 ** (attempt - 1)));
    }
  }
}
