// The official Lob SDK against the Lob sandbox: the request the SDK builds (Basic auth with the
// API key, the Idempotency-Key header, the letter's fields and metadata) is what the sandbox
// checks; a repeated key makes no second letter; a letter whose answer was lost is found by its
// metadata; the sandbox's signed webhooks verify and parse onto the port, and forged, altered or
// stale ones are refused.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../../apps/shared/config.js';
import { serveSandbox, type RunningSandbox } from '../../apps/sandboxes/http-server.js';
import { createLobRouter, signed } from '../../apps/sandboxes/lob/lob-router.js';
import { startProviderWebhookReceiver, type ProviderWebhookReceiver } from '../../apps/sandboxes/provider-webhook-receiver.js';
import { LOB_TEST_ADDRESSES } from '../../apps/sandboxes/recovery-borrowers.js';
import { ContactRefused, type OutboundContact } from '../channels/contact-channels.js';
import { LobChannel, type LobReturnAddress } from './lob-channel.js';
import { lobSignature, parseLobEvent, verifyLobSignature, type LobEvent } from './lob-webhooks.js';

const C = SANDBOX_CREDENTIALS;
const FROM: LobReturnAddress = { name: 'Credence Collections', address_line1: '1 Example Way', address_line2: 'Suite 100', address_city: 'Wilmington', address_state: 'DE', address_zip: '19801' };
let receiver: ProviderWebhookReceiver;
let sandbox: RunningSandbox;
let lob: ReturnType<typeof createLobRouter>;
let channel: LobChannel;

const letter = (line1 = '233 S Wacker Drive', over: Partial<{ country: string; region: string; postalCode: string }> = {}): Extract<OutboundContact, { channel: 'letter' }> => ({
  channel: 'letter',
  to: { name: 'Michael Brown', address: { line1, city: 'Chicago', region: over.region ?? 'IL', postalCode: over.postalCode ?? '60606', country: over.country ?? 'US' } },
  html: '<!DOCTYPE html><html><body><p>Validation notice</p></body></html>',
  deliveryKey: `recovery-${randomUUID()}-1-v2-letter`,
  description: 'validation_notice',
});

function eventsFor(letterId: string): LobEvent[] {
  return receiver.received.filter((r) => r.path === '/v1/webhooks/lob/events').map((r) => parseLobEvent(r.rawBody)).filter((e) => e.kind === 'delivery' && e.event.externalId === letterId);
}

beforeAll(async () => {
  receiver = await startProviderWebhookReceiver();
  lob = createLobRouter({ apiKey: C.lobApiKey, webhookSecret: C.lobWebhookSecret, apiUrl: receiver.url, timing: { stepMs: 5 }, callbackRetry: { maxAttempts: 1, baseDelayMs: 1, timeoutMs: 2000 } });
  sandbox = await serveSandbox(lob.router, 0);
  channel = new LobChannel({ url: sandbox.url, apiKey: C.lobApiKey, from: FROM, timeoutMs: 5000 });
});

afterAll(async () => {
  lob?.stop();
  await sandbox?.close();
  await receiver?.close();
});

