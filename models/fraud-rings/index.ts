// Fraud rings over shared identifiers: graph, detection, evaluation against labels.
export { buildRingGraph, normaliseIdentifier, UnionFind, IDENTIFIER_KINDS, type Identifier, type IdentifierKind, type RingApplication, type RingGraph, type SharedIdentifier } from './ring-graph.js';
export {
  detectRings,
  pairPoints,
  identifierPoints,
  hubFactor,
  ringScore,
  EVIDENCE,
  HOUSEHOLD_MAX_PEOPLE,
  HOUSEHOLD_EXPLAINS,
  HOUSEHOLD_SHARE_PCT,
  EDGE_THRESHOLD,
  ATTACH_THRESHOLD,
  MIN_RING_PEOPLE,
  RING_SCORE_POINTS,
  RING_SCORE_THRESHOLD,
  type ApplicationRingResult,
  type FraudRing,
  type RingDetection,
} from './detect-rings.js';
export { evaluateRings, type RingLabel, type RingMetrics } from './evaluate.js';
