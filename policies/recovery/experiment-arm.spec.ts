import { describe, expect, it } from '@jest/globals';
import { armOf, experimentSlot } from './experiment-arm.js';

const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

describe('experiment arms', () => {
  it('gives a loan the same slot every time, and another experiment another split', () => {
    expect(experimentSlot('call-early', uuid(7))).toBe(experimentSlot('call-early', uuid(7)));
    // Pinned (computed apart, in Python): a change to the hash would move running loans between arms.
    expect([0, 1, 2, 3].map((i) => experimentSlot('call-early', uuid(i)))).toEqual([286, 1355, 4171, 1191]);
    const moved = Array.from({ length: 1000 }, (_, i) => armOf('a', uuid(i), 5000) !== armOf('b', uuid(i), 5000)).filter(Boolean).length;
    expect(moved).toBeGreaterThan(400);
    expect(moved).toBeLessThan(600);
  });

  it.each([100, 1000, 2500, 5000, 9000])('puts %i bps of 10,000 sequential loan ids on the challenger, within four standard deviations', (shareBps) => {
    const challengers = Array.from({ length: 10_000 }, (_, i) => armOf('exp-1', uuid(i), shareBps)).filter((arm) => arm === 'challenger').length;
    const sd = Math.sqrt((10_000 * shareBps * (10_000 - shareBps)) / 10_000 / 10_000);
    expect(Math.abs(challengers - shareBps)).toBeLessThan(4 * sd);
  });

  it('puts nobody on the challenger at 0 and everybody at 10,000; a larger share only adds loans', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => uuid(i * 7919));
    expect(ids.filter((id) => armOf('x', id, 0) === 'challenger')).toEqual([]);
    expect(ids.filter((id) => armOf('x', id, 10_000) === 'champion')).toEqual([]);
    const at = (bps: number) => new Set(ids.filter((id) => armOf('x', id, bps) === 'challenger'));
    const small = at(1000), large = at(3000);
    expect([...small].every((id) => large.has(id))).toBe(true);
  });
});
