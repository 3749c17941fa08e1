// The SendGrid sandbox's send holds and lagging activity search, with the real @sendgrid SDK
// (through the adapter): an email held at `received` whose caller goes away never takes effect; one
// held at `accepted` exists, though its caller never hears, and the Email Activity search shows it
// only after its lag, so find() will not call it unsent before the lag has passed. The caller here
// goes away by its own timeout; in workflows/recovery/worker-restart-send.test.ts it is a worker
// killed outright.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { SendNotYetKnown, type OutboundContact } from '../../../adapters/channels/contact-channels.js';
import { SendGridChannel } from '../../../adapters/sendgrid/sendgrid-channel.js';
import { SANDBOX_CREDENTIALS as C } from '../../shared/config.js';
import type { SendHold } from '../send-holds.js';
import { startSendGridSandbox, type RunningSendGridSandbox } from './sendgrid-sandbox.js';

/** how long after taking an email the sandbox's search shows it */
const SEARCH_LAG_MS = 1500;
/** how long the channel allows for that (with its request timeout, from the claim) */
const ALLOWED_LAG_MS = 2000;
const TIMEOUT_MS = 300;

let sendgrid: RunningSendGridSandbox;
let channel: SendGridChannel;

beforeAll(async () => {
  sendgrid = await startSendGridSandbox({ port: 0, apiKey: C.sendgridApiKey, eventPrivateKey: C.sendgridEventPrivateKey, timing: { stepMs: 1, replyDelayMs: 0 }, activityLagMs: SEARCH_LAG_MS });
  channel = new SendGridChannel({ url: sendgrid.url, apiKey: C.sendgridApiKey, from: C.sendgridFrom, timeoutMs: TIMEOUT_MS, activityLagMs: ALLOWED_LAG_MS });
});

afterAll(async () => {
  await sendgrid?.close();
});

const hold = (to: string, stage: string) => fetch(`${sendgrid.url}/_sandbox/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to, stage }) });
const holds = async () => ((await (await fetch(`${sendgrid.url}/_sandbox/holds`)).json()) as { holds: SendHold[] }).holds;
const mail = (to: string, deliveryKey: string): Extract<OutboundContact, { channel: 'email' }> => ({ channel: 'email', to, subject: 'Your EMI is overdue', text: 'INR 100.00 is overdue.', deliveryKey, unsubscribeUrl: 'https://credence.example/unsubscribe/x' });
const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now()) + 20));

it('an email held at received whose caller goes away never takes effect: not found, and not called unsent before the lag has passed', async () => {
  const to = 'held.received@example.com';
  expect((await hold('Held.Received@example.com', 'received')).status).toBe(201);
  const claimedAt = new Date().toISOString();
  await expect(channel.send(mail(to, 'held-received-1'))).rejects.toThrow();
  expect(await holds()).toContainEqual(expect.objectContaining({ to, stage: 'received', state: 'abandoned' }));
  const notYet = await channel.find(mail(to, 'held-received-1'), claimedAt).catch((e: unknown) => e);
  expect(notYet).toBeInstanceOf(SendNotYetKnown);
  // Asked again once the email, had it been taken before the request timed out, would show.
  expect((notYet as SendNotYetKnown).askAgainAt).toBe(Date.parse(claimedAt) + TIMEOUT_MS + ALLOWED_LAG_MS);
  await sleepUntil((notYet as SendNotYetKnown).askAgainAt);
  expect(await channel.find(mail(to, 'held-received-1'), claimedAt)).toBeNull();
  // The next one to the address is not held.
  expect(await channel.send(mail(to, 'held-received-2'))).toMatchObject({ provider: 'sendgrid' });
});

it('an email held at accepted exists although its caller never hears; the search shows it only after its lag', async () => {
  const to = 'held.accepted@example.com';
  expect((await hold(to, 'accepted')).status).toBe(201);
  const claimedAt = new Date().toISOString();
  await expect(channel.send(mail(to, 'held-accepted-1'))).rejects.toThrow();
  expect(await holds()).toContainEqual(expect.objectContaining({ to, stage: 'accepted', state: 'abandoned' }));
  const activity = (await (await fetch(`${sendgrid.url}/_sandbox/activity`)).json()) as { mails: { msgId: string; to: string; customArgs: Record<string, string> }[] };
  const taken = activity.mails.find((m) => m.customArgs['delivery_key'] === 'held-accepted-1');
  expect(taken).toMatchObject({ to });
  // Not in the search yet: not a "not sent" either.
  const notYet = await channel.find(mail(to, 'held-accepted-1'), claimedAt).catch((e: unknown) => e);
  expect(notYet).toBeInstanceOf(SendNotYetKnown);
  await sleepUntil((notYet as SendNotYetKnown).askAgainAt);
  expect(await channel.find(mail(to, 'held-accepted-1'), claimedAt)).toMatchObject({ provider: 'sendgrid', externalId: taken!.msgId });
});

it('refuses a hold that names no address or no stage, and a lag that is not a number of milliseconds', async () => {
  expect((await hold('not-an-address', 'received')).status).toBe(400);
  expect((await hold('someone@example.com', 'later')).status).toBe(400);
  const lag = (ms: unknown) => fetch(`${sendgrid.url}/_sandbox/activity-lag`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
  expect((await lag(-1)).status).toBe(400);
  expect((await lag('soon')).status).toBe(400);
  expect((await lag(SEARCH_LAG_MS)).status).toBe(200);
});
