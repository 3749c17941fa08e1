// Activity proxies with the timeouts and retry policies each kind of step needs. Idempotent
// writes (projections, ledger, funding) retry until they succeed; calls to outside providers
// retry a bounded number of times where the workflow has a fallback (bureau, bank data), and
// without bound where an idempotency key makes retrying safe and stopping unsafe (payments).
//
// Short steps that stay inside our own process and database (KYC rules, fraud queries, scoring,
// the decision, projections, our own ledger and capital reservations, all keyed so a retry is a
// no-op) run as local activities: recorded in history as markers, with no task round trip
// through the server, which is most of what a loan costs the cluster. Calls to providers (the
// bureau, bank data, the payment gateway) stay regular activities, queued, rate-limited and
// retried by the server.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { BankDataActivities } from '../../activities/bank-data/index.js';
import type { BureauActivities } from '../../activities/bureau/index.js';
import type { FraudActivities } from '../../activities/fraud/fraud.activities.js';
import type { FundingActivities } from '../../activities/funding/funding.activities.js';
import type { KycActivities } from '../../activities/kyc/index.js';
import type { LedgerActivities } from '../../activities/ledger/ledger.activities.js';
import type { PaymentActivities } from '../../activities/payments/payment.activities.js';
import type { ProjectionActivities } from '../../activities/projections/projection.activities.js';
import type { ScoringActivities } from '../../activities/scoring/index.js';

const idempotentWrite = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
} as const;

export const projections = proxyLocalActivities<ProjectionActivities>({ ...idempotentWrite, localRetryThreshold: '10s' });
export const ledger = proxyLocalActivities<LedgerActivities>({ ...idempotentWrite, localRetryThreshold: '10s' });
export const funding = proxyLocalActivities<FundingActivities>({
  ...idempotentWrite,
  localRetryThreshold: '10s',
  retry: { ...idempotentWrite.retry, nonRetryableErrorTypes: ['InsufficientCapital'] },
});

export const checks = proxyLocalActivities<KycActivities & FraudActivities & ScoringActivities>({
  startToCloseTimeout: '30s',
  localRetryThreshold: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10, nonRetryableErrorTypes: ['InvalidReviewTerms'] },
});

export const bankData = proxyActivities<BankDataActivities>({
  startToCloseTimeout: '15s',
  scheduleToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3 },
});

/** The bureau runs on its own rate-limited task queue; waiting there too long counts as an outage. */
export function bureauOn(taskQueue: string) {
  return proxyActivities<BureauActivities>({
    taskQueue,
    startToCloseTimeout: '15s',
    scheduleToCloseTimeout: '2m',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: ['BureauUnavailable'] },
  });
}

export const payments = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m', nonRetryableErrorTypes: ['PayoutFailed', 'PaymentRequestRejected'] },
});
