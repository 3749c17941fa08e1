// The real @sendgrid/mail against the SendGrid sandbox: the request the SDK builds (Bearer key,
// custom args, the one-click unsubscribe headers) is what the sandbox checks; its signed events
// verify with @sendgrid/eventwebhook and parse onto the port; find() searches the Email Activity API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../apps/shared/config.js';
import { startProviderWebhookReceiver, type ProviderWebhookReceiver } from '../../apps/sandboxes/provider-webhook-receiver.js';
import { RECOVERY_BORROWERS, SENDGRID_TEST_ADDRESSES } from '../../apps/sandboxes/recovery-borrowers.js';
import { EventSigner } from '../../apps/sandboxes/sendgrid/event-signer.js';
import { createSendGridRouter } from '../../apps/sandboxes/sendgrid/sendgrid-router.js';
import { serveSandbox, type RunningSandbox } from '../../apps/sandboxes/http-server.js';
import { ContactRefused, SendNotYetKnown, type OutboundContact } from '../channels/contact-channels.js';
import { SendGridChannel } from './sendgrid-channel.js';
import { parseSendGridEvents, verifySendGridSignature, type SendGridEvent } from './sendgrid-events.js';

const C = SANDBOX_CREDENTIALS;
let receiver: ProviderWebhookReceiver;
let sandbox: RunningSandbox;
let router: ReturnType<typeof createSendGridRouter>;
let channel: SendGridChannel;

const email = (key: string) => RECOVERY_BORROWERS.find((b) => b.key === key)!.email;
const mail = (to: string): Extract<OutboundContact, { channel: 'email' }> => ({
  channel: 'email',
  to,
  subject: 'Your EMI is overdue',
  text: 'INR 14,544.57 is overdue.',
  html: '<p>INR 14,544.57 is overdue.</p>',
  deliveryKey: `recovery-${randomUUID()}-1-email`,
  unsubscribeUrl: 'https://credence.example/unsubscribe/abc123',
});

function eventsFor(msgId: string): SendGridEvent[] {
  return receiver.received
    .filter((r) => r.path === '/v1/webhooks/sendgrid/events')
    .flatMap((r) => parseSendGridEvents(r.rawBody))
    .filter((e) => (e.kind === 'delivery' ? e.event.externalId : e.kind === 'inbound' ? e.message.externalId : '') === msgId);
}

beforeAll(async () => {
  receiver = await startProviderWebhookReceiver();
  router = createSendGridRouter({ apiKey: C.sendgridApiKey, eventPrivateKey: C.sendgridEventPrivateKey, apiUrl: receiver.url, timing: { stepMs: 5, replyDelayMs: 0 }, callbackRetry: { maxAttempts: 1, baseDelayMs: 1, timeoutMs: 2000 } });
  sandbox = await serveSandbox(router.router, 0);
  channel = new SendGridChannel({ url: sandbox.url, apiKey: C.sendgridApiKey, from: C.sendgridFrom, timeoutMs: 5000 });
});

afterAll(async () => {
  router?.stop();
  await sandbox?.close();
  await receiver?.close();
});

