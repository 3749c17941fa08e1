// Commands that arrive by update or signal, waiting for the phase that consumes them. Handlers
// only put things here; the workflow's main line decides when to act on them.
import type { AcceptOfferCommand, PaymentCommand, PaymentResult, ReviewCommand } from './definitions.js';

export interface QueuedPayment {
  token: number;
  command: PaymentCommand;
}

export class Inbox {
  review: ReviewCommand | undefined;
  offer: { accepted: true; command: AcceptOfferCommand } | { accepted: false } | undefined;
  withdrawRequested = false;
  readonly payments: QueuedPayment[] = [];
  readonly paymentResults = new Map<number, PaymentResult>();
  private nextToken = 0;

  enqueuePayment(command: PaymentCommand): number {
    const token = ++this.nextToken;
    this.payments.push({ token, command });
    return token;
  }
}
