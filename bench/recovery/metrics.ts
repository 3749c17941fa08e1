// A run's figures: recovery rate (of the arrears at the start, the share collected in the
// quarter; currencies weighed by fixed reference rates), cure rate (back to current), cures
// within 30/60/90 days, roll-forward (a worse bucket at the end), contacts, promises and
// opt-outs; and the spread over many seeds. The statistics that compare two arms (Wilson
// intervals, the z-test, the bootstrap) are policies/recovery/experiment-statistics.ts, which the
// experiments API uses too.
import { bootstrapRatioDifference } from '../../policies/recovery/experiment-statistics.js';
import { bucketIndex, type Episode } from './world.js';

/** USD per unit, fixed: only to add currencies up. */
export const USD_PER_UNIT: Record<string, number> = { INR: 0.012, USD: 1, GBP: 1.27, MXN: 0.055, PHP: 0.017, KES: 0.0077 };

export interface RunMetrics {
  loans: number;
  recoveryRate: number;
  cureRate: number;
  cureWithin: { d30: number; d60: number; d90: number };
  rollForwardRate: number;
  contactsSent: number;
  contactsPerCure: number;
  promises: { made: number; kept: number; broken: number };
  optOuts: number;
  /** minor units per currency, integers */
  delinquentMinor: Record<string, number>;
  recoveredMinor: Record<string, number>;
}

export function metricsOf(episodes: readonly Episode[]): RunMetrics {
  const delinquentMinor: Record<string, number> = {};
  const recoveredMinor: Record<string, number> = {};
  let cured = 0, d30 = 0, d60 = 0, d90 = 0, rolled = 0, contacts = 0, made = 0, kept = 0, broken = 0, optOuts = 0;
  for (const ep of episodes) {
    const c = ep.b.currency;
    delinquentMinor[c] = (delinquentMinor[c] ?? 0) + ep.delinquentAtStartMinor;
    recoveredMinor[c] = (recoveredMinor[c] ?? 0) + (ep.delinquentAtStartMinor - ep.startArrearsLeftMinor);
    if (ep.curedDay !== null) {
      cured++;
      if (ep.curedDay < 30) d30++;
      if (ep.curedDay < 60) d60++;
      if (ep.curedDay < 90) d90++;
    } else if (bucketIndex(ep.dpd) > ep.startBucketIndex) rolled++;
    contacts += ep.sent.length;
    made += ep.promisesMade;
    kept += ep.promisesKept;
    broken += ep.promisesBroken;
    optOuts += ep.optOuts;
  }
  const n = episodes.length;
  return {
    loans: n,
    recoveryRate: usdRate(recoveredMinor, delinquentMinor),
    cureRate: cured / n,
    cureWithin: { d30: d30 / n, d60: d60 / n, d90: d90 / n },
    rollForwardRate: rolled / n,
    contactsSent: contacts,
    contactsPerCure: cured === 0 ? Infinity : contacts / cured,
    promises: { made, kept, broken },
    optOuts,
    delinquentMinor,
    recoveredMinor,
  };
}

function usdRate(recovered: Record<string, number>, delinquent: Record<string, number>): number {
  let r = 0, d = 0;
  for (const [c, minor] of Object.entries(delinquent)) {
    d += minor * (USD_PER_UNIT[c] ?? 1);
    r += (recovered[c] ?? 0) * (USD_PER_UNIT[c] ?? 1);
  }
  return d === 0 ? 0 : r / d;
}

/** Per-loan recovered and delinquent in USD, for resampling. */
function usdPairs(episodes: readonly Episode[]): Array<[number, number]> {
  return episodes.map((ep) => {
    const fx = USD_PER_UNIT[ep.b.currency] ?? 1;
    return [(ep.delinquentAtStartMinor - ep.startArrearsLeftMinor) * fx, ep.delinquentAtStartMinor * fx];
  });
}

export interface Spread {
  mean: number;
  min: number;
  max: number;
  /** 95% interval of the mean over seeds (Student t) */
  ci95: [number, number];
}

const T95: Record<number, number> = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228 };

export function spread(values: number[]): Spread {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const half = n > 1 ? (T95[n - 1] ?? 1.96) * (sd / Math.sqrt(n)) : 0;
  return { mean, min: Math.min(...values), max: Math.max(...values), ci95: [mean - half, mean + half] };
}

/** Bootstrap (loans resampled within each arm) of the difference in recovery rate, b minus a, in USD: 95% interval and two-sided p. */
export function bootstrapRecoveryDifference(a: readonly Episode[], b: readonly Episode[], rounds: number, seed: number): { difference: number; ci95: [number, number]; p: number } {
  return bootstrapRatioDifference(usdPairs(a), usdPairs(b), rounds, seed);
}