describe('the SendGrid channel against the sandbox', () => {
  it('sends with the delivery key as a custom arg and a one-click unsubscribe; X-Message-Id is the receipt', async () => {
    const contact = mail(email('promiser'));
    const receipt = await channel.send(contact);
    expect(receipt).toMatchObject({ provider: 'sendgrid', externalId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    const sent = router.mails.find((m) => m.msgId === receipt.externalId)!;
    expect(sent).toMatchObject({ to: contact.to, from: C.sendgridFrom, subject: contact.subject, text: contact.text, html: contact.html, customArgs: { delivery_key: contact.deliveryKey } });
    expect(sent.headers).toEqual({ 'List-Unsubscribe': `<${contact.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });

  it('posts signed events that verify and parse: processed, delivered, open', async () => {
    const contact = mail(email('disputer'));
    const receipt = await channel.send(contact);
    await router.settled();
    const posts = receiver.received.filter((r) => r.rawBody.includes(receipt.externalId));
    expect(posts.length).toBe(3);
    for (const r of posts) {
      expect(verifySendGridSignature(C.sendgridEventPublicKey, r.rawBody, r.headers['x-twilio-email-event-webhook-signature'] as string, r.headers['x-twilio-email-event-webhook-timestamp'] as string)).toEqual({ valid: true });
    }
    const events = eventsFor(receipt.externalId);
    expect(events.map((e) => (e.kind === 'delivery' ? [e.event.status, e.event.deliveryKey] : e.kind))).toEqual([
      ['queued', contact.deliveryKey],
      ['delivered', contact.deliveryKey],
      ['opened', contact.deliveryKey],
    ]);
  });

  it("the bouncer's email bounces, permanently", async () => {
    const receipt = await channel.send(mail(email('bouncer')));
    await router.settled();
    const bounce = eventsFor(receipt.externalId).find((e) => e.kind === 'delivery' && e.event.status === 'bounced');
    expect(bounce).toMatchObject({ event: { status: 'bounced', permanent: true, errorCode: '5.1.1' } });
  });

  it("the stopper's unsubscribe arrives as an inbound STOP on email", async () => {
    const contact = mail(email('stopper'));
    const receipt = await channel.send(contact);
    await router.settled();
    expect(eventsFor(receipt.externalId).find((e) => e.kind === 'inbound')).toMatchObject({ message: { provider: 'sendgrid', channel: 'email', from: contact.to, body: 'STOP' } });
  });

  it('refuses forged, altered and stale signatures', () => {
    const body = JSON.stringify([{ email: 'a@example.com', timestamp: 1, event: 'delivered', sg_event_id: 'e1', sg_message_id: 'm1.x' }]);
    const signer = new EventSigner(C.sendgridEventPrivateKey);
    const now = Math.floor(Date.now() / 1000);
    const h = signer.headers(body, now);
    const sig = h['X-Twilio-Email-Event-Webhook-Signature'];
    expect(verifySendGridSignature(C.sendgridEventPublicKey, body, sig, String(now))).toEqual({ valid: true });
    expect(verifySendGridSignature(C.sendgridEventPublicKey, body.replace('delivered', 'bounce'), sig, String(now))).toMatchObject({ valid: false, reason: 'wrong' });
    expect(verifySendGridSignature(C.sendgridEventPublicKey, body, sig, String(now + 1))).toMatchObject({ valid: false });
    expect(verifySendGridSignature(C.sendgridEventPublicKey, body, 'not-a-signature', String(now))).toMatchObject({ valid: false });
    const old = signer.headers(body, now - 301);
    expect(verifySendGridSignature(C.sendgridEventPublicKey, body, old['X-Twilio-Email-Event-Webhook-Signature'], String(now - 301))).toMatchObject({ valid: false, reason: expect.stringContaining('stale') });
  });

  it('refuses an address SendGrid will not take, and fails transiently on a wrong key', async () => {
    const refused = await channel.send(mail('not-an-address')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ContactRefused);
    expect((refused as ContactRefused).code).toBe('invalid_address');
    const wrongKey = new SendGridChannel({ url: sandbox.url, apiKey: 'SG.wrong', from: C.sendgridFrom, timeoutMs: 5000 });
    const auth = await wrongKey.send(mail(email('payer'))).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(Error);
    expect(auth).not.toBeInstanceOf(ContactRefused);
  });

  it('finds an email whose answer was lost through the Email Activity API, and no other, which it calls unsent only once the search has caught up', async () => {
    const lost = mail(SENDGRID_TEST_ADDRESSES.answerLost);
    const claimedAt = new Date().toISOString();
    await expect(channel.send(lost)).rejects.toThrow();
    const found = await channel.find(lost, claimedAt);
    expect(found).toMatchObject({ provider: 'sendgrid', externalId: router.mails.find((m) => m.customArgs['delivery_key'] === lost.deliveryKey)!.msgId });
    const other = { ...lost, deliveryKey: `${lost.deliveryKey}-other` };
    // SendGrid's search lags (by up to 10 minutes, the default allowance): not found yet is not "not sent".
    const notYet = await channel.find(other, claimedAt).catch((e: unknown) => e);
    expect(notYet).toBeInstanceOf(SendNotYetKnown);
    // Asked again halfway through the allowance, not sooner (the Email Activity API takes 6 requests a minute).
    expect((notYet as SendNotYetKnown).askAgainAt).toBeGreaterThanOrEqual(Date.now() + 290_000);
    // Claimed long enough ago, it is not there and never was.
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect(await channel.find(other, anHourAgo)).toBeNull();
    expect(await channel.find(lost, anHourAgo)).toMatchObject({ externalId: found!.externalId });
  });
});
