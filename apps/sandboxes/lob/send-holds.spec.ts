// The Lob sandbox's send holds, with the official Lob SDK (through the adapter): a letter held at
// `received` whose caller goes away is never made, and find() says so; one held at `accepted` is
// made (and goes on through the post) though its caller never hears, and find() finds it by its
// metadata, so the dispatch answers it instead of posting a second. The caller here goes away by
// its own timeout; a worker killed outright leaves its request the same way.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { OutboundContact } from '../../../adapters/channels/contact-channels.js';
import { LobChannel } from '../../../adapters/lob/lob-channel.js';
import { loadConfig, SANDBOX_CREDENTIALS as C } from '../../shared/config.js';
import type { SendHold } from '../send-holds.js';
import { startLobSandbox, type RunningLobSandbox } from './lob-sandbox.js';

let lob: RunningLobSandbox;
let channel: LobChannel;

beforeAll(async () => {
  lob = await startLobSandbox({ port: 0, apiKey: C.lobApiKey, webhookSecret: C.lobWebhookSecret, timing: { stepMs: 1 } });
  channel = new LobChannel({ url: lob.url, apiKey: C.lobApiKey, from: loadConfig({}).lob.from, timeoutMs: 300 });
});

afterAll(async () => {
  await lob?.close();
});

const hold = (to: string, stage: string) => fetch(`${lob.url}/_sandbox/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, stage }) });
const holds = async () => ((await (await fetch(`${lob.url}/_sandbox/holds`)).json()) as { holds: SendHold[] }).holds;
const letter = (line1: string, deliveryKey: string): Extract<OutboundContact, { channel: 'letter' }> => ({
  channel: 'letter',
  to: { name: 'Michael Brown', address: { line1, city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' } },
  html: '<html><body><p>Notice</p></body></html>',
  deliveryKey,
  description: 'validation_notice',
});

it('a letter held at received whose caller goes away is never made, and find() says so', async () => {
  expect((await hold('7 HELD  Received St', 'received')).status).toBe(201);
  const claimedAt = new Date().toISOString();
  await expect(channel.send(letter('7 Held Received St', 'held-received-1'))).rejects.toThrow('Lob could not be reached');
  expect(await holds()).toContainEqual(expect.objectContaining({ to: '7 held received st', stage: 'received', state: 'abandoned' }));
  expect(await channel.find(letter('7 Held Received St', 'held-received-1'), claimedAt)).toBeNull();
  // The next one to the address is not held.
  expect(await channel.send(letter('7 Held Received St', 'held-received-2'))).toMatchObject({ provider: 'lob' });
});

it('a letter held at accepted is made although its caller never hears, and find() finds it', async () => {
  expect((await hold('8 Held Accepted St', 'accepted')).status).toBe(201);
  const claimedAt = new Date().toISOString();
  await expect(channel.send(letter('8 Held Accepted St', 'held-accepted-1'))).rejects.toThrow();
  expect(await holds()).toContainEqual(expect.objectContaining({ stage: 'accepted', state: 'abandoned' }));
  const found = await channel.find(letter('8 Held Accepted St', 'held-accepted-1'), claimedAt);
  expect(found).toMatchObject({ provider: 'lob', externalId: expect.stringMatching(/^ltr_/) });
  expect((await channel.get(found!.externalId)).deliveryKey).toBe('held-accepted-1');
});

it('refuses a hold that names no address line or no stage', async () => {
  expect((await hold('  ', 'received')).status).toBe(400);
  expect((await hold('1 Main St', 'later')).status).toBe(400);
});
