// What the Twilio and SendGrid sandboxes hold of the sends to one borrower, read back as a client
// of each would (Twilio's Messages and Calls with each call's Events; SendGrid's sent mail), each
// with the delivery keys it carries: a text by the reference its body ends with, a call by the
// delivery its recorded callbacks name, an email by its custom argument. Tests count sends by these,
// the providers' own records, not by what Credence recorded.
import { expect } from '@jest/globals';
import { DELIVERY_KEY_ARG } from '../../adapters/sendgrid/sendgrid-channel.js';
import { carriesReference } from '../../adapters/twilio/delivery-reference.js';
import { deliveryKeyInWebhookUrl } from '../../adapters/twilio/webhook-urls.js';
import type { ApiHarness } from './api-harness.js';
import { twilioMessagesTo } from './recovery-cases.js';

export interface ProviderRecord {
  /** the provider's ID: a Message or Call SID, an X-Message-Id */
  id: string;
  carries(deliveryKey: string): boolean;
  /** false while what tells its keys cannot be read yet: a call's Events, shown once it has ended */
  complete: boolean;
}

export type RecordedChannel = 'sms' | 'voice' | 'email';

/** Newest first. `to`: the borrower's number (sms, voice) or email address. */
export async function providerRecords(h: ApiHarness, channel: RecordedChannel, to: string): Promise<ProviderRecord[]> {
  if (channel === 'sms') return (await twilioMessagesTo(h, to)).map((m) => ({ id: m.sid, carries: (key) => carriesReference(m.body, key), complete: true }));
  if (channel === 'voice') return twilioCallsTo(h, to);
  return sendgridMailsTo(h, to);
}

async function twilioCallsTo(h: ApiHarness, to: string): Promise<ProviderRecord[]> {
  const { twilio } = h.t.config;
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/${path}`, { headers: { authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const { calls } = await get<{ calls: { sid: string }[] }>(`Calls.json?To=${encodeURIComponent(to)}`);
  return Promise.all(
    calls.map(async ({ sid }) => {
      const { events } = await get<{ events: { request: { url: string } | null }[] }>(`Calls/${sid}/Events.json`);
      const named = new Set(events.map((e) => (e.request ? deliveryKeyInWebhookUrl(twilio.publicWebhookBase, e.request.url) : null)));
      return { id: sid, carries: (key: string) => named.has(key), complete: events.length > 0 };
    }),
  );
}

async function sendgridMailsTo(h: ApiHarness, to: string): Promise<ProviderRecord[]> {
  const res = await fetch(`${h.t.config.sendgrid.url}/_sandbox/activity`);
  expect(res.status).toBe(200);
  const { mails } = (await res.json()) as { mails: { msgId: string; to: string; customArgs: Record<string, string> }[] };
  return mails
    .filter((m) => m.to.toLowerCase() === to.toLowerCase())
    .reverse()
    .map((m) => ({ id: m.msgId, carries: (key) => m.customArgs[DELIVERY_KEY_ARG] === key, complete: true }));
}

/** The records once each is complete (a call has ended and shows its Events): a few seconds at most in the sandboxes. */
export async function completeProviderRecords(h: ApiHarness, channel: RecordedChannel, to: string, ms = 10_000): Promise<ProviderRecord[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const records = await providerRecords(h, channel, to);
    if (records.every((r) => r.complete)) return records;
    if (Date.now() > deadline) throw new Error(`the ${channel} records for ${to} were not complete within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
