// A worker that dies mid-send: the recovery issue's "worker restarts mid-send send once", with
// nothing stood in for, on every channel a provider carries. The worker is a process of its own
// (the built worker, as production runs it) on the time-skipping server, with the real dispatch,
// Postgres and the twilio and @sendgrid SDKs against the Twilio and SendGrid sandboxes. Six episodes
// each contact a borrower, by text, by call or by email, while the sandbox holds the send
// (apps/sandboxes/send-holds.ts): for each channel one at `accepted` (the provider has the text,
// call or email, the activity has not heard), one at `received` (the delivery is recorded as
// sending, the provider has nothing yet). The worker is then killed with SIGKILL, which no handler
// sees, and a new worker takes each retry once the first attempt's heartbeat timeout (20 s without
// a heartbeat, the recovery-contact-heartbeat patch) has run out, well before its 2-minute
// start-to-close would have (in real time: the test server does not skip time while an activity is
// out). The providers' callbacks are held back until then, so only the provider itself can tell the
// new worker that the first send left: Twilio's Messages, Twilio's record of a call's requests (its
// Events, naming the delivery), SendGrid's Email Activity search (which lags here, as SendGrid's
// does, and which the worker waits out before it trusts a "not found"). Each borrower must get exactly one contact by the providers' own
// records, the timeline show it once, and the episode go on to its next step.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import type { HoldStage, SendHold } from '../../apps/sandboxes/send-holds.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { completeProviderRecords, providerRecords, type ProviderRecord, type RecordedChannel } from '../../apps/testkit/provider-records.js';
import { caseDetail, duringIndianHours, sent, startTestEpisode, submitPolicy, untilCase, type CaseDetail } from '../../apps/testkit/recovery-cases.js';
import { startWorkerProcess, type WorkerProcess } from '../../apps/testkit/worker-process.js';
import { ContactDeliveryRepository, type DeliveryRecord } from '../../db/repositories/contact-delivery.repository.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';

/** How long the test waits for the new worker's sends at most: the 2-minute start-to-close, the retry's backoff and a busy machine's slack. */
const RECOVERED_WITHIN_MS = 200_000;
/**
 * The test server never moves a workflow task off a dead worker's sticky queue (a real server does
 * after the sticky schedule-to-start timeout, 10 s): without a workflow cache there is no sticky
 * queue, and the new worker takes the episode's next workflow task as a real server would let it.
 */
const NO_STICKY_QUEUE = { TEMPORAL_WORKFLOW_CACHE_SIZE: '0' };
/**
 * How soon after the kill each send must be retried and sent: the 20-second heartbeat timeout, the
 * retry's 5-second backoff and the new worker's start, with slack for a busy machine. Without the
 * heartbeat the retry waits for the start-to-close, 2 minutes from a start a few seconds before the kill.
 * An email's retry may also wait out the workers' allowance for SendGrid's search lag.
 */
const HEARTBEAT_RECOVERY_MS = 100_000;
/**
 * SendGrid's search shows an email this long after it took it; the workers allow for twice that.
 * The retry comes after the 20-second heartbeat timeout, inside that allowance, so an email retry
 * waits for the search before it trusts a "not found" (also proven, without a kill, in
 * contact-dispatch.test.ts and sendgrid-channel.spec.ts).
 */
const SEARCH_LAG_MS = 10_000;
const WORKER_ENV = { ...NO_STICKY_QUEUE, SENDGRID_ACTIVITY_LAG_MS: String(2 * SEARCH_LAG_MS) };

const CHANNELS = ['sms', 'voice', 'email'] as const satisfies readonly RecordedChannel[];
type Channel = (typeof CHANNELS)[number];
const recoveryBound = (channel: Channel) => HEARTBEAT_RECOVERY_MS + (channel === 'email' ? 2 * SEARCH_LAG_MS : 0);
const PROVIDER = { sms: 'twilio', voice: 'twilio', email: 'sendgrid' } as const;
/** Each channel's episodes owe a balance of their own, by which the policy gives them their path. */
const OVERDUE_MINOR = { sms: 1_450_000, voice: 1_460_000, email: 1_470_000 } as const;
const TEMPLATES = { sms: ['reminder', 'payment_reminder'], voice: ['reminder_call', 'reminder_call'], email: ['reminder', 'payment_reminder'] } as const;
const WHAT = { sms: 'text', voice: 'call', email: 'email' } as const;

interface Snapshot {
  delivery: DeliveryRecord | undefined;
  /** what the provider holds for the borrower, newest first */
  records: ProviderRecord[];
  timeline: CaseDetail;
}

interface Episode {
  channel: Channel;
  stage: HoldStage;
  /** the borrower's number, or email address for email */
  to: string;
  workflowId: string;
  /** when the worker was killed */
  atKill?: Snapshot;
  /** once the killed worker's request was abandoned */
  afterKill?: Snapshot;
  /** once the new worker had sent the contact, before any callback */
  recovered?: Snapshot;
  /** real time from the kill until the contact showed as sent */
  recoveredAfterMs?: number;
}

