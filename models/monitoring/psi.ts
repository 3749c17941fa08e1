// Population stability index: how far a live population has moved from the training one, bin
// by bin, over the bins the card fixed at training time (models/CARD.md, `drift`). Values are
// the encoded inputs (categorical codes, booleans 0/1) or scores; null is the missing bin.
// Rule of thumb the industry uses: < 0.1 stable, 0.1-0.25 watch, > 0.25 investigate.
import type { DriftBins } from '../runtime/index.js';

/** Empty shares are floored so one empty bin does not make the index infinite. */
// eslint-disable-next-line no-restricted-syntax -- a share, not money
export const SHARE_FLOOR = 0.0001;

// eslint-disable-next-line no-restricted-syntax -- PSI is a ratio; these are the industry's conventional cut-offs
export const PSI_LEVELS = { watch: 0.1, investigate: 0.25 } as const;

/** The bin a value falls in: i for [edges[i-1], edges[i]), edges.length for the last, edges.length + 1 for missing. */
export function binOf(bins: DriftBins, value: number | null): number {
  if (value === null || Number.isNaN(value)) return bins.edges.length + 1;
  let lo = 0;
  let hi = bins.edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= bins.edges[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function liveShares(bins: DriftBins, values: readonly (number | null)[]): number[] {
  const counts = new Array<number>(bins.edges.length + 2).fill(0);
  for (const v of values) counts[binOf(bins, v)]! += 1;
  return counts.map((c) => (values.length === 0 ? 0 : c / values.length));
}

export function psi(bins: DriftBins, values: readonly (number | null)[]): number {
  const actual = liveShares(bins, values);
  return bins.expected.reduce((sum, e, i) => {
    const a = Math.max(actual[i] ?? 0, SHARE_FLOOR);
    const x = Math.max(e, SHARE_FLOOR);
    return sum + (a - x) * Math.log(a / x);
  }, 0);
}

export function psiLevel(value: number): 'stable' | 'watch' | 'investigate' {
  return value > PSI_LEVELS.investigate ? 'investigate' : value > PSI_LEVELS.watch ? 'watch' : 'stable';
}
