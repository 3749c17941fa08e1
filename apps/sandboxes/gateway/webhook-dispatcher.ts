// Delivers events to the configured endpoint at least once: every non-2xx answer or network
// failure is retried with exponential backoff, each attempt re-signed with its own timestamp
// (as Stripe does), always under the same event id so the receiver can drop duplicates.
// Events still pending when the sandbox stops are delivered again after a restart.
import { createHmac } from 'node:crypto';
import type { GatewayState } from './gateway-state.js';

export const SIGNATURE_HEADER = 'Gateway-Signature';

export interface WebhookRetryPolicy {
  maxAttempts: number;
  /** delay before the 2nd attempt; doubled for each later one */
  baseDelayMs: number;
  maxDelayMs: number;
  /** per attempt: a receiver slower than this counts as failed */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000, timeoutMs: 10_000 };

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` */
export function signatureHeader(rawBody: string, secret: string, timestampSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${rawBody}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}

export class WebhookDispatcher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  private readonly stopping = new AbortController();

  constructor(
    private readonly state: GatewayState,
    private readonly secret: string,
    private readonly retry: WebhookRetryPolicy,
  ) {}

  /** Picks up events a previous run left undelivered. */
  resume(): void {
    for (const [id, entry] of this.state.events) if (entry.outcome === 'pending') this.enqueue(id);
  }

  enqueue(eventId: string): void {
    // A request still finishing after stop() must not start deliveries: the next start resumes it.
    if (this.stopping.signal.aborted) return;
    this.pending.add(eventId);
    this.schedule(eventId, 1, 0);
  }

  /** Resolves once no delivery is scheduled or in flight (each has succeeded or given up). */
  settled(): Promise<void> {
    return this.pending.size === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    this.wakeWaiters();
  }

  private schedule(eventId: string, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(eventId, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(eventId: string, attempt: number): Promise<void> {
    const entry = this.state.events.get(eventId);
    const url = this.state.webhookUrl;
    if (!entry) return this.finish(eventId);
    if (!url) {
      this.state.commit({ t: 'delivery_outcome', eventId, outcome: 'no_endpoint' });
      return this.finish(eventId);
    }
    const body = JSON.stringify(entry.event);
    const result = await this.post(url, body);
    if (this.stopping.signal.aborted) return;
    this.state.commit({ t: 'delivery_attempt', eventId, attempt: { attempt, at: new Date().toISOString(), ...result } });
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    if (ok || attempt >= this.retry.maxAttempts) {
      this.state.commit({ t: 'delivery_outcome', eventId, outcome: ok ? 'delivered' : 'failed' });
      return this.finish(eventId);
    }
    this.schedule(eventId, attempt + 1, Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1)));
  }

  private async post(url: string, body: string): Promise<{ status?: number; error?: string }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(body, this.secret, Math.floor(Date.now() / 1000)) },
        body,
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.retry.timeoutMs)]),
      });
      await res.arrayBuffer();
      return { status: res.status };
    } catch (err) {
      return { error: (err as Error).message };
    }
  }

  private finish(eventId: string): void {
    this.pending.delete(eventId);
    if (this.pending.size === 0) this.wakeWaiters();
  }

  private wakeWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
