// The contact as the channel port takes it, built from the rendered message and the profile's
// address, and the links a message carries back to us (one-click unsubscribe, the IVR's gather).
import type { LetterRecipient, OutboundContact } from '../../adapters/channels/contact-channels.js';
import type { Address } from '../../domain/application.js';
import type { Channel } from '../../policies/compliance/rules.js';

export interface ContactLinks {
  /** where borrowers pay and read notices */
  publicBaseUrl: string;
  /** where Twilio posts the key pressed (the API's voice webhook); `?d=<deliveryKey>` is added (as the Twilio adapter reads it back) */
  voiceGatherUrl?: string;
  /** the one-click unsubscribe endpoint; `/<deliveryKey>` is added */
  unsubscribeUrl?: string;
}

/** Where a contact on a channel goes: a phone number, an email address, or a name at a postal address. */
export type ContactAddress = string | LetterRecipient;

export function gatherUrl(links: ContactLinks, deliveryKey: string): string {
  const base = links.voiceGatherUrl ?? `${links.publicBaseUrl}/v1/webhooks/twilio/voice/gather`;
  return `${base}${base.includes('?') ? '&' : '?'}d=${encodeURIComponent(deliveryKey)}`;
}

export function unsubscribeUrl(links: ContactLinks, deliveryKey: string): string {
  return `${links.unsubscribeUrl ?? `${links.publicBaseUrl}/unsubscribe`}/${encodeURIComponent(deliveryKey)}`;
}

/** The profile's address for a channel: the phone for texts and calls, the email for email, the name and postal address for a letter. */
export function addressFor(channel: Channel, profile: { name: string; phone: string | null; email: string | null; postalAddress: Address | null }): ContactAddress | null {
  if (channel === 'letter') return profile.postalAddress ? { name: profile.name, address: profile.postalAddress } : null;
  return channel === 'email' ? profile.email : profile.phone;
}

/** What the dispatcher says is missing when a channel has no address on the profile. */
export function missingAddress(channel: Channel): string {
  return channel === 'email' ? 'no email address on record' : channel === 'letter' ? 'no postal address on record' : 'no phone number on record';
}

export function outboundContact(
  channel: Channel,
  to: ContactAddress,
  deliveryKey: string,
  message: { subject: string | null; text: string; twiml: string | null; html?: string | null },
  links: ContactLinks,
  template: string,
): OutboundContact {
  if (channel === 'letter') {
    if (typeof to === 'string') throw new Error('a letter goes to a name at a postal address');
    return { channel, to, html: message.html ?? '', deliveryKey, description: template };
  }
  if (typeof to !== 'string') throw new Error(`a ${channel} contact goes to a number or an email address`);
  if (channel === 'voice') return { channel, to, twiml: message.twiml ?? '', deliveryKey };
  if (channel === 'email') return { channel, to, subject: message.subject ?? '', text: message.text, deliveryKey, unsubscribeUrl: unsubscribeUrl(links, deliveryKey) };
  return { channel, to, body: message.text, deliveryKey };
}
