import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewaySandbox, type RunningGatewaySandbox } from './gateway-sandbox.js';
import { JOURNAL_FILE } from './journal.js';
import { startTestWebhookReceiver } from './test-webhook-receiver.js';

const SECRET = 'sk_test_restart';
let dataDir: string;
const running: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'gateway-journal-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(webhookUrl?: string): Promise<RunningGatewaySandbox> {
  const gateway = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'whsec_restart', dataDir, ...(webhookUrl ? { webhookUrl } : {}), webhookRetry: { baseDelayMs: 10 } });
  running.push(gateway);
  return gateway;
}

async function stop(gateway: RunningGatewaySandbox): Promise<void> {
  running.splice(running.indexOf(gateway), 1);
  await gateway.close();
}

async function pay(gateway: RunningGatewaySandbox, key: string, amount = 70_000) {
  const res = await fetch(`${gateway.url}/v1/payouts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ amount, currency: 'INR', destination: { accountNumber: '9988776655', routingCode: 'ICIC0000002', holderName: 'Meera S' }, reference: 'L-42' }),
  });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') };
}

const payouts = async (gateway: RunningGatewaySandbox) =>
  ((await (await fetch(`${gateway.url}/v1/payouts?reference=L-42`, { headers: { authorization: `Bearer ${SECRET}` } })).json()) as { data: { id: string }[] }).data;

describe('gateway sandbox persistence', () => {
  it('keeps payouts and idempotency keys across a restart on the same data directory', async () => {
    const before = await start();
    const first = await pay(before, 'loan-42-disburse');
    await stop(before);

    const after = await start();
    const replay = await pay(after, 'loan-42-disburse');
    expect(replay.text).toBe(first.text);
    expect(replay.replayed).toBe('true');
    expect((await pay(after, 'loan-42-disburse', 70_001)).status).toBe(422);
    expect(await payouts(after)).toHaveLength(1);
  });

  it('forgets everything without a data directory', async () => {
    const memory = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'w' });
    running.push(memory);
    await pay(memory, 'k');
    await stop(memory);
    const fresh = await startGatewaySandbox({ port: 0, secretKey: SECRET, webhookSecret: 'w' });
    running.push(fresh);
    expect((await pay(fresh, 'k')).replayed).toBeNull();
  });

  it('drops a batch torn by a crash mid-append, and keeps appending cleanly after it', async () => {
    const before = await start();
    await pay(before, 'kept');
    await stop(before);
    appendFileSync(join(dataDir, JOURNAL_FILE), '[{"t":"object","object":{"id":"po_torn"');

    const after = await start();
    expect(await payouts(after)).toHaveLength(1);
    await pay(after, 'second');
    await stop(after);
    const lines = readFileSync(join(dataDir, JOURNAL_FILE), 'utf8').trimEnd().split('\n');
    expect(lines.every((l) => Array.isArray(JSON.parse(l)))).toBe(true);

    const again = await start();
    expect(await payouts(again)).toHaveLength(2);
  });

  it('delivers events left pending by the previous run, under their original ids', async () => {
    const receiver = await startTestWebhookReceiver(() => 500);
    running.push(receiver);
    const before = await start(receiver.url);
    await pay(before, 'pending-hook');
    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await stop(before); // with the event still pending: its first attempt got a 500

    const healthy = await startTestWebhookReceiver();
    running.push(healthy);
    const after = await start(healthy.url);
    await after.webhooksSettled();
    expect(healthy.received).toHaveLength(1);
    expect(healthy.received[0]!.rawBody).toBe(receiver.received[0]!.rawBody);
  });
});
