// The real twilio SDK against the Twilio sandbox: the request the SDK builds (Basic auth, form
// fields, TwiML) is what the sandbox checks; its signed callbacks verify with the SDK's own
// validateRequest; refusals and transient faults map as the port says; find() reconciles a send
// whose answer was lost.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../apps/shared/config.js';
import { startProviderWebhookReceiver, type ProviderWebhookReceiver } from '../../apps/sandboxes/provider-webhook-receiver.js';
import { RECOVERY_BORROWERS, TWILIO_TEST_NUMBERS } from '../../apps/sandboxes/recovery-borrowers.js';
import { startTwilioSandbox, type RunningTwilioSandbox } from '../../apps/sandboxes/twilio/twilio-sandbox.js';
import { ContactRefused, SendNotYetKnown, type OutboundContact } from '../channels/contact-channels.js';
import { carriesReference } from './delivery-reference.js';
import { TwilioChannel, type TwilioChannelOptions } from './twilio-channel.js';
import { parseGather, parseInboundMessage, parseStatusCallback, verifyTwilioSignature, type TwilioCallback } from './twilio-webhooks.js';

const C = SANDBOX_CREDENTIALS;
let sandbox: RunningTwilioSandbox;
let receiver: ProviderWebhookReceiver;
let channel: TwilioChannel;

