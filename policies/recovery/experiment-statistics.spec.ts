// Reference values from scipy 1.17 (norm.cdf, norm.sf) and the textbook formulas, computed
// independently of this code.
import { describe, expect, it } from '@jest/globals';
import { bootstrapRatioDifference, normalCdf, ratioDifference, ratioEstimate, ratioSample, twoProportionZ, wilson } from './experiment-statistics.js';

describe('Wilson interval', () => {
  it.each([
    [5, 10, 0.236593090512564, 0.7634069094874361],
    [0, 10, 0, 0.2775327998628892],
    [10, 10, 0.7224672001371107, 1],
    [81, 263, 0.2552885198782742, 0.36620957698280004],
  ])('%i of %i', (x, n, lo, hi) => {
    const [a, b] = wilson(x, n);
    expect(a).toBeCloseTo(lo, 12);
    expect(b).toBeCloseTo(hi, 12);
  });

  it('is the whole range with no observations', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('normal distribution and the two-proportion z-test', () => {
  it.each([
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145707],
    [0.5, 0.6914624612740131],
    [3, 0.9986501019683699],
    [0, 0.5],
  ])('Φ(%d)', (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
  });

  it('keeps its digits far out in the tail', () => {
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 6);
  });

  it.each([
    [45, 100, 60, 100, 0.15, 2.1239769762143657, 0.033672068856345855],
    [120, 1000, 150, 1000, 0.03, 1.963049807622355, 0.04964038686536878],
    [60, 100, 45, 100, -0.15, -2.1239769762143657, 0.033672068856345855],
  ])('%i/%i against %i/%i', (x1, n1, x2, n2, difference, z, p) => {
    const test = twoProportionZ(x1, n1, x2, n2);
    expect(test.difference).toBeCloseTo(difference, 12);
    expect(test.z).toBeCloseTo(z, 12);
    expect(test.p).toBeCloseTo(p, 12);
  });

  it('finds no evidence with an empty arm or no variation', () => {
    expect(twoProportionZ(0, 0, 5, 10)).toEqual({ difference: 0, z: 0, p: 1 });
    expect(twoProportionZ(0, 10, 0, 20)).toEqual({ difference: 0, z: 0, p: 1 });
  });
});

describe('ratio estimator', () => {
  const champion = [[100, 1000], [0, 500], [300, 300], [50, 200]] as const;
  const challenger = [[500, 1000], [250, 500], [300, 300], [0, 200]] as const;

  it('gives the pooled ratio with its delta-method interval', () => {
    const estimate = ratioEstimate(ratioSample(champion));
    expect(estimate.ratio).toBe(0.225);
    expect(estimate.se).toBeCloseTo(0.16569298918984673, 12);
    expect(estimate.ci95![0]).toBeCloseTo(-0.09975229130288413, 12);
    expect(estimate.ci95![1]).toBeCloseTo(0.5497522913028842, 12);
  });

  it('tests the difference between two arms', () => {
    const test = ratioDifference(ratioSample(champion), ratioSample(challenger))!;
    expect(test.difference).toBeCloseTo(0.3, 12);
    expect(test.z).toBeCloseTo(1.535771330434367, 12);
    expect(test.p).toBeCloseTo(0.12459447352846725, 6);
  });

  it('has no interval for a single episode or nothing delinquent', () => {
    expect(ratioEstimate(ratioSample([[10, 100]]))).toEqual({ ratio: 0.1, se: null, ci95: null });
    expect(ratioEstimate(ratioSample([]))).toEqual({ ratio: 0, se: null, ci95: null });
    expect(ratioDifference(ratioSample([[10, 100]]), ratioSample(challenger))).toBeNull();
  });

  it('agrees with a seeded bootstrap, which repeats itself', () => {
    const big = (shift: number) => Array.from({ length: 400 }, (_, i) => [((i * 37) % 100) * (10 + shift), 1000] as const);
    const delta = ratioDifference(ratioSample(big(0)), ratioSample(big(1)))!;
    const boot = bootstrapRatioDifference(big(0), big(1), 2000, 7);
    expect(boot).toEqual(bootstrapRatioDifference(big(0), big(1), 2000, 7));
    expect(boot.difference).toBeCloseTo(delta.difference, 12);
    expect(Math.abs(boot.ci95[0] - delta.ci95[0])).toBeLessThan(0.01);
    expect(Math.abs(boot.ci95[1] - delta.ci95[1])).toBeLessThan(0.01);
  });
});
