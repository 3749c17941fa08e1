// The provider breaker around the real Twilio channel: refusals of a contact (the provider
// answered) never open it; the provider failing does, and then sends fail fast without a request.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CircuitOpenError } from '../../activities/shared/circuit-breaker.js';
import { SANDBOX_CREDENTIALS as C } from '../../apps/shared/config.js';
import { TWILIO_TEST_NUMBERS } from '../../apps/sandboxes/recovery-borrowers.js';
import { startTwilioSandbox, type RunningTwilioSandbox } from '../../apps/sandboxes/twilio/twilio-sandbox.js';
import { TwilioChannel } from '../twilio/twilio-channel.js';
import { ContactRefused, type OutboundContact } from './contact-channels.js';
import { GuardedChannel } from './guarded-channel.js';

let sandbox: RunningTwilioSandbox;
beforeAll(async () => {
  sandbox = await startTwilioSandbox({ port: 0, accountSid: C.twilioAccountSid, authToken: C.twilioAuthToken, fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, timing: { stepMs: 1, replyDelayMs: 0 } });
});
afterAll(() => sandbox?.close());

const sms = (to: string): OutboundContact => ({ channel: 'sms', to, body: 'Your EMI is overdue.', deliveryKey: `k-${to}-${Math.random()}` });

it('opens on provider failures only, then fails fast', async () => {
  const channel = new GuardedChannel(new TwilioChannel({ url: sandbox.url, accountSid: C.twilioAccountSid, authToken: C.twilioAuthToken, fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, publicWebhookBase: 'http://127.0.0.1:9', timeoutMs: 5000 }), 'twilio', { failureThreshold: 3, coolDownMs: 60_000 });
  for (let i = 0; i < 5; i++) await expect(channel.send(sms(TWILIO_TEST_NUMBERS.invalid))).rejects.toBeInstanceOf(ContactRefused);
  expect(channel.breaker.state).toBe('closed');
  for (let i = 0; i < 3; i++) await expect(channel.send(sms(TWILIO_TEST_NUMBERS.providerError))).rejects.not.toBeInstanceOf(ContactRefused);
  expect(channel.breaker.state).toBe('open');
  await expect(channel.send(sms('+919811100009'))).rejects.toBeInstanceOf(CircuitOpenError);
});
