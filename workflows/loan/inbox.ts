// Commands that arrive by update or signal, waiting for the phase that consumes them. Handlers
// only put things here; the workflow's main line decides when to act on them.
import type { AcceptOfferCommand, PaymentCommand, PaymentReceipt, PaymentResult, ReviewCommand } from './definitions.js';
import type { ServicingState } from './servicing-state.js';

export interface QueuedPayment {
  token: number;
  command: PaymentCommand;
  /** an update waits for this payment's result; a signal does not */
  awaited: boolean;
}

export class Inbox {
  review: ReviewCommand | undefined;
  offer: { accepted: true; command: AcceptOfferCommand } | { accepted: false } | undefined;
  withdrawRequested = false;
  readonly payments: QueuedPayment[] = [];
  readonly paymentResults = new Map<number, PaymentResult>();
  /** servicing's state once servicing has begun, so validators can tell a retry from a clash */
  servicing: ServicingState | undefined;
  private nextToken = 0;

  enqueuePayment(command: PaymentCommand, awaited = false): number {
    const token = ++this.nextToken;
    this.payments.push({ token, command, awaited });
    return token;
  }

  /** Hands a queued payment's result to the update waiting for it (signals wait for nothing). */
  answer(payment: QueuedPayment, result: PaymentResult): void {
    if (payment.awaited) this.paymentResults.set(payment.token, result);
  }

  /** The payment already applied under this reference, when servicing kept its receipt. */
  receiptFor(externalId: string): PaymentReceipt | undefined {
    const receipts = this.servicing?.paymentReceipts;
    return receipts && Object.hasOwn(receipts, externalId) ? receipts[externalId] : undefined;
  }
}
