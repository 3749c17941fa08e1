// Public API of the model runtime. onnx-session.ts stays internal: callers score through
// ModelRuntime, so the SDK never leaks past this directory.
export { ModelRuntime, type AnomalyScore, type BinaryScore, type ExplainOptions, type FeatureExplanation, type LoadOptions, type ModelRecord, type ModelScore, type MulticlassScore } from './model-runtime.js';
export {
  loadModelCard, validateModelCard, ModelCardError, MODEL_CARD_SCHEMA, OTHER_CATEGORY,
  type AlgorithmInfo, type BooleanFeature, type CategoricalFeature, type CvMetrics, type DataProvenance, type DriftBins, type DriftReference,
  type FeatureSpec, type ModelCard, type ModelMetrics, type ModelTask, type NumericFeature, type ReasonText, type ReliabilityBin, type TestMetrics,
} from './model-card.js';
export { FeatureEncoder, FeatureValidationError, parseCsvCell, type FeatureProblem, type FeatureProblemKind } from './feature-encoder.js';
export { TreeEnsemble, TreeDumpError, type LightGbmDump, type LightGbmNode } from './tree-shap.js';
export { parseCsv, parseCsvTable, formatCsvField, CsvError, type CsvRecord, type CsvTable } from './csv.js';
