// Scores an applicant's features on the card that fits them and explains the result.
import type { AdverseActionReason, CreditScore } from '../../domain/credit.js';
import { attributeFor, bestPoints, SCORECARD_NAME, SCORECARD_VERSION, THICK_FILE_CARD, THIN_FILE_CARD, type Scorecard } from './characteristics.js';
import { creditLimit } from './credit-limit.js';
import type { ScorecardFeatures } from './features.js';
import { MAX_REASONS, reason } from './reasons.js';
import { gradeFor, pdAt, pdBpsAt } from './scaling.js';

export interface PointsLine {
  characteristic: string;
  attribute: string;
  points: number;
  /** points short of the characteristic's best attribute */
  shortfall: number;
}

export function cardFor(features: ScorecardFeatures): Scorecard {
  return features.bureauHit ? THICK_FILE_CARD : THIN_FILE_CARD;
}

/** Every characteristic's attribute and points, in the card's order. */
export function pointsBreakdown(card: Scorecard, features: ScorecardFeatures): PointsLine[] {
  return card.characteristics.map((c) => {
    const attribute = attributeFor(c, features[c.feature]);
    return { characteristic: c.id, attribute: attribute.label, points: attribute.points, shortfall: bestPoints(c) - attribute.points };
  });
}

export function scoreApplication(features: ScorecardFeatures): CreditScore {
  const card = cardFor(features);
  const lines = pointsBreakdown(card, features);
  const score = card.basePoints + lines.reduce((sum, l) => sum + l.points, 0);
  const thinFile = card.id === 'thin_file';
  const pd = pdAt(score);
  return {
    model: { name: SCORECARD_NAME, version: SCORECARD_VERSION },
    score,
    pd: Math.round(pd * 1_000_000) / 1_000_000,
    grade: gradeFor(score),
    creditLimit: creditLimit(features, pdBpsAt(score), thinFile),
    thinFile,
    reasons: adverseActionReasons(card, features),
    features: { card: card.id, ...features, ...Object.fromEntries(lines.map((l) => [`points.${l.characteristic}`, l.points])) },
  };
}

/**
 * The characteristics that cost the most points against their best attribute, largest
 * shortfall first (ties in the card's order), one reason per code, at most four.
 */
export function adverseActionReasons(card: Scorecard, features: ScorecardFeatures): AdverseActionReason[] {
  const ranked = card.characteristics
    .map((c, order) => {
      const attribute = attributeFor(c, features[c.feature]);
      const code = attribute.missing && c.missingReason ? c.missingReason : c.reason;
      return { code, shortfall: bestPoints(c) - attribute.points, order };
    })
    .filter((r) => r.shortfall > 0)
    .sort((a, b) => b.shortfall - a.shortfall || a.order - b.order);
  const codes: string[] = [];
  const out: AdverseActionReason[] = [];
  for (const r of ranked) {
    if (codes.includes(r.code)) continue;
    codes.push(r.code);
    out.push(reason(r.code));
    if (out.length === MAX_REASONS) break;
  }
  return out;
}
