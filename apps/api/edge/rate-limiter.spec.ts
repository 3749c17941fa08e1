import { describe, expect, it } from '@jest/globals';
import { RateLimiter, rateLimitHeaders } from './rate-limiter.js';
import { DEFAULT_RATE_LIMIT } from '../../shared/config.js';

function limiter(perSecond: number, burst: number) {
  const clock = { now: 0 };
  const limits = { ...DEFAULT_RATE_LIMIT, read: { perSecond, burst } };
  return { clock, limiter: new RateLimiter(limits, () => clock.now) };
}

describe('RateLimiter', () => {
  it('allows a burst, then refuses until a token has come back, saying when', () => {
    const { clock, limiter: l } = limiter(2, 3);
    expect([1, 2, 3].map(() => l.take('read', 'a').remaining)).toEqual([2, 1, 0]);
    const refused = l.take('read', 'a');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    clock.now = 499;
    expect(l.take('read', 'a').allowed).toBe(false);
    clock.now = 500;
    expect(l.take('read', 'a').allowed).toBe(true);
  });

  it('keeps clients and route classes apart', () => {
    const { limiter: l } = limiter(1, 1);
    expect(l.take('read', 'a').allowed).toBe(true);
    expect(l.take('read', 'a').allowed).toBe(false);
    expect(l.take('read', 'b').allowed).toBe(true);
    expect(l.take('webhook', 'a').allowed).toBe(true);
  });

  it('refills no further than the burst', () => {
    const { clock, limiter: l } = limiter(10, 2);
    l.take('read', 'a');
    clock.now = 60_000;
    expect([1, 2, 3].map(() => l.take('read', 'a').allowed)).toEqual([true, true, false]);
  });

  it('forgets clients whose buckets have refilled', () => {
    const { clock, limiter: l } = limiter(1, 5);
    l.take('read', 'a');
    l.take('read', 'b');
    clock.now = 999;
    l.sweep();
    expect(l.clients).toBe(2);
    clock.now = 1000;
    l.sweep();
    expect(l.clients).toBe(0);
  });

  it('describes the policy and what is left in the draft RateLimit fields', () => {
    const { limiter: l } = limiter(2, 10);
    const d = l.take('read', 'a');
    expect(rateLimitHeaders(d)).toEqual([
      ['RateLimit-Policy', '"read";q=10;w=5'],
      ['RateLimit', '"read";r=9;t=1'],
    ]);
  });
});