describe('the Lob channel against the sandbox', () => {
  it('posts the letter with the delivery key as Idempotency-Key and in its metadata; the letter ID is the receipt', async () => {
    const contact = letter();
    const receipt = await channel.send(contact);
    expect(receipt).toMatchObject({ provider: 'lob', externalId: expect.stringMatching(/^ltr_[0-9a-f]{16}$/), at: expect.any(String) });
    const held = lob.letters.find((l) => l.letter.id === receipt.externalId)!;
    expect(held.file).toBe(contact.html);
    expect(held.letter).toMatchObject({
      description: 'validation_notice',
      metadata: { delivery_key: contact.deliveryKey },
      to: { name: 'Michael Brown', address_line1: '233 S Wacker Drive', address_city: 'Chicago', address_state: 'IL', address_zip: '60606', address_country: 'US' },
      from: { name: 'Credence Collections', address_line1: '1 Example Way', address_line2: 'Suite 100', address_state: 'DE' },
      color: false,
      use_type: 'operational',
      mail_type: 'usps_first_class',
      address_placement: 'top_first_page',
    });
    // GET /v1/letters/:id, through the SDK: the same letter, with the key it went under.
    expect(await channel.get(receipt.externalId)).toMatchObject({ id: receipt.externalId, deliveryKey: contact.deliveryKey, expectedDeliveryDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('sends once per delivery key: the same key again answers the letter already made', async () => {
    const contact = letter('1 Repeat Street');
    const first = await channel.send(contact);
    const again = await channel.send(contact);
    expect(again.externalId).toBe(first.externalId);
    expect(lob.letters.filter((l) => l.letter.to.address_line1 === '1 Repeat Street')).toHaveLength(1);
    // Another key is another letter.
    expect((await channel.send({ ...contact, deliveryKey: `${contact.deliveryKey}-2` })).externalId).not.toBe(first.externalId);
  });

  it('finds a letter whose answer was lost by its metadata, made since the claim, and no other', async () => {
    const lost = letter(LOB_TEST_ADDRESSES.answerLost);
    const claimedAt = new Date().toISOString();
    const error = await channel.send(lost).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ContactRefused);
    const made = lob.letters.find((l) => l.letter.metadata.delivery_key === lost.deliveryKey)!.letter;
    expect(await channel.find(lost, claimedAt)).toMatchObject({ provider: 'lob', externalId: made.id });
    expect(await channel.find({ ...lost, deliveryKey: `${lost.deliveryKey}-other` }, claimedAt)).toBeNull();
    // Claimed after it was made (a later resend's claim): not this one.
    expect(await channel.find(lost, new Date(Date.now() + 60_000).toISOString())).toBeNull();
    // The resend under the same key answers the same letter: still one.
    expect((await channel.send(lost)).externalId).toBe(made.id);
    expect(lob.letters.filter((l) => l.letter.metadata.delivery_key === lost.deliveryKey)).toHaveLength(1);
  });

  it('posts signed events that verify and parse: created, mailed, in transit, delivered', async () => {
    const contact = letter('44 Elm Street');
    const receipt = await channel.send(contact);
    await lob.settled();
    const posts = receiver.received.filter((r) => r.rawBody.includes(receipt.externalId));
    expect(posts.length).toBe(6);
    for (const r of posts) expect(verifyLobSignature(C.lobWebhookSecret, r.rawBody, r.headers['lob-signature'] as string, r.headers['lob-signature-timestamp'] as string)).toEqual({ valid: true });
    expect(eventsFor(receipt.externalId).map((e) => (e.kind === 'delivery' ? [e.event.status, e.event.deliveryKey, e.event.permanent] : e.kind))).toEqual([
      ['queued', contact.deliveryKey, false],
      ['sent', contact.deliveryKey, false],
      ['in_transit', contact.deliveryKey, false],
      ['in_transit', contact.deliveryKey, false],
      ['in_transit', contact.deliveryKey, false],
      ['delivered', contact.deliveryKey, false],
    ]);
    expect((await channel.get(receipt.externalId)).trackingEvents).toEqual(['Mailed', 'In Transit', 'In Local Area', 'Processed for Delivery', 'Delivered']);
  });

  it('a letter the post returns is a permanent failure of that address', async () => {
    const receipt = await channel.send(letter(LOB_TEST_ADDRESSES.returned));
    await lob.settled();
    expect(eventsFor(receipt.externalId).at(-1)).toMatchObject({ event: { status: 'bounced', permanent: true, errorCode: 'letter.returned_to_sender' } });
  });

  it('refuses forged, altered and stale signatures', () => {
    const body = JSON.stringify({ id: 'evt_1', event_type: { id: 'letter.delivered' }, body: { id: 'ltr_1', metadata: {} }, reference_id: 'ltr_1', date_created: new Date().toISOString(), object: 'event' });
    const now = Date.now();
    const headers = signed(C.lobWebhookSecret, body, now);
    const sig = headers['Lob-Signature'];
    expect(verifyLobSignature(C.lobWebhookSecret, body, sig, String(now))).toEqual({ valid: true });
    expect(sig).toBe(lobSignature(C.lobWebhookSecret, body, String(now)));
    // Forged: another secret; altered: the body or the timestamp changed after signing.
    expect(verifyLobSignature(C.lobWebhookSecret, body, signed('not-the-secret', body, now)['Lob-Signature'], String(now))).toMatchObject({ valid: false, reason: 'wrong' });
    expect(verifyLobSignature(C.lobWebhookSecret, body.replace('delivered', 'returned_to_sender'), sig, String(now))).toMatchObject({ valid: false, reason: 'wrong' });
    expect(verifyLobSignature(C.lobWebhookSecret, body, sig, String(now + 1))).toMatchObject({ valid: false, reason: 'wrong' });
    expect(verifyLobSignature(C.lobWebhookSecret, body, 'not-a-signature', String(now))).toMatchObject({ valid: false, reason: 'malformed' });
    expect(verifyLobSignature(C.lobWebhookSecret, body, undefined, String(now))).toMatchObject({ valid: false, reason: 'missing' });
    // Replayed: a request captured six minutes ago fails with its own valid signature.
    const old = now - 6 * 60_000;
    expect(verifyLobSignature(C.lobWebhookSecret, body, signed(C.lobWebhookSecret, body, old)['Lob-Signature'], String(old))).toMatchObject({ valid: false, reason: expect.stringContaining('stale') });
  });

  it('refuses an address the post cannot take, and fails transiently on a wrong key', async () => {
    const undeliverable = await channel.send(letter(LOB_TEST_ADDRESSES.undeliverable)).catch((e: unknown) => e);
    expect(undeliverable).toBeInstanceOf(ContactRefused);
    expect((undeliverable as ContactRefused).code).toBe('failed_deliverability_strictness');
    const tooLong = await channel.send(letter('Flat 12, The Old Mill Buildings, 1234 Long Street Name Road')).catch((e: unknown) => e);
    expect((tooLong as ContactRefused).code).toBe('address_length_exceeds_limit');
    const noZip = await channel.send(letter('5 Main Street', { postalCode: 'ABCDE' })).catch((e: unknown) => e);
    expect((noZip as ContactRefused).message).toContain('to.address_zip');
    // Abroad, Lob takes a country code and a line; a return address must be American (its from is ours).
    expect(await channel.send(letter('22 FC Road', { country: 'IN', region: 'MH', postalCode: '411004' }))).toMatchObject({ provider: 'lob' });
    const wrongKey = new LobChannel({ url: sandbox.url, apiKey: 'test_wrong', from: FROM, timeoutMs: 5000 });
    const auth = await wrongKey.send(letter()).catch((e: unknown) => e);
    expect(auth).toBeInstanceOf(Error);
    expect(auth).not.toBeInstanceOf(ContactRefused);
    expect((auth as Error).message).toContain('401');
  });
});
