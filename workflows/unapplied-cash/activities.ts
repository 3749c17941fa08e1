// Activity proxies for acting on unapplied cash. The store's steps are our own database, keyed
// by the run, so they run as local activities retried until they succeed. Paying a loan and
// refunding through the gateway are regular activities retried without bound: each carries a key
// that makes a retry the same payment, and stopping half-way would leave the item claimed.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { UnappliedCashActivities } from '../../activities/unapplied-cash/unapplied-cash.activities.js';

type StoreSteps = Pick<UnappliedCashActivities, 'claimUnappliedCash' | 'releaseUnappliedCash' | 'completeUnappliedApplication' | 'completeUnappliedRefund'>;

export const store = proxyLocalActivities<StoreSteps>({
  startToCloseTimeout: '30s',
  localRetryThreshold: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export const money = proxyActivities<Pick<UnappliedCashActivities, 'applyUnappliedCashToLoan' | 'refundUnappliedCash'>>({
  // A loan busy with another step answers its payment update when that step is done.
  startToCloseTimeout: '2m',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5m' },
});
