// Activity proxies with the timeouts and retry policies each kind of step needs. Idempotent
// writes (projections, ledger, funding) retry until they succeed; calls to outside providers
// retry a bounded number of times where the workflow has a fallback (bureau, bank data), and
// without bound where an idempotency key makes retrying safe and stopping unsafe (payments).
//
// Short steps that stay inside our own process and database (KYC rules, fraud queries, scoring,
// the decision, projections) run as local activities: recorded in history as markers, with no
// task round trip through the server, which is most of what a loan costs the cluster. They take
// turns (local-activity-lane.ts): overlapping ones replay in a different order than they ran.
// Money (ledger postings, capital reservations) and calls to providers (the bureau, bank data,
// the payment gateway) are regular activities, queued, rate-limited and retried by the server.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { BankDataActivities } from '../../activities/bank-data/index.js';
import type { BureauActivities } from '../../activities/bureau/index.js';
import type { DisbursementActivities } from '../../activities/disbursement/disbursement.activities.js';
import type { FraudActivities } from '../../activities/fraud/fraud.activities.js';
import type { FundingActivities } from '../../activities/funding/funding.activities.js';
import type { KycActivities } from '../../activities/kyc/index.js';
import type { LedgerActivities } from '../../activities/ledger/ledger.activities.js';
import type { PaymentActivities } from '../../activities/payments/payment.activities.js';
import type { ProjectionActivities } from '../../activities/projections/projection.activities.js';
import type { ScoringActivities } from '../../activities/scoring/index.js';
import { oneAtATime } from './local-activity-lane.js';

const idempotentWrite = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
} as const;

export const projections = oneAtATime(proxyLocalActivities<ProjectionActivities>({ ...idempotentWrite, localRetryThreshold: '10s' }));

/**
 * Patch ID. Ledger postings and capital reservations became regular activities: a local activity
 * runs inside a workflow task, and when that task is discarded (a worker killed mid-task, an
 * update the SDK dropped) its posting stands although the history never recorded it, and the
 * task that replaces it may post other amounts under the same journal key. A regular activity
 * runs only once its scheduling is in the history. Runs recorded before keep local ones.
 *
 * Local still, under the patch: the steps that follow a payout whose outcome is already history
 * (taking the reservation as lent, or unwinding after a refusal). Any task that reaches them,
 * discarded or not, does exactly what the history says, so running them twice is running them once.
 */
export const MONEY_WRITES_AS_ACTIVITIES = 'money-writes-as-activities';

const fundingRetry = { ...idempotentWrite.retry, nonRetryableErrorTypes: ['InsufficientCapital'] };
const money = {
  local: {
    ledger: oneAtATime(proxyLocalActivities<LedgerActivities>({ ...idempotentWrite, localRetryThreshold: '10s' })),
    funding: oneAtATime(proxyLocalActivities<FundingActivities>({ ...idempotentWrite, localRetryThreshold: '10s', retry: fundingRetry })),
  },
  recorded: {
    ledger: proxyActivities<LedgerActivities>(idempotentWrite),
    funding: proxyActivities<FundingActivities>({ ...idempotentWrite, retry: fundingRetry }),
  },
};
let recordedMoney: boolean | undefined;
/** Asked at the run's first money write, so the marker sits at the same point in every history. */
export const moneyWritesRecorded = (): boolean => (recordedMoney ??= patched(MONEY_WRITES_AS_ACTIVITIES));
const moneyWriter = () => (moneyWritesRecorded() ? money.recorded : money.local);

export const ledger: LedgerActivities = {
  postJournal: (journal) => moneyWriter().ledger.postJournal(journal),
  reverseJournal: (input) => moneyWriter().ledger.reverseJournal(input),
};
export const funding: FundingActivities = {
  reserveFunds: (input) => moneyWriter().funding.reserveFunds(input),
  releaseFunds: (input) => moneyWriter().funding.releaseFunds(input),
  consumeReservation: (input) => moneyWriter().funding.consumeReservation(input),
};

/** The saga's steps under MONEY_WRITES_AS_ACTIVITIES: reserve and post as one recorded activity, what follows the payout local. */
export const disbursement = {
  commit: proxyActivities<DisbursementActivities>({ ...idempotentWrite, retry: fundingRetry }).commitDisbursement,
  afterPayout: oneAtATime(proxyLocalActivities<DisbursementActivities & FundingActivities>({ ...idempotentWrite, localRetryThreshold: '10s' })),
};

export const checks = oneAtATime(
  proxyLocalActivities<KycActivities & FraudActivities & ScoringActivities>({
    startToCloseTimeout: '30s',
    localRetryThreshold: '10s',
    retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10, nonRetryableErrorTypes: ['InvalidReviewTerms'] },
  }),
);

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
