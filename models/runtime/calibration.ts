// The card's calibration (models/CARD.md, issue 9): the model's raw probability ranks applicants
// well but is not a default rate, so the card carries a map fitted out of fold from raw to observed
// probability, and the runtime serves the mapped value. Margins (and the TreeSHAP reasons summing
// to them) stay in raw log-odds: calibration changes what a probability means, not why.

// The pipeline always writes platt or isotonic (the served PD is calibrated out of fold); 'none'
// serves the raw probability and stays readable for cards written before that rule or by hand.
export type CalibrationMethod = 'isotonic' | 'platt' | 'none';

export interface PlattParameters { a: number; b: number }
/** Ascending raw-probability knots `x` and their calibrated values `y`. */
export interface IsotonicKnots { x: number[]; y: number[] }

export interface CalibrationSpec {
  method: CalibrationMethod;
  fittedOn?: string;
  platt?: PlattParameters;
  isotonic?: IsotonicKnots;
  /** expected calibration error on the test rows, before and after (descriptive) */
  ece?: { before: number; after: number };
  reliability?: { before: unknown[]; after: unknown[] };
}

/** Maps a raw probability (and its margin, for Platt) to the served one. */
export type Calibrator = (rawProbability: number, margin: number) => number;

export function calibrator(spec: CalibrationSpec | undefined): Calibrator {
  if (spec === undefined || spec.method === 'none') return (p) => p;
  if (spec.method === 'platt') {
    const { a, b } = spec.platt!;
    return (_p, margin) => 1 / (1 + Math.exp(-(a * margin + b)));
  }
  const { x, y } = spec.isotonic!;
  return (p) => interpolate(x, y, p);
}

/**
 * Linear interpolation between knots, clamped to the end values outside them, as numpy.interp and
 * scikit-learn's IsotonicRegression(out_of_bounds="clip") compute it, so Python's values are reproduced.
 */
export function interpolate(x: readonly number[], y: readonly number[], at: number): number {
  const last = x.length - 1;
  if (at <= x[0]!) return y[0]!;
  if (at >= x[last]!) return y[last]!;
  // The largest knot at or below `at`: binary search, knots can be many (one per isotonic step).
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= at) lo = mid;
    else hi = mid;
  }
  const slope = (y[hi]! - y[lo]!) / (x[hi]! - x[lo]!);
  return slope * (at - x[lo]!) + y[lo]!;
}
