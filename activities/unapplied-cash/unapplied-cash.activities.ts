// The steps of acting on an unapplied-cash item: claim it, move the money (a payment to a loan,
// or a refund through the gateway), then complete or release it. Every step is safe to retry:
// the claim is keyed by the workflow run, the payment by its externalId (the loan posts it once),
// the refund by its Idempotency-Key (the gateway refunds once), and completing twice is a no-op.
import { Context } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ClaimDecision, UnappliedAction, UnappliedCashItem } from '../../domain/unapplied-cash.js';
import { LoanReadRepository } from '../../db/repositories/loan-read.repository.js';
import { UnappliedCashRepository } from '../../db/repositories/unapplied-cash.repository.js';
import { PaymentGatewayRequestError, type PaymentGateway } from '../payments/payment-gateway.js';
import type { LoanPayments } from './loan-payments.js';

export interface UnappliedCashActivityDeps {
  orm: MikroORM;
  gateway: PaymentGateway;
  /** built per call: the adapter needs the Temporal client of the activity's own context */
  loanPayments: () => LoanPayments;
}

export interface ClaimInput {
  itemId: string;
  action: UnappliedAction;
  requestedBy: string | null;
}

export interface ApplyToLoanInput {
  loanId: string;
  externalId: string;
  amount: number;
  currency: string;
}

export interface RefundInput {
  itemId: string;
  gatewayPaymentId: string;
  amount: number;
  currency: string;
  reason: string;
  idempotencyKey: string;
}

export type MoneyMoved = { moved: true; refundId?: string } | { moved: false; problem: string };

export function createUnappliedCashActivities({ orm, gateway, loanPayments }: UnappliedCashActivityDeps) {
  const items = () => new UnappliedCashRepository(orm.em.fork());
  // The claim belongs to the workflow run carrying the action out.
  const runId = () => {
    const run = Context.current().info.workflowExecution?.runId;
    if (!run) throw new Error('unapplied-cash activities run inside a workflow');
    return run;
  };
  const found = (item: UnappliedCashItem | null, itemId: string): UnappliedCashItem => {
    if (!item) throw new Error(`unapplied cash ${itemId} is not in the store`);
    return item;
  };

  return {
    async claimUnappliedCash({ itemId, action, requestedBy }: ClaimInput): Promise<{ decision: ClaimDecision; item: UnappliedCashItem } | null> {
      return items().claim(itemId, action, requestedBy, runId());
    },

    /**
     * A payment the read model already shows was applied, whatever the loan answers now (it may
     * have closed since: a payoff by this very payment ends it).
     */
    async applyUnappliedCashToLoan({ loanId, externalId, amount, currency }: ApplyToLoanInput): Promise<MoneyMoved> {
      const shown = () => new LoanReadRepository(orm.em.fork()).findPayment(loanId, externalId);
      if (await shown()) return { moved: true };
      const answer = await loanPayments().recordPayment(loanId, { externalId, amount, currency, source: 'api' });
      if (answer.status === 'applied' || (await shown())) return { moved: true };
      return { moved: false, problem: `loan ${loanId} refused the payment: ${answer.reason}` };
    },

    /** A refund the bank declines, or a request the gateway refuses, leaves the money with us: the item opens again. */
    async refundUnappliedCash({ itemId, gatewayPaymentId, amount, currency, reason, idempotencyKey }: RefundInput): Promise<MoneyMoved> {
      try {
        const receipt = await gateway.refund({ payment: gatewayPaymentId, amount, currency, reference: itemId, reason, metadata: { unappliedCashId: itemId } }, idempotencyKey);
        if (receipt.status === 'succeeded') return { moved: true, refundId: receipt.externalId };
        return { moved: false, problem: `the gateway declined refund ${receipt.externalId}: ${receipt.failureCode ?? 'unknown'} (${receipt.failureMessage ?? 'no reason given'})` };
      } catch (err) {
        // Rejected credentials are our configuration, not a refusal of this refund: retry until fixed.
        if (err instanceof PaymentGatewayRequestError && err.status !== 401 && err.status !== 403) return { moved: false, problem: `the gateway refused the refund: ${err.message}` };
        throw err;
      }
    },

    async releaseUnappliedCash({ itemId, problem }: { itemId: string; problem: string }): Promise<UnappliedCashItem> {
      return found(await items().release(itemId, runId(), problem), itemId);
    },

    async completeUnappliedApplication({ itemId }: { itemId: string }): Promise<UnappliedCashItem> {
      return found(await items().completeApplication(itemId, runId()), itemId);
    },

    async completeUnappliedRefund({ itemId, refundId }: { itemId: string; refundId: string }): Promise<UnappliedCashItem> {
      return found(await items().completeRefund(itemId, runId(), refundId), itemId);
    },
  };
}

export type UnappliedCashActivities = ReturnType<typeof createUnappliedCashActivities>;
