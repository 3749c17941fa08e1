export { createBankDataActivities, type BankDataActivities, type BankDataActivitiesDeps, type FetchBankStatementInput } from './bank-data.activities.js';
export { AggregatorClient, AggregatorRejectedError, AggregatorUnavailableError, type AggregatorClientOptions, type StatementRequest } from './aggregator-client.js';
