// Lob's signed webhooks. Each POST is one event `{ id: 'evt_…', event_type: { id: 'letter.mailed', … },
// body: <the letter as it was>, reference_id, date_created, object: 'event' }`, signed with the
// webhook's secret: Lob-Signature is the hex HMAC-SHA256 of `<Lob-Signature-Timestamp>.<raw body>`.
// A timestamp more than five minutes from now is refused, so a captured request replayed later
// fails even with its valid signature (a replay within the window is the same event ID, which the
// API hands on once). Lob sends the timestamp in milliseconds; a value in seconds is read as such.
// Letter events become the port's DeliveryEvents; everything else is acknowledged and ignored.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryEvent, DeliveryStatus } from '../channels/contact-channels.js';
import { DELIVERY_KEY_METADATA } from './lob-channel.js';

export const LOB_SIGNATURE_HEADER = 'lob-signature';
export const LOB_TIMESTAMP_HEADER = 'lob-signature-timestamp';
export const MAX_EVENT_AGE_MS = 5 * 60_000;

export class MalformedLobEventError extends Error {
  override readonly name = 'MalformedLobEventError';
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** The signature Lob puts on a body at a timestamp (the sandbox signs with this too). */
export function lobSignature(secret: string, rawBody: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
}

export function verifyLobSignature(secret: string, rawBody: string, signature: string | undefined, timestamp: string | undefined, nowMs = Date.now()): SignatureCheck {
  if (!signature || !timestamp) return { valid: false, reason: 'missing' };
  if (!/^\d{1,15}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return { valid: false, reason: 'malformed' };
  const value = Number(timestamp);
  const at = value < 1e12 ? value * 1000 : value;
  if (Math.abs(nowMs - at) > MAX_EVENT_AGE_MS) return { valid: false, reason: 'stale (more than 5 minutes from now)' };
  const expected = Buffer.from(lobSignature(secret, rawBody, timestamp), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? { valid: true } : { valid: false, reason: 'wrong' };
}

/**
 * Lob's letter events, by what they say of the letter: made, handed to the post, moving in it,
 * delivered, sent back (the address does not reach the borrower: permanent), or failed to be made.
 * Rendering events (the PDF, the thumbnails) say nothing about delivery.
 */
const LETTER_EVENTS: Record<string, { status: DeliveryStatus; permanent: boolean }> = {
  'letter.created': { status: 'queued', permanent: false },
  'letter.mailed': { status: 'sent', permanent: false },
  'letter.in_transit': { status: 'in_transit', permanent: false },
  'letter.in_local_area': { status: 'in_transit', permanent: false },
  'letter.processed_for_delivery': { status: 'in_transit', permanent: false },
  'letter.re-routed': { status: 'in_transit', permanent: false },
  'letter.international_exit': { status: 'in_transit', permanent: false },
  'letter.delivered': { status: 'delivered', permanent: false },
  'letter.returned_to_sender': { status: 'bounced', permanent: true },
  'letter.rejected': { status: 'failed', permanent: false },
  'letter.failed': { status: 'failed', permanent: false },
  'letter.deleted': { status: 'failed', permanent: false },
};

export type LobEvent = { kind: 'delivery'; event: DeliveryEvent } | { kind: 'ignored'; eventId: string; type: string };

/** Parses a verified body: an event needs its id, event_type.id, the letter's id and date_created. */
export function parseLobEvent(rawBody: string): LobEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new MalformedLobEventError('the body is not JSON');
  }
  const e = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const eventId = text(e['id']);
  const type = text((e['event_type'] as Record<string, unknown> | undefined)?.['id']);
  const resource = (e['body'] ?? {}) as Record<string, unknown>;
  const letterId = text(resource['id']) ?? text(e['reference_id']);
  const at = text(e['date_created']);
  if (!eventId || !type || !at || Number.isNaN(Date.parse(at))) throw new MalformedLobEventError('an event needs id, event_type.id and date_created');
  const mapped = LETTER_EVENTS[type];
  if (!mapped) return { kind: 'ignored', eventId, type };
  if (!letterId) throw new MalformedLobEventError(`a ${type} event needs the letter's id`);
  const metadata = (resource['metadata'] ?? {}) as Record<string, unknown>;
  return {
    kind: 'delivery',
    event: {
      provider: 'lob',
      externalId: letterId,
      deliveryKey: text(metadata[DELIVERY_KEY_METADATA]) ?? null,
      status: mapped.status,
      permanent: mapped.permanent,
      errorCode: type === 'letter.returned_to_sender' || mapped.status === 'failed' ? type : null,
      at: new Date(at).toISOString(),
      eventId,
    },
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
