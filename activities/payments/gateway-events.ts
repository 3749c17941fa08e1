// Inbound half of the gateway adapter: proving a webhook came from the gateway, and reading its
// events into our PaymentEvent. The signature is Stripe's scheme:
// `Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isSupportedCurrency } from '../../domain/currency.js';
import type { PaymentEvent, PaymentEventKind } from './payment-gateway.js';

export const GATEWAY_SIGNATURE_HEADER = 'gateway-signature';

export type SignatureCheck = { valid: true; timestamp: number } | { valid: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface SignatureCheckOptions {
  /** how far the signed timestamp may be from `now`, either way; default 300 s */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * `rawBody` must be the bytes as received: re-serialised JSON will not match. `secret` may list
 * several secrets while one is being rotated. A stale timestamp is refused so a captured request
 * cannot be replayed later.
 */
export function verifyGatewaySignature(rawBody: string, header: string | undefined, secret: string | readonly string[], options: SignatureCheckOptions = {}): SignatureCheck {
  if (!header) return { valid: false, reason: 'missing' };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const timestamps = parts.filter(([k]) => k === 't').map(([, v]) => v ?? '');
  const signatures = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/i.test(v ?? '')).map(([, v]) => Buffer.from(v ?? '', 'hex'));
  const t = timestamps.length === 1 && /^\d+$/.test(timestamps[0] ?? '') ? Number(timestamps[0]) : NaN;
  if (!Number.isSafeInteger(t) || signatures.length === 0) return { valid: false, reason: 'malformed' };

  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - t) > (options.toleranceSeconds ?? 300)) return { valid: false, reason: 'stale' };

  const secrets = typeof secret === 'string' ? [secret] : secret;
  const matches = secrets.some((s) => {
    const expected = createHmac('sha256', s).update(`${t}.${rawBody}`).digest();
    return signatures.some((sig) => timingSafeEqual(sig, expected));
  });
  return matches ? { valid: true, timestamp: t } : { valid: false, reason: 'mismatch' };
}

export type GatewayEventParse = { status: 'accepted'; event: PaymentEvent } | { status: 'ignored'; eventId?: string; type: string; reason: string };

/** A body that claims to be one of the events we handle but lacks what that event must carry. */
export class MalformedGatewayEventError extends Error {
  override readonly name = 'MalformedGatewayEventError';
}

const KINDS: Record<string, PaymentEventKind> = {
  'payment.received': 'payment_received',
  'collection.succeeded': 'collection_succeeded',
  'collection.failed': 'collection_failed',
  'payout.paid': 'payout_paid',
  'payout.failed': 'payout_failed',
};

interface WireObject {
  id?: unknown;
  amount?: unknown;
  currency?: unknown;
  reference?: unknown;
  failureCode?: unknown;
  channel?: unknown;
  createdAt?: unknown;
  receivedAt?: unknown;
}

/**
 * Event types we do not handle come back as 'ignored' (acknowledge them with a 2xx, or the
 * gateway retries them for days); a handled type with missing fields throws.
 */
export function parseGatewayEvent(body: unknown): GatewayEventParse {
  const envelope = (typeof body === 'string' ? parseJson(body) : body) as { id?: unknown; object?: unknown; type?: unknown; data?: { object?: WireObject } } | null;
  if (typeof envelope !== 'object' || envelope === null || envelope.object !== 'event' || typeof envelope.type !== 'string') {
    throw new MalformedGatewayEventError('not a gateway event: expected an object with object "event" and a type');
  }
  const eventId = typeof envelope.id === 'string' ? envelope.id : undefined;
  const kind = Object.hasOwn(KINDS, envelope.type) ? KINDS[envelope.type] : undefined;
  if (!kind) return { status: 'ignored', ...(eventId ? { eventId } : {}), type: envelope.type, reason: `event type ${envelope.type} is not one Credence handles` };

  const o = envelope.data?.object;
  const occurredAt = o?.createdAt ?? o?.receivedAt;
  if (!eventId || !o || typeof o.id !== 'string' || typeof o.amount !== 'number' || !Number.isSafeInteger(o.amount) || typeof o.currency !== 'string' || typeof o.reference !== 'string' || typeof occurredAt !== 'string') {
    throw new MalformedGatewayEventError(`${envelope.type} event ${eventId ?? '(no id)'} lacks its id, amount, currency, reference or time`);
  }
  // Money moves in positive amounts of a currency we know; anything else is not a payment, and
  // must not reach a loan (the workflow records it as rejected too, but the edge says so first).
  if (o.amount <= 0) throw new MalformedGatewayEventError(`${envelope.type} event ${eventId} has amount ${o.amount}: amounts are positive minor units`);
  if (!isSupportedCurrency(o.currency)) throw new MalformedGatewayEventError(`${envelope.type} event ${eventId} has currency ${JSON.stringify(String(o.currency).slice(0, 8))}: not an ISO 4217 code Credence knows`);
  if (o.id.trim() === '' || o.id.length > 255) throw new MalformedGatewayEventError(`${envelope.type} event ${eventId} has a payment id that is empty or longer than 255 characters`);
  return {
    status: 'accepted',
    event: {
      eventId,
      kind,
      reference: o.reference,
      amount: o.amount,
      currency: o.currency,
      externalId: o.id,
      occurredAt,
      ...(typeof o.failureCode === 'string' ? { failureCode: o.failureCode } : {}),
      ...(typeof o.channel === 'string' ? { channel: o.channel } : {}),
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedGatewayEventError('webhook body is not JSON');
  }
}
