// The composition the worker uses: the configured providers behind their breakers, routed by
// channel. Which provider carries a channel is decided here and nowhere else.
import type { CredenceConfig } from '../../apps/shared/config.js';
import { SendGridChannel } from '../sendgrid/sendgrid-channel.js';
import { TwilioChannel } from '../twilio/twilio-channel.js';
import { ChannelRouter } from './channel-router.js';
import type { ContactChannel } from './contact-channels.js';
import { GuardedChannel } from './guarded-channel.js';

export function createContactChannels(config: Pick<CredenceConfig, 'twilio' | 'sendgrid'>): ContactChannel {
  return new ChannelRouter([
    new GuardedChannel(new TwilioChannel(config.twilio), 'twilio'),
    new GuardedChannel(new SendGridChannel(config.sendgrid), 'sendgrid'),
  ]);
}
