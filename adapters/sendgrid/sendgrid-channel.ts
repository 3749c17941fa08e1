// Email through the real @sendgrid/mail. The deliveryKey travels as a custom arg, which SendGrid
// echoes in every event and lets the Email Activity API search on: callbacks name the delivery,
// and find() can tell whether a send whose answer was lost was accepted. That search lags (an
// email shows there minutes after SendGrid took it), so find() trusts "not found" only once the
// lag has passed since the email could last have been taken; before, it says it cannot tell yet.
// Every message carries a one-click unsubscribe (RFC 8058: List-Unsubscribe with List-Unsubscribe-Post).
import { SendNotYetKnown, type ContactChannel, type OutboundContact, type SendReceipt } from '../channels/contact-channels.js';
import { createSendGridClients, type SendGridClientOptions, type SendGridClients } from './sendgrid-client.js';
import { mapSendGridError } from './sendgrid-errors.js';

export const DELIVERY_KEY_ARG = 'delivery_key';

export interface SendGridChannelOptions extends SendGridClientOptions {
  from: string;
  /** how far SendGrid's clock may run behind ours (default 10 s): find() looks from the claim less this */
  clockSkewMs?: number;
  /**
   * How long after SendGrid takes an email its Email Activity search may still not show it
   * (default 10 minutes; SendGrid promises no bound). Until then find() does not answer "not sent".
   */
  activityLagMs?: number | undefined;
}

export const DEFAULT_ACTIVITY_LAG_MS = 600_000;
/** The Email Activity API takes 6 requests a minute: a look-up that cannot tell yet is not repeated sooner than this. */
const MIN_ASK_AGAIN_MS = 10_000;

type EmailContact = Extract<OutboundContact, { channel: 'email' }>;

interface ActivityMessage {
  msg_id: string;
  to_email: string;
  last_event_time?: string;
}

export class SendGridChannel implements ContactChannel {
  readonly channels = ['email'] as const;
  private readonly clients: SendGridClients;
  private readonly clockSkewMs: number;
  private readonly activityLagMs: number;

  constructor(
    private readonly options: SendGridChannelOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.clients = createSendGridClients(options);
    this.clockSkewMs = options.clockSkewMs ?? 10_000;
    this.activityLagMs = options.activityLagMs ?? DEFAULT_ACTIVITY_LAG_MS;
  }

  async send(contact: OutboundContact): Promise<SendReceipt> {
    const email = asEmail(contact);
    let response;
    try {
      [response] = await this.clients.mail.send({
        to: email.to,
        from: this.options.from,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
        customArgs: { [DELIVERY_KEY_ARG]: email.deliveryKey },
        headers: { 'List-Unsubscribe': `<${email.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    } catch (error) {
      throw mapSendGridError(error, `the email ${email.deliveryKey}`);
    }
    const messageId = headerOf(response.headers as Record<string, unknown>, 'x-message-id');
    // 202 without an ID would leave nothing to match callbacks to: treat it as not knowing the outcome.
    if (!messageId) throw new Error(`SendGrid accepted the email ${email.deliveryKey} (${response.statusCode}) without an X-Message-Id`);
    return { provider: 'sendgrid', externalId: messageId, at: new Date(this.now()).toISOString() };
  }

  /**
   * The Email Activity API, searched on our custom arg (and the recipient), for events since the
   * delivery was claimed. Not found means not sent only once the search has caught up: the email
   * could have reached SendGrid until its request timed out, and shows up to the lag after that.
   * Before then it throws SendNotYetKnown, asking again halfway through the lag (or when it ends).
   */
  async find(contact: OutboundContact, claimedAt: string): Promise<SendReceipt | null> {
    const email = asEmail(contact);
    const claimed = Date.parse(claimedAt);
    const from = new Date(claimed - this.clockSkewMs).toISOString();
    const to = new Date(this.now() + 60_000).toISOString();
    const query = `(unique_args['${DELIVERY_KEY_ARG}']=${quoted(email.deliveryKey)}) AND (to_email=${quoted(email.to)}) AND (last_event_time BETWEEN TIMESTAMP "${from}" AND TIMESTAMP "${to}")`;
    let body: { messages?: ActivityMessage[] };
    try {
      [, body] = (await this.clients.client.request({ method: 'GET', url: '/v3/messages', qs: { query, limit: 10 } })) as [unknown, { messages?: ActivityMessage[] }];
    } catch (error) {
      throw mapSendGridError(error, `the activity look-up for ${email.to}`);
    }
    const found = body.messages?.[0];
    if (found) return { provider: 'sendgrid', externalId: messageIdOf(found.msg_id), at: found.last_event_time ?? new Date(this.now()).toISOString() };
    const knowableAt = claimed + this.options.timeoutMs + this.activityLagMs;
    const now = this.now();
    if (now < knowableAt) {
      const askAgainAt = Math.min(knowableAt, now + Math.max(MIN_ASK_AGAIN_MS, this.activityLagMs / 2));
      throw new SendNotYetKnown(`SendGrid's Email Activity does not show the email ${email.deliveryKey} yet, and may not until ${new Date(knowableAt).toISOString()}`, askAgainAt);
    }
    return null;
  }
}

/** SendGrid's event and activity IDs are the X-Message-Id followed by `.filter…` routing parts. */
export function messageIdOf(sgMessageId: string): string {
  return sgMessageId.split('.')[0] ?? sgMessageId;
}

function asEmail(contact: OutboundContact): EmailContact {
  if (contact.channel !== 'email') throw new Error(`SendGrid sends email only, not ${contact.channel}: route it to Twilio`);
  return contact;
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
