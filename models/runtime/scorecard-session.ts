// Serves a WoE points scorecard from scorecard.json, beside (or instead of) an ONNX session. It
// scores rows the FeatureEncoder built from the card, so a record is validated by the same rules
// whichever model scores it; each characteristic's bin gives its points, the points add up to the
// score, and the score is the log-odds on the card's scale. Adverse-action reasons are the
// characteristics that lost the most points against their best bin, as lenders report them.
import { loadScorecard, type Scorecard, type ScorecardBin, type ScorecardScaling } from './scorecard.js';
import type { FeatureSpec } from './model-card.js';

export interface ScorecardLine {
  feature: string;
  /** the applicant's bin, as the scorecard labels it */
  bin: string;
  missing: boolean;
  points: number;
  /** the best this characteristic gives anyone, less `points`: what the applicant lost here */
  pointsLost: number;
}

export interface ScorecardResult {
  /** the sum of the lines' points: higher is safer */
  score: number;
  /** raw log-odds of the event, (offset - score) / factor */
  margin: number;
  /** 1 / (1 + exp(-margin)), before any calibration */
  rawProbability: number;
  /** one per characteristic, in the scorecard's order */
  lines: ScorecardLine[];
}

interface Placed {
  feature: string;
  column: number;
  bins: ScorecardBin[];
  maxPoints: number;
  /** encoded value -> bin: categorical codes by table, numbers by edges, NaN to the missing bin */
  binOf: (value: number) => number;
}

export class ScorecardSession {
  private readonly placed: Placed[];

  private constructor(
    readonly file: string,
    readonly scorecard: Scorecard,
    features: readonly FeatureSpec[],
  ) {
    const columns = new Map(features.map((f, i) => [f.name, { spec: f, column: i }]));
    this.placed = scorecard.characteristics.map((c): Placed => {
      const { spec, column } = columns.get(c.feature)!;
      const missing = c.bins.length - 1;
      let binOf: (value: number) => number;
      if (spec.type === 'categorical') {
        const binByCategory = new Map(c.bins.flatMap((b, j) => (b.kind === 'categorical' ? b.categories.map((category) => [category, j] as const) : [])));
        // The encoder codes a category by its index in the card's list; the scorecard holds every one of them (validated).
        const byCode = spec.categories.map((category) => binByCategory.get(category)!);
        binOf = (value) => (Number.isNaN(value) ? missing : byCode[value]!);
      } else {
        // Bins are contiguous from -inf: the first whose upper edge is above the value holds it (lower inclusive).
        const uppers = c.bins.slice(0, missing).map((b) => (b.kind === 'numeric' && b.upper !== null ? b.upper : Number.POSITIVE_INFINITY));
        binOf = (value) => (Number.isNaN(value) ? missing : uppers.findIndex((upper) => value < upper));
      }
      return { feature: c.feature, column, bins: c.bins, maxPoints: Math.max(...c.bins.map((b) => b.points)), binOf };
    });
  }

  /** Reads and validates `file` against the card's features (ScorecardError if it is not the contract's). */
  static async open(file: string, features: readonly FeatureSpec[]): Promise<ScorecardSession> {
    return new ScorecardSession(file, await loadScorecard(file, features), features);
  }

  get scaling(): ScorecardScaling {
    return this.scorecard.scaling;
  }

  /** Scores `n` rows encoded by the card's FeatureEncoder (row-major, `width` columns). */
  scoreEncoded(encoded: Float64Array, n: number, width: number): ScorecardResult[] {
    if (encoded.length !== n * width) throw new Error(`${this.file}: ${encoded.length} values do not form ${n} rows of ${width}`);
    return Array.from({ length: n }, (_, row) => this.scoreRow(encoded.subarray(row * width, (row + 1) * width)));
  }

  scoreRow(row: Float64Array): ScorecardResult {
    const lines = this.placed.map((p): ScorecardLine => {
      const bin = p.bins[p.binOf(row[p.column]!)]!;
      return { feature: p.feature, bin: bin.label, missing: bin.kind === 'missing', points: bin.points, pointsLost: p.maxPoints - bin.points };
    });
    const score = lines.reduce((sum, line) => sum + line.points, 0);
    const { offset, factor } = this.scorecard.scaling;
    const margin = (offset - score) / factor;
    return { score, margin, rawProbability: 1 / (1 + Math.exp(-margin)), lines };
  }
}

/**
 * The lines in adverse-action order: most points lost first, ties by feature name (plain string
 * order, as Python's sorted() gives for these names), so the reasons are reproducible from the file alone.
 */
export function byPointsLost(lines: readonly ScorecardLine[]): ScorecardLine[] {
  return [...lines].sort((a, b) => b.pointsLost - a.pointsLost || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}
