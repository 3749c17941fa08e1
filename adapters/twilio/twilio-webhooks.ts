// Twilio's callbacks to the API: status callbacks for messages and calls, inbound texts, and the
// keys pressed at a Gather. The signature (X-Twilio-Signature) is checked with the SDK's own
// validateRequest over the form parameters and the full URL as Twilio saw it (the public base is
// configuration: behind a proxy the API's own idea of its URL is not what Twilio signed). Only a
// verified request is parsed; parsing maps Twilio's vocabulary onto the port's events.
import twilio from 'twilio';
import type { DeliveryEvent, DeliveryStatus, InboundContact, KeyPress } from '../channels/contact-channels.js';

export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
export const TWILIO_IDEMPOTENCY_HEADER = 'i-twilio-idempotency-token';

export class MalformedTwilioCallbackError extends Error {
  override readonly name = 'MalformedTwilioCallbackError';
}

export interface TwilioCallback {
  /** the URL Twilio posted to, as Twilio saw it: publicWebhookBase + path + query */
  url: string;
  params: Record<string, string>;
  signature: string | undefined;
  /** I-Twilio-Idempotency-Token: the same on every retry of one callback */
  idempotencyToken: string | undefined;
  receivedAt: string;
}

export function verifyTwilioSignature(authToken: string, callback: Pick<TwilioCallback, 'url' | 'params' | 'signature'>): boolean {
  if (!callback.signature) return false;
  return twilio.validateRequest(authToken, callback.signature, callback.url, callback.params);
}

const MESSAGE_STATUSES: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'opened',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const CALL_STATUSES: Record<string, DeliveryStatus> = {
  queued: 'queued',
  initiated: 'queued',
  ringing: 'sent',
  'in-progress': 'answered',
  answered: 'answered',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * Error codes that say the number itself will not take the message (unknown or landline number,
 * blocked, carrier violation, opted out at the carrier, not a WhatsApp user): not worth retrying
 * on this channel. Others (30003 handset unreachable, 30008 unknown, 63016 outside the WhatsApp
 * session window) may succeed later.
 */
const PERMANENT_ERROR_CODES = new Set(['21211', '21214', '21408', '21610', '21612', '21614', '30004', '30005', '30006', '30007', '63003', '13224']);

export function parseStatusCallback(callback: TwilioCallback): DeliveryEvent {
  const { params } = callback;
  const call = params['CallSid'] !== undefined && params['CallStatus'] !== undefined;
  const sid = call ? params['CallSid'] : (params['MessageSid'] ?? params['SmsSid']);
  const raw = call ? params['CallStatus'] : (params['MessageStatus'] ?? params['SmsStatus']);
  if (!sid || !raw) throw new MalformedTwilioCallbackError('a status callback names a MessageSid and MessageStatus, or a CallSid and CallStatus');
  const status = (call ? CALL_STATUSES : MESSAGE_STATUSES)[raw];
  if (!status) throw new MalformedTwilioCallbackError(`unknown ${call ? 'CallStatus' : 'MessageStatus'} ${JSON.stringify(raw)}`);
  const errorCode = params['ErrorCode'] || null;
  const failedCall = call && raw === 'failed';
  return {
    provider: 'twilio',
    externalId: sid,
    deliveryKey: new URL(callback.url).searchParams.get('d'),
    status,
    permanent: status === 'failed' && (failedCall || (errorCode !== null && PERMANENT_ERROR_CODES.has(errorCode))),
    errorCode,
    at: instantOf(params['Timestamp']) ?? callback.receivedAt,
    // A retried callback carries the same token; without one, a SID has each status once.
    eventId: callback.idempotencyToken ?? `${sid}:${raw}`,
  };
}

export function parseInboundMessage(callback: TwilioCallback): InboundContact & { eventId: string } {
  const { params } = callback;
  const sid = params['MessageSid'] ?? params['SmsMessageSid'];
  const from = params['From'];
  if (!sid || !from) throw new MalformedTwilioCallbackError('an inbound message names its MessageSid and From');
  const whatsapp = from.startsWith('whatsapp:');
  return {
    provider: 'twilio',
    channel: whatsapp ? 'whatsapp' : 'sms',
    from: whatsapp ? from.slice('whatsapp:'.length) : from,
    body: params['Body'] ?? '',
    externalId: sid,
    receivedAt: callback.receivedAt,
    eventId: callback.idempotencyToken ?? sid,
  };
}

export function parseGather(callback: TwilioCallback): KeyPress & { eventId: string } {
  const { params } = callback;
  const sid = params['CallSid'];
  const digits = params['Digits'];
  if (!sid || digits === undefined) throw new MalformedTwilioCallbackError('a Gather result names its CallSid and Digits');
  // On a call we placed the borrower is the one we called.
  const outbound = (params['Direction'] ?? 'outbound-api').startsWith('outbound');
  return {
    provider: 'twilio',
    callExternalId: sid,
    deliveryKey: new URL(callback.url).searchParams.get('d'),
    from: (outbound ? params['To'] : params['From']) ?? '',
    digits,
    receivedAt: callback.receivedAt,
    eventId: callback.idempotencyToken ?? `${sid}:gather:${digits}`,
  };
}

/** Twilio's Timestamp parameter is an RFC 2822 date ("Mon, 16 Aug 2010 03:45:01 +0000"). */
function instantOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
