// SMS, WhatsApp and voice through the real twilio SDK. Every send carries its deliveryKey twice:
// in the status-callback URL (so callbacks name the delivery; a call's Gather action too) and, for
// texts, as a reference at the end of the body (the one field Twilio's Message resource gives
// back), so find() can tell whether a send whose answer was lost reached Twilio. find() looks only
// at sends created since the delivery was claimed for sending (nothing of it can have reached
// Twilio before), from our number to the borrower's.
import { SendNotYetKnown, type ContactChannel, type OutboundContact, type SendReceipt } from '../channels/contact-channels.js';
import { carriesReference, withReference } from './delivery-reference.js';
import { mapTwilioError } from './twilio-errors.js';
import { createTwilioClient, type TwilioClient, type TwilioClientOptions } from './twilio-client.js';
import { withGatherAction } from './twiml-gather.js';
import { deliveryKeyInWebhookUrl, twilioWebhookUrl } from './webhook-urls.js';

export interface TwilioChannelOptions extends TwilioClientOptions {
  fromNumber: string;
  /** `whatsapp:+E164` of the WhatsApp sender */
  whatsappFrom: string;
  publicWebhookBase: string;
  /**
   * How far Twilio's clock may run behind ours (default 10 s): find() looks from the claim less
   * this, its date_created having whole seconds only.
   */
  clockSkewMs?: number;
  /** How long after a call ends Twilio shows its Events (default 15 minutes, as Twilio documents). */
  callEventsLagMs?: number | undefined;
}

export const DEFAULT_CALL_EVENTS_LAG_MS = 15 * 60_000;

type TextContact = Extract<OutboundContact, { channel: 'sms' | 'whatsapp' }>;
type VoiceContact = Extract<OutboundContact, { channel: 'voice' }>;

const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];
/** A call in one of these has ended: its end is when its Events start to count down to being readable. */
const CALL_ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
/** Calls to one number from ours since a claim: more than this and find() cannot see them all, so it answers nothing for sure. */
const CALLS_LOOKED_AT = 50;

export class TwilioChannel implements ContactChannel {
  readonly channels = ['sms', 'whatsapp', 'voice'] as const;
  private readonly client: TwilioClient;
  private readonly clockSkewMs: number;
  private readonly callEventsLagMs: number;

  constructor(
    private readonly options: TwilioChannelOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.client = createTwilioClient(options);
    this.clockSkewMs = options.clockSkewMs ?? 10_000;
    this.callEventsLagMs = options.callEventsLagMs ?? DEFAULT_CALL_EVENTS_LAG_MS;
  }

  async send(contact: OutboundContact): Promise<SendReceipt> {
    if (contact.channel === 'email' || contact.channel === 'letter') throw new Error(`Twilio does not send ${contact.channel === 'email' ? 'email: route email to SendGrid' : 'letters: route letters to Lob'}`);
    return contact.channel === 'voice' ? this.call(contact) : this.text(contact);
  }

  async find(contact: OutboundContact, claimedAt: string): Promise<SendReceipt | null> {
    if (contact.channel === 'email' || contact.channel === 'letter') return null;
    const since = Math.floor(Date.parse(claimedAt) / 1000) * 1000 - this.clockSkewMs;
    return contact.channel === 'voice' ? this.findCall(contact, since) : this.findText(contact, since);
  }

  private async text(contact: TextContact): Promise<SendReceipt> {
    const whatsapp = contact.channel === 'whatsapp';
    try {
      const message = await this.client.messages.create({
        to: whatsapp ? `whatsapp:${bare(contact.to)}` : contact.to,
        from: whatsapp ? this.options.whatsappFrom : this.options.fromNumber,
        body: withReference(contact.body, contact.deliveryKey),
        statusCallback: twilioWebhookUrl(this.options.publicWebhookBase, 'status', contact.deliveryKey),
      });
      return receipt(message.sid, message.dateCreated);
    } catch (error) {
      throw mapTwilioError(error, `the ${contact.channel} ${contact.deliveryKey}`);
    }
  }

  private async call(contact: VoiceContact): Promise<SendReceipt> {
    try {
      const call = await this.client.calls.create({
        to: contact.to,
        from: this.options.fromNumber,
        twiml: withGatherAction(contact.twiml, twilioWebhookUrl(this.options.publicWebhookBase, 'gather', contact.deliveryKey)),
        statusCallback: twilioWebhookUrl(this.options.publicWebhookBase, 'status', contact.deliveryKey),
        statusCallbackEvent: CALL_EVENTS,
        statusCallbackMethod: 'POST',
      });
      return receipt(call.sid, call.dateCreated);
    } catch (error) {
      throw mapTwilioError(error, `the call ${contact.deliveryKey}`);
    }
  }

