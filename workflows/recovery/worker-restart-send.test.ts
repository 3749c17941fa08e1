// A worker that dies mid-send: the recovery issue's "worker restarts mid-send send once", with
// nothing stood in for. The worker is a process of its own (the built worker, as production runs
// it) on the time-skipping server, with the real dispatch, Postgres and the twilio SDK against the
// Twilio sandbox. Two episodes each text a borrower while the sandbox holds the send
// (apps/sandboxes/twilio/send-holds.ts): one at `accepted` (Twilio has the message, the activity
// has not heard), one at `received` (the delivery is recorded as sending, Twilio has nothing yet).
// The worker is then killed with SIGKILL, which no handler sees, and a new worker takes each retry
// once the first attempt's heartbeat timeout (20 s without a heartbeat, the recovery-contact-heartbeat
// patch) has run out, well before its 2-minute start-to-close would have (in real time: the test
// server does not skip time while an activity is out). Twilio's status callbacks are held back until then, so
// only Twilio itself can tell the new worker that the first text left. Each borrower must get
// exactly one text, the timeline show the contact once, and the episode go on to its next step.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomInt } from 'node:crypto';
import { carriesReference } from '../../adapters/twilio/delivery-reference.js';
import type { HoldStage, SendHold } from '../../apps/sandboxes/twilio/send-holds.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { caseDetail, duringIndianHours, sent, startTestEpisode, submitPolicy, twilioMessagesTo, untilCase, type CaseDetail } from '../../apps/testkit/recovery-cases.js';
import { startWorkerProcess, type WorkerProcess } from '../../apps/testkit/worker-process.js';
import { ContactDeliveryRepository, type DeliveryRecord } from '../../db/repositories/contact-delivery.repository.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';

/** How long the test waits for the new worker's sends: the 2-minute start-to-close, the retry's backoff and a busy machine's slack. */
const RECOVERED_WITHIN_MS = 200_000;
/**
 * How soon after the kill each send must be retried and sent: the 20-second heartbeat timeout, the
 * retry's 5-second backoff and the new worker's start, with slack for a busy machine. Without the
 * heartbeat the retry waits for the start-to-close, 2 minutes from a start a few seconds before the kill.
 */
const HEARTBEAT_RECOVERY_MS = 100_000;
/**
 * The test server never moves a workflow task off a dead worker's sticky queue (a real server does
 * after the sticky schedule-to-start timeout, 10 s): without a workflow cache there is no sticky
 * queue, and the new worker takes the episode's next workflow task as a real server would let it.
 */
const NO_STICKY_QUEUE = { TEMPORAL_WORKFLOW_CACHE_SIZE: '0' };

interface Snapshot {
  delivery: DeliveryRecord | undefined;
  messages: { sid: string; body: string }[];
  timeline: CaseDetail;
}

interface Episode {
  stage: HoldStage;
  phone: string;
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
const episodes = {} as Record<HoldStage, Episode>;

const twilioSandbox = (path: string, body?: unknown) =>
  fetch(`${h.t.sandboxes.twilio.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const holds = async () => ((await (await twilioSandbox('/_sandbox/holds')).json()) as { holds: SendHold[] }).holds;

async function deliveryOf(workflowId: string): Promise<DeliveryRecord | undefined> {
  const [row] = await h.t.orm.em.fork().execute<{ delivery_key: string }[]>(`select delivery_key from contact_deliveries where workflow_id = ? order by created_at limit 1`, [workflowId]);
  return row ? ((await new ContactDeliveryRepository(h.t.orm.em.fork()).find(row.delivery_key)) ?? undefined) : undefined;
}

async function snapshot(e: Episode): Promise<Snapshot> {
  return { delivery: await deliveryOf(e.workflowId), messages: await twilioMessagesTo(h, e.phone), timeline: await caseDetail(h, e.workflowId) };
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
  await submitPolicy(
    h,
    `
name: text-twice
settings: { weeklyCaps: { sms: 7 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 1 }
      - send: { channel: sms, template: payment_reminder }
      - wait: { days: 30 }
`,
  );
  await duringIndianHours(h);
  expect((await twilioSandbox('/_sandbox/callbacks', { held: true })).status).toBe(200);
  const first = await startWorkerProcess(h.t, NO_STICKY_QUEUE);
  worker = first;
  killedPid = first.pid;

  for (const stage of ['accepted', 'received'] as const) {
    const phone = `+9198${String(randomInt(1e8)).padStart(8, '0')}`;
    expect((await twilioSandbox('/_sandbox/holds', { to: phone, stage })).status).toBe(201);
    const { workflowId } = await startTestEpisode(h, { name: 'Asha Verma', phone, email: `asha.${phone.slice(-8)}@example.com` });
    episodes[stage] = { stage, phone, workflowId };
  }
  // Both sends in flight in the one worker, each held where the worker is to die.
  await until('both sends to be held', async () => (await holds()).every((x) => x.state === 'holding'), 30_000);
  for (const e of Object.values(episodes)) e.atKill = await snapshot(e);

  await first.kill();
  const killedAt = Date.now();
  worker = undefined;
  await until('the held requests to be abandoned', async () => (await holds()).every((x) => x.state === 'abandoned'), 5_000);
  for (const e of Object.values(episodes)) e.afterKill = await snapshot(e);

  const next = await startWorkerProcess(h.t, NO_STICKY_QUEUE);
  worker = next;
  newPid = next.pid;
  for (const e of Object.values(episodes)) {
    await untilCase(h, e.workflowId, (c) => sent(c).length > 0, `the ${e.stage} episode's first text`, { ms: RECOVERED_WITHIN_MS });
    e.recoveredAfterMs = Date.now() - killedAt;
    e.recovered = await snapshot(e);
  }
  expect((await twilioSandbox('/_sandbox/callbacks', { held: false })).status).toBe(200);
}, RECOVERED_WITHIN_MS + 120_000);

