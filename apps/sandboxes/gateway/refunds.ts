// Refunds: money returned against an incoming payment or a succeeded collection, never more than
// it brought in. The checks and the refund's record happen under a lock on the refunded payment,
// so two refunds under different keys cannot both spend the same refundable amount.
import type { SandboxResponse } from '../http-server.js';
import { invalid } from './api-responses.js';
import type { IdempotencyClaim, KeyedLock } from './idempotency.js';
import { moveMoney, newId, type MoneyMovementContext } from './money-movement.js';
import { apiError, type Refund } from './resources.js';
import type { RefundParams } from './validation.js';

export function createRefund(ctx: MoneyMovementContext, paymentLocks: KeyedLock, claim: IdempotencyClaim, p: RefundParams): Promise<SandboxResponse> {
  return paymentLocks.run(p.payment, async () => {
    const { state } = ctx;
    const paid = state.payments.get(p.payment) ?? state.collections.get(p.payment);
    if (!paid) return { status: 404, body: apiError('invalid_request_error', 'resource_missing', `No such payment: ${p.payment}.`) };
    if (paid.object === 'collection' && paid.status !== 'succeeded') {
      return { status: 400, body: apiError('invalid_request_error', 'payment_not_refundable', `Collection ${paid.id} failed: it moved no money to refund.`) };
    }
    if (p.currency !== paid.currency) return invalid([{ field: 'currency', message: `must be the currency of ${paid.id}, ${paid.currency}` }]);
    const refundable = paid.amount - state.refundedAmount(paid.id);
    if (p.amount > refundable) {
      return { status: 400, body: apiError('invalid_request_error', 'amount_too_large', `Refund of ${p.amount} exceeds the ${refundable} of ${paid.id} that is left to refund.`) };
    }
    // A collection's refund goes back to the account it was taken from; a borrower-initiated
    // payment's goes back through the network it came by, which the sandbox treats as ordinary.
    const accountNumber = paid.object === 'collection' ? paid.source.accountNumber : '';
    return moveMoney(ctx, claim, 'refund', accountNumber, (decline): Refund => ({
      id: newId('re'),
      object: 'refund',
      status: decline ? 'failed' : 'succeeded',
      ...decline,
      payment: paid.id,
      amount: p.amount,
      currency: p.currency,
      ...(p.reason ? { reason: p.reason } : {}),
      reference: p.reference,
      metadata: p.metadata,
      createdAt: new Date().toISOString(),
    }));
  });
}
