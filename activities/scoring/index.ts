export { createScoringActivities, type DecideApplicationInput, type ScoringActivities, type ScoreApplicationInput } from './scoring.activities.js';
