export { applicationRecord, NO_INCOME_LOAN_TO_INCOME_BPS, type ApplicationRecord } from './application-record.js';
export { creditScoreFrom, pointsForPd, adverseActionReasons, APPLICATION_PD_MODEL } from './credit-score.js';
