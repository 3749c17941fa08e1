// Per-client token buckets, one per client and route class: a client that spends its scoring
// budget still has its reads, and the gateway's webhooks never wait on anyone's scoring. Refill
// is computed on use, so an idle client costs nothing but its entry, which a sweep removes once
// its bucket would be full again.
import type { RateLimit, RouteClass } from '../../shared/config.js';

export interface RateDecision {
  allowed: boolean;
  cls: RouteClass;
  limit: RateLimit;
  /** whole tokens left after this request */
  remaining: number;
  /** seconds until the bucket is full again */
  resetSeconds: number;
  /** seconds until the next request would be allowed (0 when this one was) */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
  fullAt: number;
}

/** Enough for every client of a busy API; past it the oldest entry goes (a fresh bucket is only ever more lenient). */
const MAX_CLIENTS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: Record<RouteClass, RateLimit>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(cls: RouteClass, client: string): RateDecision {
    const limit = this.limits[cls];
    const key = `${cls} ${client}`;
    const t = this.now();
    const bucket = this.buckets.get(key);
    let tokens = bucket ? Math.min(limit.burst, bucket.tokens + ((t - bucket.at) * limit.perSecond) / 1000) : limit.burst;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    const fullAt = t + ((limit.burst - tokens) * 1000) / limit.perSecond;
    if (bucket) Object.assign(bucket, { tokens, at: t, fullAt });
    else {
      if (this.buckets.size >= MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
      this.buckets.set(key, { tokens, at: t, fullAt });
    }
    return {
      allowed,
      cls,
      limit,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((fullAt - t) / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
    };
  }

  /** Forgets clients whose buckets have refilled: they would start full anyway. */
  sweep(): void {
    const t = this.now();
    for (const [key, bucket] of this.buckets) if (bucket.fullAt <= t) this.buckets.delete(key);
  }

  get clients(): number {
    return this.buckets.size;
  }
}

/**
 * The draft IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the policy as a quota
 * of `burst` per the seconds it takes to refill, and what is left of it now.
 */
export function rateLimitHeaders(d: RateDecision): [string, string][] {
  const window = Math.ceil(d.limit.burst / d.limit.perSecond);
  return [
    ['RateLimit-Policy', `"${d.cls}";q=${d.limit.burst};w=${window}`],
    ['RateLimit', `"${d.cls}";r=${d.remaining};t=${d.resetSeconds}`],
  ];
}
