// The paying test borrower end to end through the sandboxes: the real twilio SDK sends a text
// naming a loan's pay link and the amount; the borrower pays it through the gateway sandbox, whose
// signed payment.received webhook carries the loan id as its reference — once, however many
// texts follow.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { TwilioChannel } from '../../../adapters/twilio/twilio-channel.js';
import { SANDBOX_CREDENTIALS as C } from '../../shared/config.js';
import { startGatewaySandbox, type RunningGatewaySandbox } from '../gateway/gateway-sandbox.js';
import { startTestWebhookReceiver, type TestWebhookReceiver } from '../gateway/test-webhook-receiver.js';
import { startProviderWebhookReceiver, type ProviderWebhookReceiver } from '../provider-webhook-receiver.js';
import { RECOVERY_BORROWERS } from '../recovery-borrowers.js';
import { startTwilioSandbox, type RunningTwilioSandbox } from './twilio-sandbox.js';

let gateway: RunningGatewaySandbox;
let gatewayHooks: TestWebhookReceiver;
let callbacks: ProviderWebhookReceiver;
let twilio: RunningTwilioSandbox;

beforeAll(async () => {
  gatewayHooks = await startTestWebhookReceiver();
  gateway = await startGatewaySandbox({ port: 0, secretKey: C.gatewaySecretKey, webhookSecret: C.gatewayWebhookSecret, webhookUrl: gatewayHooks.url, webhookRetry: { baseDelayMs: 10 } });
  callbacks = await startProviderWebhookReceiver();
  twilio = await startTwilioSandbox({
    port: 0,
    accountSid: C.twilioAccountSid,
    authToken: C.twilioAuthToken,
    fromNumber: C.twilioFromNumber,
    whatsappFrom: C.twilioWhatsappFrom,
    apiUrl: callbacks.url,
    gateway: { url: gateway.url, secretKey: C.gatewaySecretKey },
    timing: { stepMs: 1, replyDelayMs: 0 },
  });
});

afterAll(async () => {
  await twilio?.close();
  await callbacks?.close();
  await gateway?.close();
  await gatewayHooks?.close();
});

it('pays the amount the first text names, for the loan its link names, once', async () => {
  const channel = new TwilioChannel({ url: twilio.url, accountSid: C.twilioAccountSid, authToken: C.twilioAuthToken, fromNumber: C.twilioFromNumber, whatsappFrom: C.twilioWhatsappFrom, publicWebhookBase: callbacks.url, timeoutMs: 5000 });
  const loanId = randomUUID();
  const to = RECOVERY_BORROWERS.find((b) => b.key === 'payer')!.phone;
  const body = `Your EMI of INR 14,544.57 is overdue. Pay now: http://127.0.0.1:3000/pay/${loanId}`;
  await channel.send({ channel: 'sms', to, body, deliveryKey: `recovery-${loanId}-1-1` });
  await channel.send({ channel: 'sms', to, body, deliveryKey: `recovery-${loanId}-1-2` });
  await twilio.settled();
  await gateway.webhooksSettled();
  const events = gatewayHooks.received.map((r) => JSON.parse(r.rawBody) as { type: string; data: { object: { reference: string; amount: number; currency: string; channel: string } } });
  expect(events.filter((e) => e.type === 'payment.received').map((e) => e.data.object)).toEqual([expect.objectContaining({ reference: loanId, amount: 1_454_457, currency: 'INR', channel: 'upi' })]);
  expect(gatewayHooks.received[0]!.headers['gateway-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
});
