// A provider's circuit breaker around its channel: after consecutive failures of the provider
// itself (not refusals of a contact: the provider answered those) sends and look-ups fail fast
// with CircuitOpenError, so workers stop hammering a provider that is down and the recovery
// workflow can take the policy's fallback channel. One breaker per provider per process.
import { CircuitBreaker, type CircuitBreakerOptions } from '../../activities/shared/circuit-breaker.js';
import { ContactRefused, type ContactChannel, type OutboundContact, type SendReceipt } from './contact-channels.js';

export const DEFAULT_CHANNEL_BREAKER = { failureThreshold: 5, coolDownMs: 30_000 } as const;

export class GuardedChannel implements ContactChannel {
  readonly channels: ContactChannel['channels'];
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly inner: ContactChannel,
    name: string,
    options: Omit<CircuitBreakerOptions, 'isFailure'> = DEFAULT_CHANNEL_BREAKER,
  ) {
    this.channels = inner.channels;
    this.breaker = new CircuitBreaker(name, { ...options, isFailure: (error) => !(error instanceof ContactRefused) });
  }

  send(contact: OutboundContact): Promise<SendReceipt> {
    return this.breaker.execute(() => this.inner.send(contact));
  }

  find(contact: OutboundContact): Promise<SendReceipt | null> {
    return this.breaker.execute(() => this.inner.find(contact));
  }
}