  private async findText(contact: TextContact, since: number): Promise<SendReceipt | null> {
    const whatsapp = contact.channel === 'whatsapp';
    try {
      // Newest first; a queued message has no date_sent yet, so the bound is applied to date_created here.
      const messages = await this.client.messages.list({ to: whatsapp ? `whatsapp:${bare(contact.to)}` : contact.to, from: whatsapp ? this.options.whatsappFrom : this.options.fromNumber, pageSize: 100, limit: 500 });
      const ours = messages.find((m) => m.dateCreated.getTime() >= since && carriesReference(m.body, contact.deliveryKey));
      return ours ? receipt(ours.sid, ours.dateCreated) : null;
    } catch (error) {
      throw mapTwilioError(error, `the look-up of messages for ${contact.deliveryKey}`);
    }
  }

  /**
   * Twilio's Call resource echoes nothing we set (neither the TwiML nor the callback URL), so a call
   * is looked for by what it does show (to the borrower's number, from ours, created since the
   * delivery was claimed) and told apart by Twilio's record of the requests it made for it (its
   * Events): our status callbacks and Gather action name the delivery in their URL, and every call
   * of ours makes at least its terminal status callback. A call whose Events name our delivery is
   * ours; one whose Events name another, or none at all once they are readable, is not. Twilio shows
   * a call's Events only some minutes after it ends; while any call since the claim cannot be told
   * yet, find() says so (SendNotYetKnown, until its Events are due) and never guesses: a lone call
   * could be another delivery's to the same number (another loan of the borrower's), and taking it
   * for ours would record a call that was never made.
   */
  private async findCall(contact: VoiceContact, since: number): Promise<SendReceipt | null> {
    let calls;
    try {
      // Newest first; a queued call has no start time yet, so the bound is applied to date_created here.
      calls = await this.client.calls.list({ to: contact.to, from: this.options.fromNumber, pageSize: CALLS_LOOKED_AT, limit: CALLS_LOOKED_AT });
    } catch (error) {
      throw mapTwilioError(error, `the look-up of calls for ${contact.deliveryKey}`);
    }
    const candidates = calls.filter((c) => c.dateCreated.getTime() >= since);
    if (candidates.length === CALLS_LOOKED_AT) throw new Error(`${CALLS_LOOKED_AT} or more calls to the number of ${contact.deliveryKey} since ${new Date(since).toISOString()}: cannot look at them all`);
    const named = await Promise.all(candidates.map(async (call) => ({ call, named: await this.deliveryOfCall(call.sid, contact.deliveryKey) })));
    // Oldest first: a call naming the delivery twice over is the first one that left.
    const ours = named.filter((n) => n.named === contact.deliveryKey).at(-1);
    if (ours) return receipt(ours.call.sid, ours.call.dateCreated);
    const now = this.now();
    const untold = named
      .filter((n) => n.named === null)
      .map((n) => {
        const ended = CALL_ENDED.has(n.call.status) ? (n.call.endTime ?? n.call.dateUpdated) : null;
        // A call still going cannot show its Events before the lag has run from now; Twilio's times
        // have whole seconds, so one that ended may have ended up to a second after it says.
        return (ended && !Number.isNaN(ended.getTime()) ? ended.getTime() + 1000 : now) + this.callEventsLagMs + this.clockSkewMs;
      })
      .filter((readableAt) => readableAt > now);
    if (untold.length > 0) {
      const askAgainAt = Math.min(...untold);
      throw new SendNotYetKnown(`${untold.length} call(s) to the number of ${contact.deliveryKey} since ${new Date(since).toISOString()} show no Events yet: Twilio cannot say whose they are before ${new Date(askAgainAt).toISOString()}`, askAgainAt);
    }
    return null;
  }

  /**
   * The delivery the call's recorded requests name (our callback URLs carry it); '' when it made
   * requests that name none (not a call of ours); null while Twilio shows no requests for it.
   */
  private async deliveryOfCall(callSid: string, lookingFor: string): Promise<string | null> {
    let events;
    try {
      events = await this.client.calls(callSid).events.list({ pageSize: 50, limit: 50 });
    } catch (error) {
      throw mapTwilioError(error, `the look-up of the events of call ${callSid} for ${lookingFor}`);
    }
    for (const e of events) {
      const url = (e.request as { url?: unknown } | null)?.url;
      const key = typeof url === 'string' ? deliveryKeyInWebhookUrl(this.options.publicWebhookBase, url) : null;
      if (key !== null) return key;
    }
    return events.length > 0 ? '' : null;
  }
}

function bare(to: string): string {
  return to.replace(/^whatsapp:/, '');
}

function receipt(sid: string, created: Date | null | undefined): SendReceipt {
  const at = created && !Number.isNaN(created.getTime()) ? created : new Date();
  return { provider: 'twilio', externalId: sid, at: at.toISOString() };
}
