// The sandbox's send holds with the real twilio SDK (through the adapter): a text held at
// `received` whose caller goes away never takes effect; one held at `accepted` exists and lives its
// lifecycle although its caller never hears. The caller here goes away by its own timeout; in
// workflows/recovery/worker-restart-send.test.ts it is a worker killed outright.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { TwilioChannel } from '../../../adapters/twilio/twilio-channel.js';
import { SANDBOX_CREDENTIALS as C } from '../../shared/config.js';
import { startProviderWebhookReceiver, type ProviderWebhookReceiver } from '../provider-webhook-receiver.js';
import type { SendHold } from '../send-holds.js';
import { startTwilioSandbox, type RunningTwilioSandbox } from './twilio-sandbox.js';

let callbacks: ProviderWebhookReceiver;
let twilio: RunningTwilioSandbox;
let channel: TwilioChannel;

beforeAll(async () => {
  callbacks = await startProviderWebhookReceiver();
  twilio = await startTwilioSandbox({ port: 0, accountSid: C.twilioAccountSid, authToken: C.twilioAuthToken, fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, timing: { stepMs: 1, replyDelayMs: 0 } });
  channel = new TwilioChannel({ url: twilio.url, accountSid: C.twilioAccountSid, authToken: C.twilioAuthToken, fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, publicWebhookBase: callbacks.url, timeoutMs: 300 });
});

afterAll(async () => {
  await twilio?.close();
  await callbacks?.close();
});

const hold = (to: string, stage: string) => fetch(`${twilio.url}/_sandbox/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, stage }) });
const holds = async () => ((await (await fetch(`${twilio.url}/_sandbox/holds`)).json()) as { holds: SendHold[] }).holds;
// Each test's delivery was claimed within the last minute (find() looks only at sends since the claim).
const claimedSince = () => new Date(Date.now() - 60_000).toISOString();
const text = (to: string, deliveryKey: string) => channel.send({ channel: 'sms', to, body: 'Your payment is due.', deliveryKey });

it('a text held at received whose caller goes away never takes effect, and the next one to the number is not held', async () => {
  const to = '+919800000301';
  expect((await hold(to, 'received')).status).toBe(201);
  await expect(text(to, 'held-received-1')).rejects.toThrow();
  expect(await holds()).toContainEqual(expect.objectContaining({ to, stage: 'received', state: 'abandoned' }));
  expect(await channel.find({ channel: 'sms', to, body: '', deliveryKey: 'held-received-1' }, claimedSince())).toBeNull();
  const sent = await text(to, 'held-received-2');
  expect(sent.externalId).toMatch(/^SM[0-9a-f]{32}$/);
});

it('a text held at accepted exists although its caller never hears', async () => {
  const to = '+919800000302';
  expect((await hold(to, 'accepted')).status).toBe(201);
  await expect(text(to, 'held-accepted-1')).rejects.toThrow();
  expect(await holds()).toContainEqual(expect.objectContaining({ to, stage: 'accepted', state: 'abandoned' }));
  expect(await channel.find({ channel: 'sms', to, body: '', deliveryKey: 'held-accepted-1' }, claimedSince())).toMatchObject({ provider: 'twilio', externalId: expect.stringMatching(/^SM/) });
});

it('refuses a hold that names no number or no stage', async () => {
  expect((await hold('not-a-number', 'received')).status).toBe(400);
  expect((await hold('+919800000303', 'later')).status).toBe(400);
});
