export { createScoringActivities, type DecideApplicationInput, type ScoringActivities, type ScoreApplicationInput } from './scoring.activities.js';
export {
  createServicingScoringActivities,
  type CreditLimitReviewed,
  type RecoverySegmentation,
  type ReviewCreditLimitInput,
  type SegmentForRecoveryInput,
  type ServicingScoringActivities,
} from './servicing-scoring.activities.js';