let h: ApiHarness;
let worker: WorkerProcess | undefined;
let killedPid: number;
let newPid: number;
const episodes: Episode[] = [];
const episode = (channel: Channel, stage: HoldStage) => episodes.find((e) => e.channel === channel && e.stage === stage)!;

const sandbox = (provider: 'twilio' | 'sendgrid', path: string, body?: unknown) =>
  fetch(`${h.t.sandboxes[provider].url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const holds = async () => (await Promise.all((['twilio', 'sendgrid'] as const).map(async (p) => ((await (await sandbox(p, '/_sandbox/holds')).json()) as { holds: SendHold[] }).holds))).flat();
const holdCallbacks = async (held: boolean) => {
  for (const provider of ['twilio', 'sendgrid'] as const) expect((await sandbox(provider, '/_sandbox/callbacks', { held })).status).toBe(200);
};

async function deliveryOf(workflowId: string): Promise<DeliveryRecord | undefined> {
  const [row] = await h.t.orm.em.fork().execute<{ delivery_key: string }[]>(`select delivery_key from contact_deliveries where workflow_id = ? order by created_at limit 1`, [workflowId]);
  return row ? ((await new ContactDeliveryRepository(h.t.orm.em.fork()).find(row.delivery_key)) ?? undefined) : undefined;
}

/** `complete`: once each record can tell its keys (a call that has just left has not ended yet). */
async function snapshot(e: Episode, { complete = false } = {}): Promise<Snapshot> {
  const records = complete ? await completeProviderRecords(h, e.channel, e.to) : await providerRecords(h, e.channel, e.to);
  return { delivery: await deliveryOf(e.workflowId), records, timeline: await caseDetail(h, e.workflowId) };
}

async function until(what: string, done: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  // No workers in this process: the only worker is the process the test kills, then its successor.
  h = await startApiHarness({ server: 'time-skipping', inProcessWorkers: false });
  const path = (first: string, second: string) => `
    path:
      - ${first}
      - wait: { days: 1 }
      - ${second}
      - wait: { days: 30 }`;
  const balance = (c: Channel) => `{ balance: { min: ${OVERDUE_MINOR[c] * 6}, max: ${OVERDUE_MINOR[c] * 6}, currency: INR } }`;
  await submitPolicy(
    h,
    `
name: contact-twice
settings: { weeklyCaps: { sms: 7, voice: 7, email: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: calls
    when: ${balance('voice')}${path('call: { script: reminder_call }', 'call: { script: reminder_call }')}
  - id: emails
    when: ${balance('email')}${path('send: { channel: email, template: reminder }', 'send: { channel: email, template: payment_reminder }')}
  - id: texts
    when: {}${path('send: { channel: sms, template: reminder }', 'send: { channel: sms, template: payment_reminder }')}
`,
  );
  await duringIndianHours(h);
  await holdCallbacks(true);
  expect((await sandbox('sendgrid', '/_sandbox/activity-lag', { ms: SEARCH_LAG_MS })).status).toBe(200);
  const first = await startWorkerProcess(h.t, WORKER_ENV);
  worker = first;
  killedPid = first.pid;

  for (const channel of CHANNELS) {
    for (const stage of ['accepted', 'received'] as const) {
      const phone = `+9198${String(randomInt(1e8)).padStart(8, '0')}`;
      const email = `asha.${phone.slice(-8)}@example.com`;
      const to = channel === 'email' ? email : phone;
      expect((await sandbox(PROVIDER[channel], '/_sandbox/holds', { to, stage })).status).toBe(201);
      const { workflowId } = await startTestEpisode(h, { name: 'Asha Verma', phone, email }, {}, OVERDUE_MINOR[channel]);
      episodes.push({ channel, stage, to, workflowId });
    }
  }
  // Every send in flight in the one worker, each held where the worker is to die.
  await until('every send to be held', async () => (await holds()).every((x) => x.state === 'holding'), 30_000);
  for (const e of episodes) e.atKill = await snapshot(e);

  await first.kill();
  const killedAt = Date.now();
  worker = undefined;
  await until('the held requests to be abandoned', async () => (await holds()).every((x) => x.state === 'abandoned'), 5_000);
  for (const e of episodes) e.afterKill = await snapshot(e);

  const next = await startWorkerProcess(h.t, WORKER_ENV);
  worker = next;
  newPid = next.pid;
  for (const e of episodes) {
    await untilCase(h, e.workflowId, (c) => sent(c).length > 0, `the ${e.channel} ${e.stage} episode's first contact`, { ms: RECOVERED_WITHIN_MS });
    e.recoveredAfterMs = Date.now() - killedAt;
    e.recovered = await snapshot(e, { complete: true });
  }
  await holdCallbacks(false);
}, RECOVERED_WITHIN_MS + 120_000);

