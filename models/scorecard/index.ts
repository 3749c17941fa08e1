// The points scorecard: features in, a score with its PD, grade, credit limit and reasons out.
export { extractFeatures, RECOMMENDED_STATEMENT_MONTHS, type ScorecardFeatures } from './features.js';
export { scoreApplication, pointsBreakdown, adverseActionReasons, cardFor, type PointsLine } from './score.js';
export { SCORECARD_NAME, SCORECARD_VERSION, THICK_FILE_CARD, THIN_FILE_CARD } from './characteristics.js';
export { REASONS, reason, type ReasonCode } from './reasons.js';
export { pdAt, oddsAt, scoreForOdds, gradeFor, SCALING, GRADES } from './scaling.js';
export { creditLimit, AFFORDABILITY } from './credit-limit.js';
export { summariseStatement, transactionFeatures, type StatementSummary, type TransactionFeatures } from './transaction-features.js';
