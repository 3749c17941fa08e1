// SendGrid's signed event webhook: a JSON array of events, signed with ECDSA P-256 over the
// timestamp followed by the raw body (verified with @sendgrid/eventwebhook against the public key
// from SendGrid's settings). A timestamp more than five minutes from now is refused: a captured
// request replayed later fails even with its valid signature. Delivery events become the port's
// DeliveryEvents; unsubscribes and spam reports are the borrower saying stop, so they arrive as
// an inbound 'STOP' on the email channel.
import eventWebhook from '@sendgrid/eventwebhook';
import type { DeliveryEvent, DeliveryStatus, InboundContact } from '../channels/contact-channels.js';
import { DELIVERY_KEY_ARG, messageIdOf } from './sendgrid-channel.js';

export const SENDGRID_SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const SENDGRID_TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';
export const MAX_EVENT_AGE_SECONDS = 5 * 60;

export class MalformedSendGridEventError extends Error {
  override readonly name = 'MalformedSendGridEventError';
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

export function verifySendGridSignature(publicKey: string, rawBody: string, signature: string | undefined, timestamp: string | undefined, nowMs = Date.now()): SignatureCheck {
  if (!signature || !timestamp) return { valid: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { valid: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_EVENT_AGE_SECONDS) return { valid: false, reason: 'stale (more than 5 minutes from now)' };
  const webhook = new eventWebhook.EventWebhook();
  try {
    return webhook.verifySignature(webhook.convertPublicKeyToECDSA(publicKey), rawBody, signature, timestamp) ? { valid: true } : { valid: false, reason: 'wrong' };
  } catch {
    // starkbank-ecdsa throws on a signature that is not DER in base64
    return { valid: false, reason: 'malformed' };
  }
}

const DELIVERY_STATUSES: Record<string, DeliveryStatus> = {
  processed: 'queued',
  deferred: 'queued',
  delivered: 'delivered',
  bounce: 'bounced',
  dropped: 'failed',
  open: 'opened',
  click: 'clicked',
};
const OPT_OUTS = new Set(['unsubscribe', 'group_unsubscribe', 'spamreport']);

export type SendGridEvent = { kind: 'delivery'; event: DeliveryEvent } | { kind: 'inbound'; eventId: string; message: InboundContact } | { kind: 'ignored'; eventId: string; type: string };

/** Parses a verified body. Every event needs sg_event_id, event, email and timestamp. */
export function parseSendGridEvents(rawBody: string): SendGridEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new MalformedSendGridEventError('the body is not JSON');
  }
  if (!Array.isArray(body)) throw new MalformedSendGridEventError('the body is not an array of events');
  return body.map((raw: unknown, i) => parseOne(raw, i));
}

function parseOne(raw: unknown, index: number): SendGridEvent {
  const e = (raw ?? {}) as Record<string, unknown>;
  const eventId = text(e['sg_event_id']);
  const type = text(e['event']);
  const email = text(e['email']);
  const timestamp = e['timestamp'];
  if (!eventId || !type || !email || typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
    throw new MalformedSendGridEventError(`event ${index} needs sg_event_id, event, email and a whole-second timestamp`);
  }
  const at = new Date(timestamp * 1000).toISOString();
  const externalId = messageIdOf(text(e['sg_message_id']) ?? '');
  if (OPT_OUTS.has(type)) {
    return { kind: 'inbound', eventId, message: { provider: 'sendgrid', channel: 'email', from: email, body: 'STOP', externalId: externalId || eventId, receivedAt: at } };
  }
  const status = DELIVERY_STATUSES[type];
  if (!status) return { kind: 'ignored', eventId, type };
  // A 'blocked' bounce is the receiving server refusing for now; a 'bounce' is the address.
  const permanent = type === 'dropped' || (type === 'bounce' && text(e['type']) !== 'blocked');
  const errorCode = type === 'bounce' ? (text(e['status']) ?? null) : type === 'dropped' || type === 'deferred' ? (text(e['reason']) ?? null) : null;
  return {
    kind: 'delivery',
    event: { provider: 'sendgrid', externalId, deliveryKey: text(e[DELIVERY_KEY_ARG]) ?? null, status, permanent, errorCode, at, eventId },
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