afterAll(async () => {
  if (h) for (const e of Object.values(episodes)) await terminateSettled(h.t.env.client, e.workflowId);
  await worker?.stop();
  await h?.close();
});

/** Exactly one text reached the borrower; the timeline shows it once; the retry ran on the new worker. */
async function sentOnceByTheNewWorker(e: Episode): Promise<void> {
  const { delivery, messages, timeline } = e.recovered!;
  const [contact] = sent(timeline);
  const deliveryKey = String(contact?.data.deliveryKey);
  expect(messages).toHaveLength(1);
  expect(carriesReference(messages[0]!.body, deliveryKey)).toBe(true);
  expect(timeline.timeline.filter((x) => x.kind.startsWith('contact_')).map((x) => x.kind)).toEqual(['contact_sent']);
  // The first attempt died with its worker: it never noted an error against the delivery.
  expect(delivery).toMatchObject({ deliveryKey, status: 'sent', provider: 'twilio', externalId: messages[0]!.sid, lastError: null });
  const history = await h.t.env.client.workflow.getHandle(e.workflowId).fetchHistory();
  const scheduled = history.events!.find((ev) => ev.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverContact')!;
  const started = history.events!.find((ev) => String(ev.activityTaskStartedEventAttributes?.scheduledEventId) === String(scheduled.eventId))!.activityTaskStartedEventAttributes!;
  expect(started.attempt).toBe(2);
  expect(started.identity).toMatch(new RegExp(`^${newPid}@`));
  // The first attempt was given up for its missing heartbeat, not for running out its 2-minute start-to-close.
  expect(Number(scheduled.activityTaskScheduledEventAttributes?.heartbeatTimeout?.seconds)).toBe(20);
  expect(e.recoveredAfterMs).toBeLessThan(HEARTBEAT_RECOVERY_MS);
  expect(newPid).not.toBe(killedPid);
}

describe('a worker killed mid-send', () => {
  it('after Twilio accepted the text, before the activity reported: the new worker finds it at Twilio and sends nothing more', async () => {
    const e = episodes.accepted;
    // When the worker died, Twilio had the message; the delivery, still sending, knew nothing of it, nor did the episode.
    expect(e.atKill).toMatchObject({ delivery: { status: 'sending', externalId: null, attempts: 1 }, messages: [expect.anything()], timeline: { timeline: expect.not.arrayContaining([expect.objectContaining({ kind: 'contact_sent' })]) } });
    await sentOnceByTheNewWorker(e);
    // The message the killed worker's request made, learnt from Twilio (no callback had arrived): no second request.
    expect(e.recovered!.messages[0]!.sid).toBe(e.atKill!.messages[0]!.sid);
    expect(e.recovered!.delivery!.attempts).toBe(1);
  });

  it('after the delivery was recorded, before Twilio took it: the new worker asks Twilio, then sends it once', async () => {
    const e = episodes.received;
    // When the worker died the delivery was recorded as sending and Twilio had nothing; the abandoned request never took effect.
    expect(e.atKill).toMatchObject({ delivery: { status: 'sending', externalId: null, attempts: 1 }, messages: [], timeline: { timeline: expect.not.arrayContaining([expect.objectContaining({ kind: 'contact_sent' })]) } });
    expect(e.afterKill!.messages).toEqual([]);
    await sentOnceByTheNewWorker(e);
    // Two requests reached Twilio's door; only the second took effect.
    expect(e.recovered!.delivery!.attempts).toBe(2);
  });

  it('both episodes go on to their next step, each text sent once', async () => {
    await h.t.env.sleep('1 day');
    for (const e of Object.values(episodes)) {
      const c = await untilCase(h, e.workflowId, (d) => sent(d).length === 2, `the ${e.stage} episode's second text`, { ms: 60_000 });
      expect(sent(c).map((x) => x.data.template)).toEqual(['reminder', 'payment_reminder']);
      expect(c.status).toBe('running');
      const messages = await twilioMessagesTo(h, e.phone);
      expect(messages).toHaveLength(2);
      for (const key of sent(c).map((x) => String(x.data.deliveryKey))) expect(messages.filter((m) => carriesReference(m.body, key))).toHaveLength(1);
    }
  }, 90_000);
});
