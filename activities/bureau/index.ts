export { createBureauActivities, createBureauBreaker, type BureauActivities, type BureauActivitiesDeps, type PullCreditReportInput } from './bureau.activities.js';
export { BureauClient, BureauRejectedError, BureauUnavailableError, type BureauClientOptions, type CreditReportRequest } from './bureau-client.js';
