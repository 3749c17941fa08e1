import { describe, expect, it } from '@jest/globals';
import { binOf, liveShares, psi, psiLevel } from './psi.js';

const bins = { edges: [10, 20], expected: [0.3, 0.4, 0.2, 0.1] };

describe('population stability index', () => {
  it('bins values as the training pipeline does: [edge, next edge), missing last', () => {
    expect([binOf(bins, 5), binOf(bins, 10), binOf(bins, 19.9), binOf(bins, 20), binOf(bins, 1e9), binOf(bins, null), binOf(bins, Number.NaN)]).toEqual([0, 1, 1, 2, 2, 3, 3]);
  });

  it('is zero when the live population has the training shares', () => {
    const live = [...Array<number>(3).fill(1), ...Array<number>(4).fill(15), ...Array<number>(2).fill(25), null];
    expect(liveShares(bins, live)).toEqual([0.3, 0.4, 0.2, 0.1]);
    expect(psi(bins, live)).toBeCloseTo(0, 12);
  });

  it('matches the textbook sum for a shifted population', () => {
    const live = [...Array<number>(1).fill(1), ...Array<number>(2).fill(15), ...Array<number>(6).fill(25), null];
    const expected = (0.1 - 0.3) * Math.log(0.1 / 0.3) + (0.2 - 0.4) * Math.log(0.2 / 0.4) + (0.6 - 0.2) * Math.log(0.6 / 0.2) + 0;
    expect(psi(bins, live)).toBeCloseTo(expected, 12);
    expect(psiLevel(psi(bins, live))).toBe('investigate');
  });

  it('stays finite when a bin is empty', () => {
    expect(Number.isFinite(psi(bins, [1, 1, 1]))).toBe(true);
  });
});
