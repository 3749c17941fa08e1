// Drift of one model version: PSI of each input and of the score, live (the latest production
// champion scores) against the training baseline in its card.
import type { ModelCard } from '../runtime/index.js';
import { psi, psiLevel } from './psi.js';

export interface DriftLine {
  input: string;
  psi: number;
  level: ReturnType<typeof psiLevel>;
}

export interface DriftReport {
  model: string;
  version: string;
  /** live scores compared; PSI on few rows is noise, so none is reported below MIN_ROWS */
  rows: number;
  score: DriftLine | null;
  features: DriftLine[];
}

export const MIN_ROWS = 100;

export function driftReport(card: ModelCard, version: string, live: readonly { score: number; inputs: readonly (number | null)[] | null }[]): DriftReport {
  const report: DriftReport = { model: card.name, version, rows: live.length, score: null, features: [] };
  if (live.length < MIN_ROWS || card.drift === undefined) return report;
  const line = (input: string, value: number): DriftLine => ({ input, psi: Math.round(value * 1_000_000) / 1_000_000, level: psiLevel(value) });
  if (card.drift.score) report.score = line('score', psi(card.drift.score, live.map((r) => r.score)));
  card.features.forEach((feature, i) => {
    const bins = card.drift?.features[feature.name];
    const values = live.filter((r) => r.inputs !== null).map((r) => r.inputs![i] ?? null);
    if (bins && values.length >= MIN_ROWS) report.features.push(line(feature.name, psi(bins, values)));
  });
  return report;
}
