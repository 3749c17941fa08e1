// Deterministic randomness, for the credit-data sandboxes (a profile is a pure function of the
// national ID, so the same applicant gets the same credit file and bank statement on every run,
// whatever the wall clock says) and for property-style specs (a failing case replays from its
// seed). Math.random is never used; this is not for anything that must be unpredictable.

/** FNV-1a, 32 bit: a stable, well-spread seed from any string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Eight hex digits of the hash, for ids derived from request content. */
export function hashHex(text: string): string {
  return hashString(text).toString(16).padStart(8, '0');
}

/**
 * mulberry32: a 32-bit state generator, tiny and fast, good enough to vary test data (not for
 * anything that must be unpredictable). Integer-only API so callers never hold a float amount.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number | string) {
    this.state = typeof seed === 'string' ? hashString(seed) : seed >>> 0;
  }

  /** The next unsigned 32-bit value. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A whole number from min to max, both inclusive. */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) throw new RangeError(`int(${min}, ${max})`);
    return min + Math.floor((this.nextUint32() / 0x1_0000_0000) * (max - min + 1));
  }

  /** True with the given chance in percent (0-100). */
  chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An item chosen with probability proportional to its integer weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.int(1, total);
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll <= 0) return item;
    }
    throw new RangeError('weighted pick from an empty list');
  }

  /** A value varied by up to ±spreadBps basis points around `base`, rounded to an integer. */
  vary(base: number, spreadBps: number): number {
    return Math.round((base * (10_000 + this.int(-spreadBps, spreadBps))) / 10_000);
  }
}