afterAll(async () => {
  if (h) for (const e of episodes) await terminateSettled(h.t.env.client, e.workflowId);
  await worker?.stop();
  await h?.close();
});

/** Exactly one contact reached the borrower, by the provider's records; the timeline shows it once; the retry ran on the new worker. */
async function sentOnceByTheNewWorker(e: Episode): Promise<void> {
  const { delivery, records, timeline } = e.recovered!;
  const [contact] = sent(timeline);
  const deliveryKey = String(contact?.data.deliveryKey);
  expect(contact?.data.channel).toBe(e.channel);
  expect(records).toHaveLength(1);
  expect(records[0]!.carries(deliveryKey)).toBe(true);
  expect(timeline.timeline.filter((x) => x.kind.startsWith('contact_')).map((x) => x.kind)).toEqual(['contact_sent']);
  // The first attempt died with its worker: it never noted an error against the delivery. An email's
  // retry may have noted that it waited for SendGrid's lagging search before it found the email.
  const noted = e.channel === 'email' ? expect.stringMatching(/^ContactDispatchWait: email: SendGrid's Email Activity does not show/) : null;
  expect(delivery).toMatchObject({ deliveryKey, status: 'sent', provider: PROVIDER[e.channel], externalId: records[0]!.id });
  if (delivery!.lastError !== null) expect(delivery!.lastError).toEqual(noted);
  const history = await h.t.env.client.workflow.getHandle(e.workflowId).fetchHistory();
  const scheduled = history.events!.find((ev) => ev.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverContact')!;
  const started = history.events!.find((ev) => String(ev.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId))!.activityTaskStartedEventAttributes!;
  // The retry that sent: the second attempt, or for an email a later one after waits for the search.
  if (e.channel === 'email') expect(started.attempt).toBeGreaterThanOrEqual(2);
  else expect(started.attempt).toBe(2);
  expect(started.identity).toMatch(new RegExp(`^${newPid}@`));
  expect(newPid).not.toBe(killedPid);
  // The first attempt was given up for its missing heartbeat, not for running out its 2-minute start-to-close.
  expect(Number(scheduled.activityTaskScheduledEventAttributes?.heartbeatTimeout?.seconds)).toBe(20);
  expect(e.recoveredAfterMs).toBeLessThan(recoveryBound(e.channel));
}

const notSentYet = { timeline: expect.not.arrayContaining([expect.objectContaining({ kind: 'contact_sent' })]) };

describe.each(CHANNELS.map((channel) => [channel, WHAT[channel], PROVIDER[channel] === 'twilio' ? 'Twilio' : 'SendGrid'] as const))('a worker killed mid-send (%s)', (channel, what, provider) => {
  it(`after ${provider} accepted the ${what}, before the activity reported: the new worker finds it at ${provider} and sends nothing more`, async () => {
    const e = episode(channel, 'accepted');
    // When the worker died, the provider had it; the delivery, still sending, knew nothing of it, nor did the episode.
    expect(e.atKill).toMatchObject({ delivery: { status: 'sending', externalId: null, attempts: 1 }, records: [expect.anything()], timeline: notSentYet });
    await sentOnceByTheNewWorker(e);
    // The send the killed worker's request made, learnt from the provider (no callback had arrived): no second request.
    expect(e.recovered!.records[0]!.id).toBe(e.atKill!.records[0]!.id);
    expect(e.recovered!.delivery!.attempts).toBe(1);
  });

  it(`after the delivery was recorded, before ${provider} took the ${what}: the new worker asks ${provider}, then sends it once`, async () => {
    const e = episode(channel, 'received');
    // When the worker died the delivery was recorded as sending and the provider had nothing; the abandoned request never took effect.
    expect(e.atKill).toMatchObject({ delivery: { status: 'sending', externalId: null, attempts: 1 }, records: [], timeline: notSentYet });
    expect(e.afterKill!.records).toEqual([]);
    await sentOnceByTheNewWorker(e);
    // Two requests reached the provider's door; only the second took effect.
    expect(e.recovered!.delivery!.attempts).toBe(2);
  });
});

describe('after the restart', () => {
  it('every episode goes on to its next step, each contact sent once', async () => {
    await h.t.env.sleep('1 day');
    for (const e of episodes) {
      const c = await untilCase(h, e.workflowId, (d) => sent(d).length === 2, `the ${e.channel} ${e.stage} episode's second contact`, { ms: 60_000 });
      expect(sent(c).map((x) => [x.data.channel, x.data.template])).toEqual(TEMPLATES[e.channel].map((t) => [e.channel, t]));
      expect(c.status).toBe('running');
      const records = await completeProviderRecords(h, e.channel, e.to);
      expect(records).toHaveLength(2);
      for (const key of sent(c).map((x) => String(x.data.deliveryKey))) expect(records.filter((r) => r.carries(key))).toHaveLength(1);
    }
  }, 90_000);
});
