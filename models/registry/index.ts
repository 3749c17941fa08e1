export { ModelRegistry, UnknownModelError, DEFAULT_MODELS_DIR, type RegistryFile, type ScoredRecord, type ScoreOptions, type VersionEntry } from './model-registry.js';
export { DISCARD_SCORES, type ScoreRecord, type ScoreSink } from './score-sink.js';