const phone = (key: string) => RECOVERY_BORROWERS.find((b) => b.key === key)!.phone;
const sms = (to: string, body = 'Your EMI of INR 14,544.57 is overdue. Reply STOP to opt out.'): OutboundContact => ({ channel: 'sms', to, body, deliveryKey: `recovery-${randomUUID()}-1-sms` });
const IVR = '<Response><Gather numDigits="1"><Say>Press 1 to promise to pay within seven days.</Say></Gather></Response>';
const call = (to: string): Extract<OutboundContact, { channel: 'voice' }> => ({ channel: 'voice', to, twiml: IVR, deliveryKey: `recovery-${randomUUID()}-4-call` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The SID of the call whose status callbacks named this delivery. */
function callSidOf(contact: OutboundContact): string {
  const callback = receiver.received.find((r) => r.path.endsWith('/status') && new URL(r.url).searchParams.get('d') === contact.deliveryKey && r.form['CallSid']);
  if (!callback) throw new Error(`no status callback named ${contact.deliveryKey}`);
  return callback.form['CallSid']!;
}

function callbackOf(r: { url: string; form: Record<string, string>; headers: Record<string, unknown> }): TwilioCallback {
  return { url: r.url, params: r.form, signature: r.headers['x-twilio-signature'] as string, idempotencyToken: r.headers['i-twilio-idempotency-token'] as string, receivedAt: new Date().toISOString() };
}

beforeAll(async () => {
  receiver = await startProviderWebhookReceiver();
  sandbox = await startTwilioSandbox({
    port: 0,
    accountSid: C.twilioAccountSid,
    authToken: C.twilioAuthToken,
    fromNumber: C.twilioFromNumber,
    whatsappFrom: C.twilioWhatsappFrom,
    apiUrl: receiver.url,
    timing: { stepMs: 5, replyDelayMs: 0 },
    callbackRetry: { maxAttempts: 1, baseDelayMs: 1, timeoutMs: 2000 },
  });
  channel = new TwilioChannel({ url: sandbox.url, accountSid: C.twilioAccountSid, authToken: C.twilioAuthToken, fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, publicWebhookBase: receiver.url, timeoutMs: 5000 });
});

afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

describe('the Twilio channel against the sandbox', () => {
  it('sends an SMS whose signed status callbacks name the delivery: queued, sent, delivered', async () => {
    const contact = sms('+919811100001');
    const receipt = await channel.send(contact);
    expect(receipt).toMatchObject({ provider: 'twilio', externalId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    await sandbox.settled();
    const callbacks = receiver.received.filter((r) => r.form['MessageSid'] === receipt.externalId);
    expect(callbacks.map((r) => r.form['MessageStatus'])).toEqual(['queued', 'sent', 'delivered']);
    for (const r of callbacks) expect(verifyTwilioSignature(C.twilioAuthToken, callbackOf(r))).toBe(true);
    const events = callbacks.map((r) => parseStatusCallback(callbackOf(r)));
    expect(events.map((e) => [e.status, e.deliveryKey, e.permanent])).toEqual([
      ['queued', contact.deliveryKey, false],
      ['sent', contact.deliveryKey, false],
      ['delivered', contact.deliveryKey, false],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    // What the SDK sent is what Twilio keeps: our body with the delivery's reference.
    const stored = callbacks[0]!;
    expect(stored.form['From']).toBe(C.twilioFromNumber);
  });

  it('refuses a forged or altered callback', async () => {
    const contact = sms('+919811100002');
    await channel.send(contact);
    await sandbox.settled();
    const r = receiver.received.find((x) => x.url.includes(encodeURIComponent(contact.deliveryKey)))!;
    expect(verifyTwilioSignature(C.twilioAuthToken, callbackOf(r))).toBe(true);
    expect(verifyTwilioSignature('another_auth_token_0000000000000', callbackOf(r))).toBe(false);
    expect(verifyTwilioSignature(C.twilioAuthToken, { ...callbackOf(r), params: { ...r.form, MessageStatus: 'failed' } })).toBe(false);
    expect(verifyTwilioSignature(C.twilioAuthToken, { ...callbackOf(r), url: r.url.replace('d=', 'd=x') })).toBe(false);
    expect(verifyTwilioSignature(C.twilioAuthToken, { ...callbackOf(r), signature: undefined })).toBe(false);
  });

  it('sends WhatsApp from the WhatsApp sender to whatsapp:+E164, and the reply arrives as WhatsApp', async () => {
    const contact: OutboundContact = { channel: 'whatsapp', to: phone('promiserHindi'), body: 'आपकी EMI बकाया है।', deliveryKey: `recovery-${randomUUID()}-2-wa` };
    const receipt = await channel.send(contact);
    await sandbox.settled();
    const delivered = receiver.received.find((r) => r.form['MessageSid'] === receipt.externalId && r.form['MessageStatus'] === 'delivered')!;
    expect(delivered.form['To']).toBe(`whatsapp:${contact.to}`);
    expect(delivered.form['From']).toBe(C.twilioWhatsappFrom);
    const reply = receiver.received.find((r) => r.path === '/v1/webhooks/twilio/inbound' && r.form['From'] === `whatsapp:${contact.to}`)!;
    expect(verifyTwilioSignature(C.twilioAuthToken, callbackOf(reply))).toBe(true);
    expect(parseInboundMessage(callbackOf(reply))).toMatchObject({ channel: 'whatsapp', from: contact.to, body: 'मैं शुक्रवार को 5000 दूंगा' });
  });

  it('calls with inline TwiML; the borrower presses 1 at the Gather, posted signed to the action naming the delivery', async () => {
    const contact: OutboundContact = { channel: 'voice', to: phone('ivrPromiser'), twiml: IVR, deliveryKey: `recovery-${randomUUID()}-3-call` };
    const receipt = await channel.send(contact);
    expect(receipt.externalId).toMatch(/^CA[0-9a-f]{32}$/);
    await sandbox.settled();
    const press = receiver.received.find((r) => r.path === '/v1/webhooks/twilio/voice/gather' && r.form['CallSid'] === receipt.externalId)!;
    expect(verifyTwilioSignature(C.twilioAuthToken, callbackOf(press))).toBe(true);
    expect(parseGather(callbackOf(press))).toMatchObject({ callExternalId: receipt.externalId, deliveryKey: contact.deliveryKey, from: contact.to, digits: '1' });
    const statuses = receiver.received.filter((r) => r.form['CallSid'] === receipt.externalId && r.path.endsWith('/status')).map((r) => parseStatusCallback(callbackOf(r)).status);
    expect(statuses).toEqual(['queued', 'sent', 'answered', 'completed']);
  });

  it('maps a call nobody answers, and a message that fails on the network, with their error codes', async () => {
    const call = await channel.send({ channel: 'voice', to: TWILIO_TEST_NUMBERS.noAnswer, twiml: IVR, deliveryKey: `k-${randomUUID()}` });
    const failed = await channel.send(sms(TWILIO_TEST_NUMBERS.failed));
    const undelivered = await channel.send(sms(TWILIO_TEST_NUMBERS.undelivered));
    await sandbox.settled();
    const last = (sid: string) => parseStatusCallback(callbackOf(receiver.received.filter((r) => r.form['CallSid'] === sid || r.form['MessageSid'] === sid).at(-1)!));
    expect(last(call.externalId)).toMatchObject({ status: 'no_answer', permanent: false });
    expect(last(failed.externalId)).toMatchObject({ status: 'failed', permanent: true, errorCode: '30006' });
    expect(last(undelivered.externalId)).toMatchObject({ status: 'failed', permanent: false, errorCode: '30003' });
  });

  it('refuses the contact for Twilio refusals, and fails transiently for throttling and Twilio errors', async () => {
    for (const [to, code] of [
      [TWILIO_TEST_NUMBERS.invalid, '21211'],
      [TWILIO_TEST_NUMBERS.blocked, '21610'],
      [TWILIO_TEST_NUMBERS.notMobile, '21614'],
    ] as const) {
      const error = await channel.send(sms(to)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContactRefused);
      expect((error as ContactRefused).code).toBe(code);
    }
    for (const to of [TWILIO_TEST_NUMBERS.rateLimited, TWILIO_TEST_NUMBERS.providerError]) {
      const error = await channel.send(sms(to)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ContactRefused);
    }
    const wrongToken = new TwilioChannel({ url: sandbox.url, accountSid: C.twilioAccountSid, authToken: 'not_the_token_00000000000000000', fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, publicWebhookBase: receiver.url, timeoutMs: 5000 });
    const auth = await wrongToken.send(sms('+919811100003')).catch((e: unknown) => e);
    expect(auth).not.toBeInstanceOf(ContactRefused);
    expect((auth as Error).message).toContain('20003');
  });

  it('finds a message whose answer was lost, by the reference at the end of its body, and no other', async () => {
    const lost = sms(TWILIO_TEST_NUMBERS.answerLost);
    const claimedAt = new Date().toISOString();
    const error = await channel.send(lost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ContactRefused);
    const found = await channel.find(lost, claimedAt);
    expect(found).toMatchObject({ provider: 'twilio', externalId: expect.stringMatching(/^SM/) });
    const other = { ...lost, deliveryKey: `${lost.deliveryKey}-other` };
    expect(await channel.find(other, claimedAt)).toBeNull();
    // The same delivery by WhatsApp would have gone to whatsapp:<number> from the WhatsApp sender: not the SMS that left.
    expect(await channel.find({ channel: 'whatsapp', to: lost.to as string, body: 'x', deliveryKey: lost.deliveryKey }, claimedAt)).toBeNull();
    await sandbox.settled();
    const callback = receiver.received.find((r) => r.form['MessageSid'] === found!.externalId)!;
    expect(parseStatusCallback(callbackOf(callback)).deliveryKey).toBe(lost.deliveryKey);
  });

  it('finds a call whose answer was lost by the delivery its callbacks name, among other calls to the number since the claim', async () => {
    const claimedAt = new Date().toISOString();
    const lost = call(TWILIO_TEST_NUMBERS.answerLost);
    const other = call(TWILIO_TEST_NUMBERS.answerLost);
    await expect(channel.send(lost)).rejects.toThrow();
    await expect(channel.send(other)).rejects.toThrow();
    // Both calls ended; this sandbox shows their Events at once (Twilio: some minutes after).
    await sandbox.settled();
    expect(await channel.find(lost, claimedAt)).toMatchObject({ provider: 'twilio', externalId: callSidOf(lost) });
    expect(await channel.find(other, claimedAt)).toMatchObject({ provider: 'twilio', externalId: callSidOf(other) });
    // Both calls name their own deliveries: a third delivery finds neither.
    expect(await channel.find(call(TWILIO_TEST_NUMBERS.answerLost), claimedAt)).toBeNull();
  });

  it('ends every text with the delivery reference', async () => {
    const contact = sms('+919811100004', 'Hello');
    const receipt = await channel.send(contact);
    const res = await fetch(`${sandbox.url}/2010-04-01/Accounts/${C.twilioAccountSid}/Messages/${receipt.externalId}.json`, { headers: { authorization: `Basic ${Buffer.from(`${C.twilioAccountSid}:${C.twilioAuthToken}`).toString('base64')}` } });
    const body = (await res.json()) as { body: string; to: string };
    expect(body.body).toMatch(/^Hello Ref [0-9A-Z]{8}$/);
    expect(carriesReference(body.body, contact.deliveryKey)).toBe(true);
  });
});

describe('a lost call before Twilio shows its events', () => {
  let late: RunningTwilioSandbox;
  let lateChannel: TwilioChannel;
  let soon: RunningTwilioSandbox;
  let soonChannel: TwilioChannel;
  const LAG_MS = 1500;
  const options = (url: string, extra: Partial<TwilioChannelOptions> = {}): TwilioChannelOptions => ({
    url,
    accountSid: C.twilioAccountSid,
    authToken: C.twilioAuthToken,
    fromNumber: C.twilioFromNumber,
    whatsappFrom: C.twilioWhatsappFrom,
    publicWebhookBase: receiver.url,
    timeoutMs: 5000,
    // No allowance for clocks here, so that a call one second before the claim is out of bounds.
    clockSkewMs: 0,
    ...extra,
  });
  const sandboxOptions = (callEventsAfterMs: number) => ({
    port: 0,
    accountSid: C.twilioAccountSid,
    authToken: C.twilioAuthToken,
    fromNumber: C.twilioFromNumber,
    whatsappFrom: C.twilioWhatsappFrom,
    apiUrl: receiver.url,
    timing: { stepMs: 5, replyDelayMs: 0, callEventsAfterMs },
    callbackRetry: { maxAttempts: 1, baseDelayMs: 1, timeoutMs: 2000 },
  });
  /** The call's end as Twilio shows it (whole seconds), in epoch ms. */
  const endOf = async (sandboxUrl: string, sid: string) => {
    const res = await fetch(`${sandboxUrl}/2010-04-01/Accounts/${C.twilioAccountSid}/Calls/${sid}.json`, { headers: { authorization: `Basic ${Buffer.from(`${C.twilioAccountSid}:${C.twilioAuthToken}`).toString('base64')}` } });
    return Date.parse(((await res.json()) as { end_time: string }).end_time);
  };

  beforeAll(async () => {
    // As Twilio: a call's Events can be read only a while (here 15 minutes, the adapter's default) after it ends.
    late = await startTwilioSandbox(sandboxOptions(15 * 60_000));
    lateChannel = new TwilioChannel(options(late.url));
    // The same, but shown 1.5 s after the call ends, for a test to see them come.
    soon = await startTwilioSandbox(sandboxOptions(LAG_MS));
    soonChannel = new TwilioChannel(options(soon.url, { callEventsLagMs: LAG_MS }));
  });

  afterAll(async () => {
    await late?.close();
    await soon?.close();
  });

  it('cannot tell whose it is, so says when to ask again, and never guesses, even when it is the only call since the claim', async () => {
    const earlier = call(TWILIO_TEST_NUMBERS.answerLost);
    const earlierClaim = new Date().toISOString();
    await expect(lateChannel.send(earlier)).rejects.toThrow();
    // Twilio's date_created has whole seconds: the next claim is in a later one.
    await sleep(1100);
    const claimedAt = new Date().toISOString();
    const lost = call(TWILIO_TEST_NUMBERS.answerLost);
    await expect(lateChannel.send(lost)).rejects.toThrow();
    await late.settled();
    // Only one call was made since this claim, and it is ours; but a lone call could be another delivery's to the number.
    const notYet = await lateChannel.find(lost, claimedAt).catch((e: unknown) => e);
    expect(notYet).toBeInstanceOf(SendNotYetKnown);
    // Asked again once its Events are due: 15 minutes after it ended (Twilio's end_time has whole seconds: its second's end).
    expect((notYet as SendNotYetKnown).askAgainAt).toBe((await endOf(late.url, callSidOf(lost))) + 1000 + 15 * 60_000);
    // From the earlier claim both calls are in bounds: the first to be readable is when to ask again.
    const both = await lateChannel.find(earlier, earlierClaim).catch((e: unknown) => e);
    expect(both).toBeInstanceOf(SendNotYetKnown);
    expect((both as SendNotYetKnown).askAgainAt).toBe((await endOf(late.url, callSidOf(earlier))) + 1000 + 15 * 60_000);
    // A delivery claimed after both calls finds nothing: nothing of it left.
    await sleep(1100);
    expect(await lateChannel.find(call(TWILIO_TEST_NUMBERS.answerLost), new Date().toISOString())).toBeNull();
  });

  it('once the Events are due, finds each call by the delivery they name, and takes a call that named none for no delivery', async () => {
    const claimedAt = new Date().toISOString();
    const lost = call(TWILIO_TEST_NUMBERS.answerLost);
    const other = call(TWILIO_TEST_NUMBERS.answerLost);
    await expect(soonChannel.send(lost)).rejects.toThrow();
    await expect(soonChannel.send(other)).rejects.toThrow();
    // A call to the number from ours that Credence did not make: no status callback, so its Events name no delivery.
    // (The sandbox takes it, and drops the answer as it does for every send to this number.)
    await fetch(`${soon.url}/2010-04-01/Accounts/${C.twilioAccountSid}/Calls.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${C.twilioAccountSid}:${C.twilioAuthToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: TWILIO_TEST_NUMBERS.answerLost, From: C.twilioFromNumber, Twiml: IVR }).toString(),
    }).catch(() => null);
    await soon.settled();
    const activity = (await (await fetch(`${soon.url}/_sandbox/activity`)).json()) as { calls: unknown[] };
    expect(activity.calls).toHaveLength(3);
    const notYet = await soonChannel.find(lost, claimedAt).catch((e: unknown) => e);
    expect(notYet).toBeInstanceOf(SendNotYetKnown);
    await sleep(Math.max(0, (notYet as SendNotYetKnown).askAgainAt - Date.now()) + 100);
    // Within the lag Twilio showed the Events (here at 1.5 s); the later calls are due by now too.
    await sleep(LAG_MS);
    expect(await soonChannel.find(lost, claimedAt)).toMatchObject({ provider: 'twilio', externalId: callSidOf(lost) });
    expect(await soonChannel.find(other, claimedAt)).toMatchObject({ provider: 'twilio', externalId: callSidOf(other) });
    // Three calls since the claim, each told apart: two name other deliveries, one names none.
    expect(await soonChannel.find(call(TWILIO_TEST_NUMBERS.answerLost), claimedAt)).toBeNull();
  });
});
