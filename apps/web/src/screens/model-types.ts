// The shapes of the models endpoints, which the OpenAPI document leaves as plain objects
// (apps/api/models/models.controller.ts: ModelSummary, ShadowSummary, DriftReport).
export interface ModelSummary {
  name: string;
  champion: string;
  challenger: string | null;
  task: string;
  description: string;
  trainedAt: string;
  features: { name: string; type: string }[];
  threshold: number | null;
  metrics: Record<string, unknown>;
  fairness: unknown;
}
export interface ShadowSummary {
  model: string;
  championVersion: string;
  challengerVersion: string;
  pairs: number;
  agreement: number | null;
  meanAbsDifference: number | null;
}
export interface DriftLine {
  input: string;
  psi: number;
  level: string;
}
export interface DriftReport {
  model: string;
  version: string;
  rows: number;
  score: DriftLine | null;
  features: DriftLine[];
}
