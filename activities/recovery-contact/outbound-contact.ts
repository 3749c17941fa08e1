// The contact as the channel port takes it, built from the rendered message and the profile's
// address, and the links a message carries back to us (one-click unsubscribe, the IVR's gather).
import type { OutboundContact } from '../../adapters/channels/contact-channels.js';
import type { Channel } from '../../policies/compliance/rules.js';

export interface ContactLinks {
  /** where borrowers pay and read notices */
  publicBaseUrl: string;
  /** where Twilio posts the key pressed (the API's voice webhook); `?d=<deliveryKey>` is added (as the Twilio adapter reads it back) */
  voiceGatherUrl?: string;
  /** the one-click unsubscribe endpoint; `/<deliveryKey>` is added */
  unsubscribeUrl?: string;
}

export function gatherUrl(links: ContactLinks, deliveryKey: string): string {
  const base = links.voiceGatherUrl ?? `${links.publicBaseUrl}/v1/webhooks/twilio/voice/gather`;
  return `${base}${base.includes('?') ? '&' : '?'}d=${encodeURIComponent(deliveryKey)}`;
}

export function unsubscribeUrl(links: ContactLinks, deliveryKey: string): string {
  return `${links.unsubscribeUrl ?? `${links.publicBaseUrl}/unsubscribe`}/${encodeURIComponent(deliveryKey)}`;
}

/** The profile's address for a channel: the phone for texts and calls, the email for email. */
export function addressFor(channel: Channel, profile: { phone: string | null; email: string | null }): string | null {
  return channel === 'email' ? profile.email : profile.phone;
}

export function outboundContact(channel: Channel, to: string, deliveryKey: string, message: { subject: string | null; text: string; twiml: string | null }, links: ContactLinks): OutboundContact {
  if (channel === 'voice') return { channel, to, twiml: message.twiml ?? '', deliveryKey };
  if (channel === 'email') return { channel, to, subject: message.subject ?? '', text: message.text, deliveryKey, unsubscribeUrl: unsubscribeUrl(links, deliveryKey) };
  return { channel, to, body: message.text, deliveryKey };
}
