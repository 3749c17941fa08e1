// Public API of the model runtime. onnx-session.ts stays internal: callers score through
// ModelRuntime, so the SDK never leaks past this directory.
export { ModelRuntime, type AnomalyScore, type BinaryScore, type ExplainOptions, type FeatureExplanation, type LoadOptions, type ModelRecord, type ModelScore, type MulticlassScore, type ScorecardPoints } from './model-runtime.js';
export {
  loadModelCard, validateModelCard, ModelCardError, MODEL_CARD_SCHEMA, OTHER_CATEGORY, WOE_SCORECARD,
  type AlgorithmInfo, type BooleanFeature, type CandidateInfo, type ChallengerInfo, type CategoricalFeature, type CvMetrics, type DataProvenance, type DriftBins, type DriftReference,
  type FeatureSpec, type ModelCard, type ModelMetrics, type ModelTask, type NumericFeature, type ReasonText, type ReliabilityBin, type TestMetrics,
} from './model-card.js';
export { adverseActionReasons, MAX_ADVERSE_REASONS } from './adverse-action.js';
export { calibrator, interpolate, type CalibrationMethod, type CalibrationSpec, type Calibrator, type IsotonicKnots, type PlattParameters } from './calibration.js';
export { loadScorecard, validateScorecard, ScorecardError, SCORECARD_SCHEMA, SCORECARD_TOLERANCE, type Characteristic, type Scorecard, type ScorecardBin, type ScorecardScaling } from './scorecard.js';
export { LinearTerms, LinearError, LINEAR_SCHEMA } from './linear.js';
export { ScorecardSession, byPointsLost, type ScorecardLine, type ScorecardResult } from './scorecard-session.js';
export { FeatureEncoder, FeatureValidationError, parseCsvCell, type FeatureProblem, type FeatureProblemKind } from './feature-encoder.js';
export { TreeEnsemble, TreeDumpError, type LightGbmDump, type LightGbmNode } from './tree-shap.js';
export { parseCsv, parseCsvTable, formatCsvField, CsvError, type CsvRecord, type CsvTable } from './csv.js';
