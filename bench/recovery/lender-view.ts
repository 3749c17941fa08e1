// What the lender knows of a simulated borrower: the behaviour features its propensity and
// segmentation read (named as on the propensity-to-pay card), drawn from the scenario with noise
// and overlap, never the scenario itself. The policy sees these and the episode's own history;
// segments come from the product's segmentRecovery (policies/recovery-segments.ts).
import type { SeededRandom } from '../../domain/seeded-random.js';
import { segmentRecovery, type RecoveryFeatures, type RecoveryStrategy } from '../../policies/recovery-segments.js';
import type { Archetype } from './response-model.js';

export interface LenderFile {
  onTimeBps: number;
  utilisationBps: number | null;
  seasonalityBps: number | null;
  regularityBps: number | null;
  engagementBps: number | null;
}

/** [min, max] per scenario; null fields are unmeasured for the given percentage of borrowers. */
const FEATURES: Record<Archetype, { onTime: [number, number]; utilisation: [number, number, number]; seasonality: [number, number, number]; regularity: [number, number, number]; engagement: [number, number, number] }> = {
  // [min, max, percent measured]
  ordinary: { onTime: [6500, 9500], utilisation: [2000, 9000, 80], seasonality: [2500, 5500, 40], regularity: [3000, 8000, 60], engagement: [1500, 5000, 50] },
  new_to_credit: { onTime: [8000, 10000], utilisation: [1000, 6000, 30], seasonality: [2500, 4000, 30], regularity: [6000, 9500, 95], engagement: [2500, 7000, 40] },
  seasonal_farmer: { onTime: [5000, 8000], utilisation: [2000, 8000, 40], seasonality: [6000, 9000, 70], regularity: [800, 2500, 80], engagement: [1000, 4000, 50] },
  strategic_defaulter: { onTime: [6000, 9000], utilisation: [1000, 6000, 85], seasonality: [2500, 5000, 40], regularity: [4000, 9000, 70], engagement: [200, 1600, 60] },
  sudden_distress: { onTime: [8000, 9800], utilisation: [7000, 10500, 85], seasonality: [2500, 5000, 40], regularity: [2000, 7000, 60], engagement: [1200, 5000, 50] },
};

export function lenderFile(rng: SeededRandom, archetype: Archetype, _dpd: number): LenderFile {
  const f = FEATURES[archetype];
  const measured = ([min, max, pct]: [number, number, number]) => (rng.chance(pct) ? rng.int(min, max) : null);
  return { onTimeBps: rng.int(f.onTime[0], f.onTime[1]), utilisationBps: measured(f.utilisation), seasonalityBps: measured(f.seasonality), regularityBps: measured(f.regularity), engagementBps: measured(f.engagement) };
}

/**
 * The lender's propensity score, P(pays within 30 days) in basis points: a simple scorecard over
 * the file (standing in for the ONNX propensity model, which needs the full application record).
 * Good payment history and engagement raise it, arrears and a maxed card lower it.
 */
export function propensityBps(file: LenderFile, dpd: number): number {
  let score = 7600 + Math.round((file.onTimeBps - 8000) / 3) - 20 * Math.min(dpd, 120);
  if (file.engagementBps !== null) score += Math.round((file.engagementBps - 2000) / 8);
  if (file.utilisationBps !== null && file.utilisationBps >= 9500) score -= 600;
  return Math.max(0, Math.min(10_000, score));
}

/** The product's segmentation on what the lender knows now (promises from this episode included). */
export function segmentOf(file: LenderFile, dpd: number, promisesKept: number, promisesBroken: number): RecoveryStrategy {
  const promises = promisesKept + promisesBroken;
  const features: RecoveryFeatures = {
    current_dpd: Math.max(1, dpd),
    on_time_payment_ratio_bps: file.onTimeBps,
    credit_utilisation_bps: file.utilisationBps,
    income_seasonality_bps: file.seasonalityBps,
    transaction_regularity_bps: file.regularityBps,
    communication_engagement_bps: file.engagementBps,
    promises_kept_ratio_bps: promises === 0 ? null : Math.round((promisesKept * 10_000) / promises),
  };
  return segmentRecovery({ propensityBps: propensityBps(file, dpd), features });
}
