// A circuit breaker for a provider that is down: after `failureThreshold` consecutive failures
// it opens and refuses calls at once (so a worker stops hammering a dead bureau and the workflow
// can route around it); after `coolDownMs` it lets one trial call through (half-open); that
// call's success closes it, its failure opens it for another cool-down. State lives in the
// worker process: each worker learns about an outage on its own, which is enough to shed load.

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** consecutive failures that open the circuit */
  failureThreshold: number;
  /** how long it stays open before one trial call is let through */
  coolDownMs: number;
  /** the clock, injected so specs control time */
  now?: () => number;
  /**
   * Which errors count as the provider failing. Others (a 4xx: our request was wrong) mean the
   * provider answered, so they reset the count like a success. Default: every error counts.
   */
  isFailure?: (error: unknown) => boolean;
}

export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  constructor(
    readonly circuit: string,
    readonly retryAt: number,
  ) {
    super(`${circuit} circuit is open until ${new Date(retryAt).toISOString()}`);
  }
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;
  private readonly now: () => number;
  private readonly isFailure: (error: unknown) => boolean;

  constructor(
    readonly name: string,
    private readonly options: CircuitBreakerOptions,
  ) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) throw new RangeError('failureThreshold must be a whole number, at least 1');
    if (!(options.coolDownMs >= 0)) throw new RangeError('coolDownMs must be 0 or more');
    this.now = options.now ?? Date.now;
    this.isFailure = options.isFailure ?? (() => true);
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.coolDownMs ? 'half_open' : 'open';
  }

  /** Runs `call` unless the circuit is open (then throws CircuitOpenError without calling). */
  async execute<T>(call: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half_open' && this.trialInFlight)) {
      throw new CircuitOpenError(this.name, (this.openedAt ?? 0) + this.options.coolDownMs);
    }
    const trial = state === 'half_open';
    if (trial) this.trialInFlight = true;
    try {
      const result = await call();
      this.close();
      return result;
    } catch (error) {
      if (this.isFailure(error)) this.recordFailure(trial);
      else this.close();
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  private close(): void {
    this.failures = 0;
    this.openedAt = undefined;
  }

  private recordFailure(trial: boolean): void {
    this.failures++;
    if (trial || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}
