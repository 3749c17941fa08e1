// The port every outbound borrower contact leaves through, and the events that come back. One
// implementation per provider lives beside this file (twilio/, sendgrid/, lob/); nothing outside
// adapters/ imports a provider SDK. Callers (the dispatch activity) pass a deliveryKey derived from
// the workflow: the adapter carries it to the provider (status-callback URL, custom args) so an
// ambiguous send can be found again instead of sent twice.
import type { Address } from '../../domain/application.js';
import type { Channel } from '../../policies/compliance/rules.js';

/** Whom a letter is addressed to: the name and postal address on the contact profile. */
export interface LetterRecipient {
  name: string;
  address: Address;
}

export type OutboundContact =
  | { channel: 'sms' | 'whatsapp'; to: string; body: string; deliveryKey: string }
  | { channel: 'voice'; to: string; /** TwiML the call plays (a Gather for key presses) */ twiml: string; deliveryKey: string }
  | { channel: 'email'; to: string; subject: string; text: string; html?: string; deliveryKey: string; /** one-click unsubscribe (RFC 8058) */ unsubscribeUrl: string }
  | { channel: 'letter'; to: LetterRecipient; /** the letter as an HTML document, printed as it is */ html: string; deliveryKey: string; /** what the letter is (the template key), for the provider's records */ description: string };

export type Provider = 'twilio' | 'sendgrid' | 'lob';

export interface SendReceipt {
  provider: Provider;
  /** the provider's ID: a Twilio Message or Call SID, a SendGrid X-Message-Id, a Lob letter ID */
  externalId: string;
  /** ISO instant the provider accepted it */
  at: string;
}

/** The provider refused the contact itself (invalid or unreachable number, address suppressed): retrying will not help. */
export class ContactRefused extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ContactRefused';
  }
}

/**
 * The provider cannot say yet whether an earlier send reached it: its records of recent sends lag
 * (SendGrid's Email Activity, Twilio's Call Events), so "not found" would not mean "not sent".
 * Neither a second send nor a fallback is safe until it can: ask again at `askAgainAt` (epoch ms).
 * The provider answered, so this is no fault of its own (no circuit breaker counts it).
 */
export class SendNotYetKnown extends Error {
  constructor(
    message: string,
    readonly askAgainAt: number,
  ) {
    super(message);
    this.name = 'SendNotYetKnown';
  }
}

export interface ContactChannel {
  readonly channels: readonly Channel[];
  send(contact: OutboundContact): Promise<SendReceipt>;
  /**
   * The provider's record of an earlier send under this deliveryKey, if it has one (reconciles a
   * send whose answer was lost). `claimedAt` (ISO) is when the delivery was last claimed for
   * sending (its first send, or a resend once the provider had shown no earlier one): nothing of it
   * can have reached the provider before, so nothing older is looked at. null means it did not
   * reach the provider; a provider whose records lag throws SendNotYetKnown until they can say so.
   */
  find(contact: OutboundContact, claimedAt: string): Promise<SendReceipt | null>;
}

/** Our own delivery statuses, onto which each provider's webhook vocabulary is mapped (`in_transit`: a letter in the post after it was mailed). */
export const DELIVERY_STATUSES = ['queued', 'sent', 'in_transit', 'delivered', 'failed', 'bounced', 'opened', 'clicked', 'answered', 'no_answer', 'busy', 'completed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A verified status callback. */
export interface DeliveryEvent {
  provider: Provider;
  externalId: string;
  /** present when the provider echoed it back (custom args, callback URL) */
  deliveryKey: string | null;
  status: DeliveryStatus;
  /** terminal failures: bounce, unknown number, carrier violation, a letter returned to sender */
  permanent: boolean;
  errorCode: string | null;
  at: string;
  /** the provider's event ID, to drop a replayed callback */
  eventId: string;
}

/** A verified inbound message (SMS, WhatsApp) or email unsubscribe/spam report. */
export interface InboundContact {
  provider: 'twilio' | 'sendgrid';
  channel: Channel;
  /** E.164 number or email address of the borrower */
  from: string;
  /** the text they sent; for an email unsubscribe, 'STOP' */
  body: string;
  externalId: string;
  receivedAt: string;
}

/** A key pressed during an IVR call (Twilio Gather). */
export interface KeyPress {
  provider: 'twilio';
  callExternalId: string;
  deliveryKey: string | null;
  from: string;
  digits: string;
  receivedAt: string;
}

/** Where verified provider callbacks go (implemented by the recovery inbox: record, then tell the workflow). */
export interface ContactEvents {
  delivery(event: DeliveryEvent): Promise<void>;
  inbound(message: InboundContact): Promise<void>;
  keyPress(press: KeyPress): Promise<void>;
}
