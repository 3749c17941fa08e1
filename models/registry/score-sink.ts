// Where production scores go: the registry hands every champion and challenger result to a
// sink and does not wait for it, so recording can batch (apps/shared/models/score-log.ts
// writes them to model_scores) without slowing the score path.

export interface ScoreRecord {
  /** shared by the champion's and the challenger's record of one scoring */
  scoringId: string;
  model: string;
  version: string;
  role: 'champion' | 'challenger';
  subject: string;
  /** what the model answered: a binary model's served probability (calibrated when its card has a calibration) */
  score: number;
  flagged: boolean | null;
  /** the encoded input row (NaN as null); kept for champions only, for drift */
  inputs: (number | null)[] | null;
  scoredAt: string;
}

export interface ScoreSink {
  record(rows: ScoreRecord[]): void;
}

/** For tools and tests that score without recording (e.g. the models:score CLI). */
export const DISCARD_SCORES: ScoreSink = { record: () => undefined };
