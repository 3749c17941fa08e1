// Everything the sandbox remembers, rebuilt from the journal on start. Every change goes through
// commit(), which writes the batch before applying it, so memory never holds what disk lost.
import { Journal } from './journal.js';
import type { Collection, GatewayEvent, IncomingPayment, Payout, Refund } from './resources.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export interface IdempotencyRecord {
  key: string;
  /** method, path and canonical body of the first request that used the key */
  fingerprint: string;
  response: StoredResponse;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  /** HTTP status the receiver answered; absent when it could not be reached */
  status?: number;
  error?: string;
}

export type DeliveryOutcome = 'pending' | 'delivered' | 'failed' | 'no_endpoint';

export interface EventEntry {
  event: GatewayEvent;
  outcome: DeliveryOutcome;
  attempts: DeliveryAttempt[];
}

export type JournalRecord =
  | { t: 'object'; object: Payout | Collection | IncomingPayment | Refund }
  | { t: 'idempotency'; record: IdempotencyRecord }
  | { t: 'unavailable_served'; key: string }
  | { t: 'event'; event: GatewayEvent }
  | { t: 'delivery_attempt'; eventId: string; attempt: DeliveryAttempt }
  | { t: 'delivery_outcome'; eventId: string; outcome: Exclude<DeliveryOutcome, 'pending'> }
  | { t: 'webhook_endpoint'; url: string | null };

export class GatewayState {
  readonly payouts = new Map<string, Payout>();
  readonly collections = new Map<string, Collection>();
  readonly payments = new Map<string, IncomingPayment>();
  readonly refunds = new Map<string, Refund>();
  /** incoming payments by the network's reference: a bank reports the same transfer only once */
  readonly paymentsByExternalId = new Map<string, IncomingPayment>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  /** keys that already got their one 503 from the unavailable-once test account */
  readonly unavailableServed = new Set<string>();
  readonly events = new Map<string, EventEntry>();
  webhookUrl: string | undefined;

  private constructor(private readonly journal: Journal<JournalRecord>) {}

  static open(dataDir: string | undefined): GatewayState {
    const { journal, batches } = Journal.open<JournalRecord>(dataDir);
    const state = new GatewayState(journal);
    for (const batch of batches) for (const record of batch) state.apply(record);
    return state;
  }

  commit(...records: JournalRecord[]): void {
    this.journal.append(records);
    for (const record of records) this.apply(record);
  }

  /** What has gone back to the payer of a payment or collection so far (failed refunds return nothing). */
  refundedAmount(paymentId: string): number {
    let total = 0;
    for (const r of this.refunds.values()) if (r.payment === paymentId && r.status === 'succeeded') total += r.amount;
    return total;
  }

  private apply(r: JournalRecord): void {
    switch (r.t) {
      case 'object': {
        const o = r.object;
        if (o.object === 'payout') this.payouts.set(o.id, o);
        else if (o.object === 'collection') this.collections.set(o.id, o);
        else if (o.object === 'refund') this.refunds.set(o.id, o);
        else {
          this.payments.set(o.id, o);
          this.paymentsByExternalId.set(o.externalId, o);
        }
        return;
      }
      case 'idempotency':
        this.idempotency.set(r.record.key, r.record);
        return;
      case 'unavailable_served':
        this.unavailableServed.add(r.key);
        return;
      case 'event':
        this.events.set(r.event.id, { event: r.event, outcome: 'pending', attempts: [] });
        return;
      case 'delivery_attempt':
        this.events.get(r.eventId)?.attempts.push(r.attempt);
        return;
      case 'delivery_outcome': {
        const entry = this.events.get(r.eventId);
        if (entry) entry.outcome = r.outcome;
        return;
      }
      case 'webhook_endpoint':
        this.webhookUrl = r.url ?? undefined;
        return;
    }
  }
}
