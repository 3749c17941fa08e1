import { describe, expect, it } from '@jest/globals';
import { hashString, SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new SeededRandom('AKLPS4821K');
    const b = new SeededRandom('AKLPS4821K');
    const c = new SeededRandom('AKLPS4821L');
    const seq = (r: SeededRandom) => Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
    expect(hashString('abc')).toBe(0x1a47e90b); // FNV-1a 32-bit reference value
  });

  it('stays within bounds and reaches both ends', () => {
    const r = new SeededRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const v = r.int(3, 8);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(8);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('picks by weight', () => {
    const r = new SeededRandom(11);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) counts[r.weighted([['a', 9], ['b', 1]] as const)]++;
    expect(counts.a).toBeGreaterThan(8_500);
    expect(counts.b).toBeGreaterThan(700);
  });
});
