// One ContactChannel over several providers: each contact goes to the provider configured for its
// channel (Twilio for sms, whatsapp and voice; SendGrid for email; Lob for letters), so callers need not know who
// carries what.
import type { Channel } from '../../policies/compliance/rules.js';
import type { ContactChannel, OutboundContact, SendReceipt } from './contact-channels.js';

export class ChannelRouter implements ContactChannel {
  readonly channels: readonly Channel[];
  private readonly byChannel = new Map<Channel, ContactChannel>();

  constructor(providers: readonly ContactChannel[]) {
    for (const provider of providers) {
      for (const channel of provider.channels) {
        if (this.byChannel.has(channel)) throw new Error(`two providers carry ${channel}`);
        this.byChannel.set(channel, provider);
      }
    }
    this.channels = [...this.byChannel.keys()];
  }

  send(contact: OutboundContact): Promise<SendReceipt> {
    return this.providerFor(contact).send(contact);
  }

  find(contact: OutboundContact, claimedAt: string): Promise<SendReceipt | null> {
    return this.providerFor(contact).find(contact, claimedAt);
  }

  private providerFor(contact: OutboundContact): ContactChannel {
    const provider = this.byChannel.get(contact.channel);
    if (!provider) throw new Error(`no provider is configured for ${contact.channel}`);
    return provider;
  }
}
