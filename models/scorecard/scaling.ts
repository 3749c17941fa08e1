// Points to odds to probability of default, the standard log-odds scaling:
//   score = offset + factor * ln(odds),  factor = PDO / ln 2,  offset = anchorScore - factor * ln(anchorOdds)
// with odds = good:bad. Anchored at 600 points = 50:1, and every 20 points doubles the odds.
// So 580 = 25:1 (PD 3.85%), 540 = 6.25:1 (PD 13.8%), 640 = 200:1 (PD 0.50%).
export const SCALING = { anchorScore: 600, anchorOdds: 50, pointsToDoubleOdds: 20 } as const;

/** Good:bad odds at a score. */
export function oddsAt(score: number): number {
  return SCALING.anchorOdds * 2 ** ((score - SCALING.anchorScore) / SCALING.pointsToDoubleOdds);
}

/** Probability of default at a score, 0..1: bad / (good + bad) = 1 / (1 + odds). */
export function pdAt(score: number): number {
  return 1 / (1 + oddsAt(score));
}

/** PD in basis points, rounded: what tables compare against so no float is compared for equality. */
export function pdBpsAt(score: number): number {
  return Math.round(pdAt(score) * 10_000);
}

/** The score at which the odds are `odds`:1 (the inverse of oddsAt). */
export function scoreForOdds(odds: number): number {
  return SCALING.anchorScore + SCALING.pointsToDoubleOdds * Math.log2(odds / SCALING.anchorOdds);
}

/** Grade bands, best first: the lowest score of each. */
export const GRADES = [
  { grade: 'A', minScore: 640 },
  { grade: 'B', minScore: 610 },
  { grade: 'C', minScore: 580 },
  { grade: 'D', minScore: 540 },
  { grade: 'E', minScore: Number.NEGATIVE_INFINITY },
] as const;

export function gradeFor(score: number): string {
  // The last band starts at minus infinity, so some band always matches.
  return (GRADES.find((g) => score >= g.minScore) ?? GRADES[4]).grade;
}
