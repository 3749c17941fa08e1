// Commands that arrive by update or signal, waiting for the phase that consumes them. Handlers
// only put things here; the workflow's main line decides when to act on them.
import type { ArrangementCommand, WriteOffCommand } from '../../domain/arrangements.js';
import type { CommandProblem } from './command-shapes.js';
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
  /** arrangements accepted by the update's validator, for servicing to apply */
  readonly arrangements: ArrangementCommand[] = [];
  /** what servicing made of each: applied (no problems) or refused on the account as it stood then */
  readonly arrangementOutcomes = new Map<string, CommandProblem[]>();
  /** an approved write-off, for servicing to carry out */
  writeOff: WriteOffCommand | undefined;
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

  /** Something for servicing's loop to act on now. */
  get hasCommands(): boolean {
    return this.payments.length > 0 || this.arrangements.length > 0 || this.writeOff !== undefined;
  }

  /** The payment already applied under this reference, when servicing kept its receipt. */
  receiptFor(externalId: string): PaymentReceipt | undefined {
    const receipts = this.servicing?.paymentReceipts;
    return receipts && Object.hasOwn(receipts, externalId) ? receipts[externalId] : undefined;
  }
}
