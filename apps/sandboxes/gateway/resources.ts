// The gateway's public objects, exactly as its JSON API and webhooks present them. Amounts are
// integer minor units; times are ISO 8601 instants (events also carry unix seconds, as Stripe's do).

export interface BankAccountDetails {
  accountNumber: string;
  routingCode: string;
  holderName: string;
}

export type Metadata = Record<string, string>;

export interface Payout {
  id: string;
  object: 'payout';
  status: 'paid' | 'failed';
  failureCode?: string;
  failureMessage?: string;
  amount: number;
  currency: string;
  destination: BankAccountDetails;
  reference: string;
  metadata: Metadata;
  createdAt: string;
}

export interface Collection {
  id: string;
  object: 'collection';
  status: 'succeeded' | 'failed';
  failureCode?: string;
  failureMessage?: string;
  amount: number;
  currency: string;
  source: BankAccountDetails;
  reference: string;
  mandate?: string;
  metadata: Metadata;
  createdAt: string;
}

export const PAYMENT_CHANNELS = ['upi', 'bank_transfer', 'card'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** Money a borrower sent on their own initiative (UPI, bank transfer, card), matched by reference. */
export interface IncomingPayment {
  id: string;
  object: 'payment';
  status: 'received';
  amount: number;
  currency: string;
  reference: string;
  channel: PaymentChannel;
  /** the payment network's own reference (UPI UTR, bank transfer reference) */
  externalId: string;
  receivedAt: string;
}

/** Money returned against a payment or a collection, to whoever paid it. */
export interface Refund {
  id: string;
  object: 'refund';
  status: 'succeeded' | 'failed';
  failureCode?: string;
  failureMessage?: string;
  /** the incoming payment (`pay_`) or collection (`col_`) refunded */
  payment: string;
  amount: number;
  currency: string;
  reason?: string;
  reference: string;
  metadata: Metadata;
  createdAt: string;
}

export type GatewayEventType = 'payment.received' | 'collection.succeeded' | 'collection.failed' | 'payout.paid' | 'payout.failed' | 'refund.succeeded' | 'refund.failed';

export interface GatewayEvent {
  id: string;
  object: 'event';
  type: GatewayEventType;
  /** unix seconds */
  created: number;
  data: { object: Payout | Collection | IncomingPayment | Refund };
}

export interface ApiError {
  error: { type: string; code: string; message: string; fieldErrors?: FieldError[] };
}

export interface FieldError {
  field: string;
  message: string;
}

export function apiError(type: string, code: string, message: string, fieldErrors?: FieldError[]): ApiError {
  return { error: { type, code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
}
