// Money movements for the loan workflow: the disbursement payout and instalment collections.
// The workflow derives each idempotency key, so a retried activity (or a replayed workflow) asks
// the gateway for the same movement again and gets the first result back instead of paying twice.
import { ApplicationFailure } from '@temporalio/common';
import type { BankAccount } from '../../domain/application.js';
import { PaymentGatewayRequestError, type PaymentGateway } from './payment-gateway.js';

export interface PaymentActivityDeps {
  gateway: PaymentGateway;
}

export interface SendPayoutInput {
  loanId: string;
  idempotencyKey: string;
  /** minor units */
  amount: number;
  currency: string;
  destination: BankAccount;
}

export interface SendPayoutResult {
  payoutId: string;
  status: 'paid';
  paidAt: string;
}

export interface CollectInstallmentInput {
  loanId: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  source: BankAccount;
  /** the borrower's autopay mandate at the gateway */
  mandate?: string;
}

export interface CollectInstallmentResult {
  collectionId: string;
  status: 'succeeded' | 'failed';
  failureCode?: string;
  collectedAt: string;
}

export function createPaymentActivities({ gateway }: PaymentActivityDeps) {
  return {
    /** A payout the bank refuses ends the disbursement (PayoutFailed); an outage is retried. */
    async sendPayout(input: SendPayoutInput): Promise<SendPayoutResult> {
      const { loanId, amount, currency, destination } = input;
      const receipt = await refusalsAreFinal(() =>
        gateway.createPayout({ amount, currency, destination, reference: loanId, metadata: { loanId, purpose: 'disbursement' } }, input.idempotencyKey),
      );
      if (receipt.status === 'failed') {
        throw ApplicationFailure.nonRetryable(
          `payout ${receipt.externalId} for loan ${loanId} failed: ${receipt.failureCode ?? 'unknown'} (${receipt.failureMessage ?? 'no reason given'})`,
          'PayoutFailed',
          { failureCode: receipt.failureCode ?? 'unknown', payoutId: receipt.externalId },
        );
      }
      return { payoutId: receipt.externalId, status: 'paid', paidAt: receipt.at };
    },

    /** A declined debit is an outcome the workflow acts on (delinquency), so it is returned, not thrown. */
    async collectInstallment(input: CollectInstallmentInput): Promise<CollectInstallmentResult> {
      const { loanId, amount, currency, source, mandate } = input;
      const receipt = await refusalsAreFinal(() =>
        gateway.createCollection({ amount, currency, source, reference: loanId, ...(mandate ? { mandate } : {}), metadata: { loanId, purpose: 'installment' } }, input.idempotencyKey),
      );
      return {
        collectionId: receipt.externalId,
        status: receipt.status,
        ...(receipt.failureCode ? { failureCode: receipt.failureCode } : {}),
        collectedAt: receipt.at,
      };
    },
  };
}

export type PaymentActivities = ReturnType<typeof createPaymentActivities>;

// A request the gateway refuses (bad field, reused key) fails the same way on every retry, so
// it is final. Rejected credentials (401/403) are the exception: that is our configuration, not
// the borrower's refusal, and the loan should wait for the fix rather than fail.
async function refusalsAreFinal<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PaymentGatewayRequestError && err.status !== 401 && err.status !== 403) {
      throw ApplicationFailure.nonRetryable(err.message, 'PaymentRequestRejected', { status: err.status, code: err.code, fieldErrors: err.fieldErrors });
    }
    throw err;
  }
}
