// `npm run bench:send`: send throughput through the channel adapters (the real twilio and
// @sendgrid/mail SDKs) into the Twilio and SendGrid sandboxes, with their status callbacks and
// events posted to a local receiver as they would be to the API. One process holds the client,
// the sandboxes and the receiver, so the figure is an upper bound for one worker on this machine
// talking to a provider that answers at once; real providers add their network latency per send.
// Prints one JSON object: per channel, messages/s and the send latency's percentiles (ms).
import { randomUUID } from 'node:crypto';
import { createContactChannels } from '../adapters/channels/create-contact-channels.js';
import type { OutboundContact } from '../adapters/channels/contact-channels.js';
import { startProviderWebhookReceiver } from '../apps/sandboxes/provider-webhook-receiver.js';
import { startSandboxes } from '../apps/sandboxes/start-sandboxes.js';
import { loadConfig } from '../apps/shared/config.js';
import { loadAverage, machine } from './machine.js';
import { summary, timedPool } from './stats.js';

const count = Number(process.env.SEND_COUNT ?? 2000);
const concurrency = Number(process.env.SEND_CONCURRENCY ?? 32);
const load = loadAverage();

const receiver = await startProviderWebhookReceiver();
const sandboxes = await startSandboxes({ ports: { bureau: 0, aggregator: 0, gateway: 0, twilio: 0, sendgrid: 0, lob: 0 }, apiUrl: receiver.url, replyDelayMs: 0 });
const config = loadConfig({ ...sandboxes.env, PUBLIC_WEBHOOK_BASE: receiver.url });
const channels = createContactChannels(config);

// Numbers and addresses outside the test borrowers' table: delivered, never answered.
const contact = (channel: 'sms' | 'email' | 'voice', i: number): OutboundContact => {
  const deliveryKey = `bench-${randomUUID()}`;
  if (channel === 'email') return { channel, to: `bench.${i}@example.com`, subject: 'Your EMI is overdue', text: 'INR 14,544.57 is overdue.', deliveryKey, unsubscribeUrl: 'http://127.0.0.1/unsubscribe' };
  const to = `+9197${String(i).padStart(8, '0')}`;
  if (channel === 'voice') return { channel, to, twiml: '<Response><Gather numDigits="1"><Say>Press 1.</Say></Gather></Response>', deliveryKey };
  return { channel, to, body: 'Your EMI of INR 14,544.57 is overdue. Reply STOP to opt out.', deliveryKey };
};

const results: Record<string, unknown> = {};
for (const channel of ['sms', 'email', 'voice'] as const) {
  const n = channel === 'voice' ? Math.ceil(count / 4) : count;
  // Warm the connections and the SDKs' code paths first.
  await timedPool(50, concurrency, (i) => channels.send(contact(channel, 90_000_000 + i)));
  const { latencies, elapsedMs } = await timedPool(n, concurrency, (i) => channels.send(contact(channel, i)));
  const s = summary(latencies);
  results[channel] = { sends: n, concurrency, perSecond: Math.round((n / elapsedMs) * 1000), p50Ms: round(s.p50), p99Ms: round(s.p99), maxMs: round(s.max) };
}
await Promise.all([sandboxes.twilio.settled(), sandboxes.sendgrid.settled()]);
const callbacks = receiver.received.length;
await sandboxes.close();
await receiver.close();
console.log(JSON.stringify({ bench: 'sandbox-send', ...results, callbacksReceived: callbacks, machine: machine(load) }));

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
