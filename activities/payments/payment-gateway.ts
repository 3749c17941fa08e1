// Our port to a payment gateway (STYLE.md 1 and 3). The activities depend on this, never on a
// provider's wire format; gateway-client.ts implements it for the gateway whose sandbox lives in
// apps/sandboxes/gateway, and another provider's adapter can replace it through config.
import type { BankAccount } from '../../domain/application.js';

export interface PayoutRequest {
  /** minor units */
  amount: number;
  /** ISO 4217 */
  currency: string;
  destination: BankAccount;
  /** our reference for the money (the loan id); it comes back on the provider's events */
  reference: string;
  metadata?: Record<string, string>;
}

export interface CollectionRequest {
  amount: number;
  currency: string;
  source: BankAccount;
  reference: string;
  /** the borrower's debit mandate at the provider, when the provider needs one */
  mandate?: string;
  metadata?: Record<string, string>;
}

export interface RefundRequest {
  /** the provider's id of the payment or collection the money came in by: the refund goes back the same way */
  payment: string;
  amount: number;
  currency: string;
  /** our reference for the money (the unapplied-cash item) */
  reference: string;
  /** lower_snake_case, e.g. 'overpayment' */
  reason?: string;
  metadata?: Record<string, string>;
}

/** What a provider says about one money movement: its id (`externalId`) and when it happened (`at`). */
export interface MoneyMovementReceipt<S extends string> {
  externalId: string;
  status: S;
  /** the provider's reason code, already lower_snake_case: 'insufficient_funds', 'account_closed' ... */
  failureCode?: string;
  failureMessage?: string;
  amount: number;
  currency: string;
  reference: string;
  /** ISO 8601 instant the provider recorded the movement; the same on every replay */
  at: string;
}

export type PayoutReceipt = MoneyMovementReceipt<'paid' | 'failed'>;
export type CollectionReceipt = MoneyMovementReceipt<'succeeded' | 'failed'>;
export type RefundReceipt = MoneyMovementReceipt<'succeeded' | 'failed'> & { payment: string };

export interface PaymentGateway {
  /** Replaying the same idempotencyKey with the same request returns the first receipt and moves nothing. */
  createPayout(request: PayoutRequest, idempotencyKey: string): Promise<PayoutReceipt>;
  createCollection(request: CollectionRequest, idempotencyKey: string): Promise<CollectionReceipt>;
  /** Never more than the payment brought in, less what was refunded before; the same idempotencyKey refunds once. */
  refund(request: RefundRequest, idempotencyKey: string): Promise<RefundReceipt>;
  getPayout(externalId: string): Promise<PayoutReceipt>;
  getCollection(externalId: string): Promise<CollectionReceipt>;
  getRefund(externalId: string): Promise<RefundReceipt>;
}

/** Our own names for what a provider tells us by webhook. */
export type PaymentEventKind = 'payment_received' | 'collection_succeeded' | 'collection_failed' | 'payout_paid' | 'payout_failed';

export interface PaymentEvent {
  /** the provider's event id: stable across redeliveries, so receivers dedupe on it */
  eventId: string;
  kind: PaymentEventKind;
  reference: string;
  amount: number;
  currency: string;
  /** the provider's id of the payment, collection or payout */
  externalId: string;
  occurredAt: string;
  failureCode?: string;
  /** how a borrower-initiated payment arrived: 'upi', 'bank_transfer', 'card' */
  channel?: string;
}

/**
 * The provider could not be reached, timed out, or failed on its side (5xx, 429). Retry with the
 * same idempotency key: the provider either never executed the request or will replay its result.
 */
export class PaymentGatewayUnavailableError extends Error {
  override readonly name = 'PaymentGatewayUnavailableError';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface GatewayFieldError {
  field: string;
  message: string;
}

/** The provider refused the request itself (4xx): sending it again unchanged cannot succeed. */
export class PaymentGatewayRequestError extends Error {
  override readonly name = 'PaymentGatewayRequestError';
  constructor(
    message: string,
    readonly status: number,
    /** the provider's error code, e.g. 'parameter_invalid', 'idempotency_key_reused' */
    readonly code: string,
    readonly fieldErrors: GatewayFieldError[] = [],
  ) {
    super(message);
  }
}
