// Request-body checks, reported per field the way gateways document them, so a client can
// surface every problem at once. Unknown fields are refused too: a misspelt `refrence` must not
// create a payout without a reference.
import { PAYMENT_CHANNELS, type BankAccountDetails, type FieldError, type Metadata, type PaymentChannel } from './resources.js';

export interface PayoutParams {
  amount: number;
  currency: string;
  destination: BankAccountDetails;
  reference: string;
  metadata: Metadata;
}

export interface CollectionParams {
  amount: number;
  currency: string;
  source: BankAccountDetails;
  reference: string;
  mandate?: string;
  metadata: Metadata;
}

export interface IncomingPaymentParams {
  amount: number;
  currency: string;
  reference: string;
  channel: PaymentChannel;
  externalId?: string;
}

export interface RefundParams {
  payment: string;
  amount: number;
  currency: string;
  reason?: string;
  reference: string;
  metadata: Metadata;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldError[] };

// ISO 4217 codes this runtime knows; a well-shaped but unknown code such as 'ABC' is refused.
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

class Fields {
  readonly errors: FieldError[] = [];
  constructor(private readonly body: Record<string, unknown>) {}

  fail(field: string, message: string): undefined {
    this.errors.push({ field, message });
    return undefined;
  }

  only(allowed: string[]): void {
    for (const key of Object.keys(this.body)) if (!allowed.includes(key)) this.fail(key, 'unknown field');
  }

  amount(): number | undefined {
    const v = this.body['amount'];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) return this.fail('amount', 'must be a positive integer number of minor units');
    return v;
  }

  currency(): string | undefined {
    const v = this.body['currency'];
    if (typeof v !== 'string' || !/^[A-Z]{3}$/.test(v)) return this.fail('currency', 'must be a three-letter upper-case ISO 4217 code');
    if (!CURRENCIES.has(v)) return this.fail('currency', `unknown currency ${v}`);
    return v;
  }

  text(field: string, max: number, opts: { optional?: boolean; pattern?: RegExp; hint?: string } = {}): string | undefined {
    const v = this.body[field];
    if (v === undefined && opts.optional) return undefined;
    if (typeof v !== 'string' || v.trim().length === 0) return this.fail(field, 'must be a non-empty string');
    if (v.length > max) return this.fail(field, `must be at most ${max} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(field, opts.hint ?? 'has an invalid format');
    return v;
  }

  bankAccount(field: string): BankAccountDetails | undefined {
    const v = this.body[field];
    if (!isObject(v)) return this.fail(field, 'must be an object with accountNumber, routingCode and holderName');
    const inner = new Fields(v);
    inner.only(['accountNumber', 'routingCode', 'holderName']);
    const accountNumber = inner.text('accountNumber', 34, { pattern: /^[0-9A-Za-z]{6,34}$/, hint: 'must be 6 to 34 letters or digits (an IBAN has letters)' });
    const routingCode = inner.text('routingCode', 11, { pattern: /^[A-Za-z0-9]{4,11}$/, hint: 'must be 4 to 11 letters or digits' });
    const holderName = inner.text('holderName', 140);
    for (const e of inner.errors) this.fail(`${field}.${e.field}`, e.message);
    return accountNumber && routingCode && holderName ? { accountNumber, routingCode, holderName } : undefined;
  }

  metadata(): Metadata | undefined {
    const v = this.body['metadata'];
    if (v === undefined) return {};
    if (!isObject(v)) return this.fail('metadata', 'must be an object of string values');
    const entries = Object.entries(v);
    if (entries.length > 50) return this.fail('metadata', 'must have at most 50 keys');
    for (const [key, value] of entries) {
      if (key.length > 40) this.fail(`metadata.${key}`, 'key must be at most 40 characters');
      if (typeof value !== 'string' || value.length > 500) this.fail(`metadata.${key}`, 'must be a string of at most 500 characters');
    }
    return v as Metadata;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function check<T>(body: unknown, read: (f: Fields) => T | undefined): Validated<T> {
  if (!isObject(body)) return { ok: false, fieldErrors: [{ field: '(body)', message: 'must be a JSON object' }] };
  const fields = new Fields(body);
  const value = read(fields);
  return fields.errors.length === 0 && value !== undefined ? { ok: true, value } : { ok: false, fieldErrors: fields.errors };
}

const REFERENCE = { pattern: /^[A-Za-z0-9._:-]+$/, hint: 'may hold letters, digits and . _ : - only' };

export function validatePayout(body: unknown): Validated<PayoutParams> {
  return check(body, (f) => {
    f.only(['amount', 'currency', 'destination', 'reference', 'metadata']);
    const [amount, currency, destination, reference, metadata] = [f.amount(), f.currency(), f.bankAccount('destination'), f.text('reference', 128, REFERENCE), f.metadata()];
    return amount && currency && destination && reference && metadata ? { amount, currency, destination, reference, metadata } : undefined;
  });
}

export function validateCollection(body: unknown): Validated<CollectionParams> {
  return check(body, (f) => {
    f.only(['amount', 'currency', 'source', 'reference', 'mandate', 'metadata']);
    const [amount, currency, source, reference, metadata] = [f.amount(), f.currency(), f.bankAccount('source'), f.text('reference', 128, REFERENCE), f.metadata()];
    const mandate = f.text('mandate', 128, { optional: true });
    if (!(amount && currency && source && reference && metadata)) return undefined;
    return { amount, currency, source, reference, metadata, ...(mandate ? { mandate } : {}) };
  });
}

export function validateIncomingPayment(body: unknown): Validated<IncomingPaymentParams> {
  return check(body, (f) => {
    f.only(['amount', 'currency', 'reference', 'channel', 'externalId']);
    const [amount, currency, reference] = [f.amount(), f.currency(), f.text('reference', 128, REFERENCE)];
    const externalId = f.text('externalId', 64, { optional: true });
    const channel = f.text('channel', 20);
    const known = (PAYMENT_CHANNELS as readonly string[]).includes(channel ?? '');
    if (channel && !known) f.fail('channel', `must be one of ${PAYMENT_CHANNELS.join(', ')}`);
    if (!(amount && currency && reference && channel && known)) return undefined;
    return { amount, currency, reference, channel: channel as PaymentChannel, ...(externalId ? { externalId } : {}) };
  });
}

export function validateRefund(body: unknown): Validated<RefundParams> {
  return check(body, (f) => {
    f.only(['payment', 'amount', 'currency', 'reason', 'reference', 'metadata']);
    const payment = f.text('payment', 64, { pattern: /^(pay|col)_[A-Za-z0-9]+$/, hint: 'must be the id of an incoming payment (pay_...) or a collection (col_...)' });
    const [amount, currency, reference, metadata] = [f.amount(), f.currency(), f.text('reference', 128, REFERENCE), f.metadata()];
    const reason = f.text('reason', 64, { optional: true, pattern: /^[a-z_]+$/, hint: 'must be lower_snake_case' });
    if (!(payment && amount && currency && reference && metadata)) return undefined;
    return { payment, amount, currency, reference, metadata, ...(reason ? { reason } : {}) };
  });
}
