/* eslint-disable no-restricted-syntax -- statistics: proportions, z-scores and the normal distribution's constants are real numbers, not money */
// The statistics a champion/challenger comparison needs, shared by the experiments API and the
// simulated quarter so that ops read the same figures from both: a proportion's Wilson interval,
// the pooled two-proportion z-test, and for a ratio of sums (amount recovered over amount
// delinquent) the ratio estimator's delta-method interval, with a seeded bootstrap as a check.
import { SeededRandom } from '../../domain/seeded-random.js';

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export type Interval = [number, number];

/** A proportion's 95% Wilson score interval; with no observations it is the whole range. */
export function wilson(successes: number, n: number, z = Z95): Interval {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface DifferenceTest {
  /** second minus first */
  difference: number;
  z: number;
  /** two-sided */
  p: number;
}

/** Pooled two-proportion z-test of x2/n2 against x1/n1. With an empty arm, or no variation at all, there is no evidence: z 0, p 1. */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): DifferenceTest {
  if (n1 === 0 || n2 === 0) return { difference: 0, z: 0, p: 1 };
  const difference = x2 / n2 - x1 / n1;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se === 0 ? 0 : difference / se;
  return { difference, z, p: twoSidedP(z) };
}

export function twoSidedP(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)));
}

/**
 * The standard normal distribution function: Hart's double-precision algorithm as West (2005)
 * gives it, within 1e-15 absolutely. The lower tail is computed directly, so a p-value far out in
 * the tail keeps its digits instead of being 1 minus nearly 1.
 */
export function normalCdf(x: number): number {
  const a = Math.abs(x);
  let tail = 0;
  if (a <= 37) {
    const density = Math.exp((-a * a) / 2);
    if (a < 7.07106781186547) {
      const numerator = [0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376];
      const denominator = [0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831, 793.826512519948, 440.413735824752];
      const horner = (coefficients: number[]) => coefficients.reduce((sum, c) => sum * a + c, 0);
      tail = (density * horner(numerator)) / horner(denominator);
    } else {
      tail = density / (a + 1 / (a + 2 / (a + 3 / (a + 4 / (a + 0.65))))) / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * A sample of (recovered, delinquent) pairs, one per episode, reduced to what the ratio estimator
 * needs. `residualSumSquares` is Σ(recoveredᵢ − R·delinquentᵢ)² with R the pooled ratio: SQL can
 * compute it exactly in numeric, where the expanded sums of squares would lose digits in floats.
 */
export interface RatioSample {
  n: number;
  recovered: number;
  delinquent: number;
  residualSumSquares: number;
}

export function ratioSample(pairs: ReadonlyArray<readonly [recovered: number, delinquent: number]>): RatioSample {
  const recovered = pairs.reduce((s, [r]) => s + r, 0);
  const delinquent = pairs.reduce((s, [, d]) => s + d, 0);
  const ratio = delinquent === 0 ? 0 : recovered / delinquent;
  return { n: pairs.length, recovered, delinquent, residualSumSquares: pairs.reduce((s, [r, d]) => s + (r - ratio * d) ** 2, 0) };
}

export interface RatioEstimate {
  ratio: number;
  /** the delta-method standard error; null with fewer than two episodes or nothing delinquent */
  se: number | null;
  ci95: Interval | null;
}

/** The pooled ratio Σrecovered/Σdelinquent with its delta-method (linearised) 95% interval, Cochran's ratio estimator. */
export function ratioEstimate(s: RatioSample): RatioEstimate {
  if (s.delinquent === 0) return { ratio: 0, se: null, ci95: null };
  const ratio = s.recovered / s.delinquent;
  if (s.n < 2) return { ratio, se: null, ci95: null };
  const se = Math.sqrt((s.residualSumSquares * s.n) / (s.n - 1)) / s.delinquent;
  return { ratio, se, ci95: [ratio - Z95 * se, ratio + Z95 * se] };
}

/** Second ratio minus the first, arms independent: its 95% interval and the z-test of no difference. Null when either has no standard error. */
export function ratioDifference(first: RatioSample, second: RatioSample): (DifferenceTest & { ci95: Interval }) | null {
  const a = ratioEstimate(first), b = ratioEstimate(second);
  if (a.se === null || b.se === null) return null;
  const difference = b.ratio - a.ratio;
  const se = Math.sqrt(a.se * a.se + b.se * b.se);
  const z = se === 0 ? 0 : difference / se;
  return { difference, z, p: se === 0 ? (difference === 0 ? 1 : 0) : twoSidedP(z), ci95: [difference - Z95 * se, difference + Z95 * se] };
}

/** Bootstrap of the difference in pooled ratios (episodes resampled within each arm), second minus first: its 95% percentile interval and two-sided p. Seeded, so the same inputs give the same answer. */
export function bootstrapRatioDifference(
  first: ReadonlyArray<readonly [number, number]>,
  second: ReadonlyArray<readonly [number, number]>,
  rounds: number,
  seed: number,
): { difference: number; ci95: Interval; p: number } {
  const rate = (pairs: ReadonlyArray<readonly [number, number]>) => pairs.reduce((s, [r]) => s + r, 0) / pairs.reduce((s, [, d]) => s + d, 0);
  const rng = new SeededRandom(seed);
  const resample = (pairs: ReadonlyArray<readonly [number, number]>) => {
    let r = 0, d = 0;
    for (let i = 0; i < pairs.length; i++) {
      const [x, y] = pairs[rng.int(0, pairs.length - 1)]!;
      r += x;
      d += y;
    }
    return r / d;
  };
  const diffs = Array.from({ length: rounds }, () => resample(second) - resample(first)).sort((x, y) => x - y);
  const below = diffs.filter((d) => d <= 0).length / rounds;
  return { difference: rate(second) - rate(first), ci95: [diffs[Math.floor(rounds * 0.025)]!, diffs[Math.ceil(rounds * 0.975) - 1]!], p: Math.min(1, 2 * Math.min(below, 1 - below)) };
}
