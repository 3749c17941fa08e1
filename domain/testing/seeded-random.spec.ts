import { describe, it, expect } from '@jest/globals';
import { seededRandom } from './seeded-random.js';

describe('seededRandom', () => {
  it('replays the same sequence from the same seed and a different one from another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(first);
  });

  it('stays within its ranges and reaches both ends', () => {
    const random = seededRandom(7);
    const ints = Array.from({ length: 5000 }, () => random.int(-3, 3));
    expect(Math.min(...ints)).toBe(-3);
    expect(Math.max(...ints)).toBe(3);
    expect(ints.every(Number.isInteger)).toBe(true);
    const logs = Array.from({ length: 5000 }, () => random.logInt(1, 1_000_000));
    expect(logs.every((n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000)).toBe(true);
    // spread over magnitudes: about a sixth of draws below 10
    expect(logs.filter((n) => n < 10).length).toBeGreaterThan(500);
    const floats = Array.from({ length: 5000 }, () => random.next());
    expect(floats.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
