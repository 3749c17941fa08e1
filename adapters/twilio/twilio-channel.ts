// SMS, WhatsApp and voice through the real twilio SDK. Every send carries its deliveryKey twice:
// in the status-callback URL (so callbacks name the delivery) and, for texts, as a reference at
// the end of the body (the one field Twilio's Message resource gives back), so find() can tell
// whether a send whose answer was lost reached Twilio.
import type { ContactChannel, OutboundContact, SendReceipt } from '../channels/contact-channels.js';
import { carriesReference, withReference } from './delivery-reference.js';
import { mapTwilioError } from './twilio-errors.js';
import { createTwilioClient, type TwilioClient, type TwilioClientOptions } from './twilio-client.js';
import { withGatherAction } from './twiml-gather.js';
import { twilioWebhookUrl } from './webhook-urls.js';

export interface TwilioChannelOptions extends TwilioClientOptions {
  fromNumber: string;
  /** `whatsapp:+E164` of the WhatsApp sender */
  whatsappFrom: string;
  publicWebhookBase: string;
  /** how far back find() looks for a lost send (default 24 h): activity retries fall well within it */
  lookBackMs?: number;
}

type TextContact = Extract<OutboundContact, { channel: 'sms' | 'whatsapp' }>;
type VoiceContact = Extract<OutboundContact, { channel: 'voice' }>;

const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

export class TwilioChannel implements ContactChannel {
  readonly channels = ['sms', 'whatsapp', 'voice'] as const;
  private readonly client: TwilioClient;
  private readonly lookBackMs: number;

  constructor(
    private readonly options: TwilioChannelOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.client = createTwilioClient(options);
    this.lookBackMs = options.lookBackMs ?? 24 * 60 * 60_000;
  }

  async send(contact: OutboundContact): Promise<SendReceipt> {
    if (contact.channel === 'email') throw new Error('Twilio does not send email: route email to SendGrid');
    return contact.channel === 'voice' ? this.call(contact) : this.text(contact);
  }

  async find(contact: OutboundContact): Promise<SendReceipt | null> {
    if (contact.channel === 'email') return null;
    return contact.channel === 'voice' ? this.findCall(contact) : this.findText(contact);
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

  private async findText(contact: TextContact): Promise<SendReceipt | null> {
    const whatsapp = contact.channel === 'whatsapp';
    const since = this.now() - this.lookBackMs;
    try {
      // Newest first; a queued message has no date_sent yet, so the window is applied to date_created here.
      const messages = await this.client.messages.list({ to: whatsapp ? `whatsapp:${bare(contact.to)}` : contact.to, pageSize: 100, limit: 500 });
      const ours = messages.find((m) => m.dateCreated.getTime() >= since && carriesReference(m.body, contact.deliveryKey));
      return ours ? receipt(ours.sid, ours.dateCreated) : null;
    } catch (error) {
      throw mapTwilioError(error, `the look-up of messages for ${contact.deliveryKey}`);
    }
  }

  /**
   * Twilio's Call resource echoes neither the TwiML nor the callback URL, so a call is known only
   * by its number and time: a call from us to that number within the window is ours when it is
   * the only one. Two or more cannot be told apart: that is an error, never a guess and never a
   * second call (the gate spaces calls to a number by hours, so this does not happen in practice).
   */
  private async findCall(contact: VoiceContact): Promise<SendReceipt | null> {
    const since = this.now() - this.lookBackMs;
    let calls;
    try {
      // A queued call has no start time yet, so the window is applied to date_created here.
      calls = await this.client.calls.list({ to: contact.to, from: this.options.fromNumber, pageSize: 50, limit: 50 });
    } catch (error) {
      throw mapTwilioError(error, `the look-up of calls for ${contact.deliveryKey}`);
    }
    const recent = calls.filter((c) => c.dateCreated.getTime() >= since);
    if (recent.length > 1) throw new Error(`${recent.length} calls to the number of ${contact.deliveryKey} since ${new Date(since).toISOString()}: cannot tell which one was delivery ${contact.deliveryKey}`);
    return recent[0] ? receipt(recent[0].sid, recent[0].dateCreated) : null;
  }
}

function bare(to: string): string {
  return to.replace(/^whatsapp:/, '');
}

function receipt(sid: string, created: Date | null | undefined): SendReceipt {
  const at = created && !Number.isNaN(created.getTime()) ? created : new Date();
  return { provider: 'twilio', externalId: sid, at: at.toISOString() };
}
