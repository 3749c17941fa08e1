// The composition the worker uses: which provider carries each channel (Twilio for sms, whatsapp
// and voice; SendGrid for email; Lob for letters), decided here and nowhere else. The circuit
// breaker per provider lives in the dispatch (activities/recovery-contact/contact-dispatcher.ts),
// which knows to take the policy's fallback channel when one is open: one breaker, in one place.
import type { CredenceConfig } from '../../apps/shared/config.js';
import type { Channel } from '../../policies/compliance/rules.js';
import { LobChannel } from '../lob/lob-channel.js';
import { SendGridChannel } from '../sendgrid/sendgrid-channel.js';
import { TwilioChannel } from '../twilio/twilio-channel.js';
import { ChannelRouter } from './channel-router.js';
import type { ContactChannel } from './contact-channels.js';

type ProviderConfig = Pick<CredenceConfig, 'twilio' | 'sendgrid' | 'lob'>;

function providers(config: ProviderConfig): ContactChannel[] {
  return [new TwilioChannel(config.twilio), new SendGridChannel(config.sendgrid), new LobChannel(config.lob)];
}

/** Each channel's provider port; one port per provider, so a breaker keyed by port is per provider. */
export function providersByChannel(config: ProviderConfig): Partial<Record<Channel, ContactChannel>> {
  const byChannel: Partial<Record<Channel, ContactChannel>> = {};
  for (const provider of providers(config)) for (const channel of provider.channels) byChannel[channel] = provider;
  return byChannel;
}

/** One port over every provider (tests and the send bench). */
export function createContactChannels(config: ProviderConfig): ContactChannel {
  return new ChannelRouter(providers(config));
}
