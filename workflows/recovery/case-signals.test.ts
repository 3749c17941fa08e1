// Collectors' work reaching the episode through the signal outbox, on the time-skipping server with
// everything real around it: the API, Postgres, the worker and its relay. A second API over the same
// database whose Temporal connection is closed plays an API process that commits a change and
// cannot signal (it died, or lost Temporal, between the commit and the signal): the change stands,
// its signal waits in the outbox, and the worker's relay delivers it. Signals sent twice (the relay
// sending again one whose mark was lost; a retried request whose first try sent and never finished)
// reach the workflow twice and are applied once. The episode's contact goes out under the heartbeat
// timeout (its send is scheduled with it, behind its patch).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createApi } from '../../apps/api/create-api.js';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { openNotes } from '../../apps/shared/crypto/sealed-note.js';
import { createRecoveryContacts } from '../../apps/shared/recovery-inbox-factory.js';
import { dataConverter } from '../../apps/shared/temporal/data-converter.js';
import { LoanClient } from '../../apps/shared/temporal/loan-client.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { authAsUser } from '../../apps/testkit/tokens.js';
import { duringIndianHours, kinds, sent, startTestEpisode, submitPolicy, untilCase, type CaseDetail } from '../../apps/testkit/recovery-cases.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { EpisodeSignalOutbox } from '../../db/repositories/episode-signal-outbox.repository.js';
import { patchIds } from '../loan/histories/history-files.js';
import { CONTACT_HEARTBEAT } from './activities.js';
import { CASE_SIGNALS_APPLIED_ONCE } from './applied-signals.js';
import { caseOutcomeSignal, caseTouchedSignal } from './definitions.js';

const SKILL = 'signals-desk';
const COLLECTOR = 'col-signals';
const RELAYED_WITHIN_MS = 30_000;

let h: ApiHarness;
let cutOff: { app: INestApplication; base: string };
const episodes: string[] = [];

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  expect((await h.call('PUT', `/v1/recovery/assignees/${COLLECTOR}`, { name: 'Chitra Nair', kind: 'collector', skills: [SKILL], capacity: 10 })).status).toBe(200);
  await submitPolicy(
    h,
    `
name: text-then-desk
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - handoff: { queue: collections, skills: [${SKILL}], priority: 1 }
`,
  );
  // The same API over the same database, its Temporal connection closed: every signal it sends fails.
  const connection = await Connection.connect({ address: h.t.env.address });
  const client = new Client({ connection, namespace: h.t.env.namespace ?? 'default', dataConverter: dataConverter(h.t.keyring) });
  await connection.close();
  const app = await createApi({
    config: h.t.config,
    orm: h.t.orm,
    loans: new LoanClient(client, { taskQueue: h.t.config.temporal.taskQueue, bureauTaskQueue: h.t.config.temporal.bureauTaskQueue }),
    models: h.t.models,
    logger: pino({ level: 'silent' }),
    // The same keys as the harness's API: a collector's note is sealed before it is stored.
    recoveryContacts: createRecoveryContacts({ orm: h.t.orm, keyring: h.t.keyring, identifierKey: h.t.identifierKey, client }),
  });
  await app.listen(0, '127.0.0.1');
  cutOff = { app, base: await app.getUrl() };
});

afterEach(async () => {
  for (const id of episodes.splice(0)) await terminateSettled(h.t.env.client, id);
});

afterAll(async () => {
  await cutOff?.app.close();
  await h?.close();
});

/** A desk request as the collector themselves, to the API that cannot reach Temporal. */
async function viaCutOffApi(path: string, body: unknown, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(`${cutOff.base}${path}`, { method: 'POST', headers: { ...(await authAsUser(COLLECTOR)), 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  await res.text();
  return res.status;
}

const outbox = () => new EpisodeSignalOutbox(h.t.orm.em.fork());

async function untilSignal(id: string, seen: (s: NonNullable<Awaited<ReturnType<EpisodeSignalOutbox['find']>>>) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + RELAYED_WITHIN_MS;
  for (;;) {
    const s = await outbox().find(id);
    if (s && seen(s)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Signals of this name in the episode's history. */
async function signalsReceived(workflowId: string, name: string): Promise<number> {
  const history = await h.t.env.client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === name).length;
}

/** Marks a sent signal unsent and due, as a sender that sent it and died before marking it leaves it. */
async function markLost(id: string): Promise<void> {
  await h.t.orm.em.fork().execute(`update episode_signal_outbox set sent_at = null, result = null, next_attempt_at = now() where id = ?`, [id]);
}

/** An episode for a fresh loan, past its text and handed off to COLLECTOR. */
async function handedOff(): Promise<{ workflowId: string; caseId: string }> {
  await duringIndianHours(h);
  const { workflowId } = await startTestEpisode(h, { name: 'Test Borrower', phone: `+9190000${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`, email: `b.${randomUUID().slice(0, 8)}@example.com` });
  episodes.push(workflowId);
  const c = await untilCase(h, workflowId, (d) => kinds(d).includes('handed_off'), 'the hand-off', { ms: 60_000, advance: '1 hour' });
  expect(c.case?.assigneeId).toBe(COLLECTOR);
  return { workflowId, caseId: c.case!.caseId };
}

const count = (c: CaseDetail, kind: string) => c.timeline.filter((e) => e.kind === kind).length;

describe('signals to an episode through the outbox', () => {
  it('an accept and an outcome committed by an API that cannot reach Temporal reach the episode through the relay; one sent again is applied once', async () => {
    const { workflowId, caseId } = await handedOff();

    expect(await viaCutOffApi(`/v1/desk/cases/${caseId}/accept`, {})).toBe(200);
    const [touch] = await outbox().forWorkflow(workflowId);
    // Committed with the accept; the API's own try failed, so it waits for the relay.
    expect(touch).toMatchObject({ signal: 'caseTouched', sentAt: null, attempts: 1, lastError: expect.any(String), payload: { caseId, by: COLLECTOR, signalId: touch!.id } });
    expect((await h.call<{ status: string }>('GET', `/v1/recovery/work-items/${caseId}`)).body.status).toBe('accepted');
    await untilSignal(touch!.id, (s) => s.result === 'delivered', 'the relay to deliver the accept');
    let c = await untilCase(h, workflowId, (d) => kinds(d).includes('case_touched'), 'the touch in the timeline');
    expect(c.timeline.find((e) => e.kind === 'case_touched')?.data).toEqual({ caseId, by: COLLECTOR });

    const key = randomUUID();
    expect(await viaCutOffApi(`/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached', note: 'spoke on the desk phone' }, { 'Idempotency-Key': key })).toBe(200);
    const outcome = (await outbox().forWorkflow(workflowId)).find((s) => s.signal === 'caseOutcome')!;
    expect(outcome).toMatchObject({ sentAt: null, attempts: 1, payload: { caseId, outcome: 'reached', by: COLLECTOR, note: expect.stringMatching(/^f1:/), signalId: outcome.id } });
    // The note is kept and sent sealed (sealed-note.ts).
    expect(openNotes(new FieldCipher(h.t.keyring), outcome.payload).note).toBe('spoke on the desk phone');
    await untilSignal(outcome.id, (s) => s.result === 'delivered', 'the relay to deliver the outcome');
    await untilCase(h, workflowId, (d) => kinds(d).includes('case_outcome'), 'the outcome in the timeline');
    // The same request retried through a working API: it finished before, so it sends nothing.
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached', note: 'spoke on the desk phone' }, { ...(await authAsUser(COLLECTOR)), 'Idempotency-Key': key })).status).toBe(200);

    // Both sent, and both marks lost: the relay sends them again, and the episode hears each twice.
    await markLost(touch!.id);
    await markLost(outcome.id);
    await untilSignal(touch!.id, (s) => s.sentAt !== null && s.attempts === 3, 'the touch sent again');
    await untilSignal(outcome.id, (s) => s.sentAt !== null && s.attempts === 3, 'the outcome sent again');
    expect(await signalsReceived(workflowId, caseTouchedSignal.name)).toBe(2);
    expect(await signalsReceived(workflowId, caseOutcomeSignal.name)).toBe(2);
    // A later outcome through the working API: once it shows, the duplicates before it were handled.
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'no_answer' }, await authAsUser(COLLECTOR))).status).toBe(200);
    c = await untilCase(h, workflowId, (d) => d.timeline.some((e) => e.kind === 'case_outcome' && e.data.outcome === 'no_answer'), 'the later outcome');
    expect(c.timeline.filter((e) => e.kind === 'case_outcome').map((e) => e.data.outcome)).toEqual(['reached', 'no_answer']);
    expect(count(c, 'case_touched')).toBe(1);

    const history = await h.t.env.client.workflow.getHandle(workflowId).fetchHistory();
    expect(patchIds(history)).toEqual(expect.arrayContaining([CONTACT_HEARTBEAT, CASE_SIGNALS_APPLIED_ONCE]));
    // Its text went out as a send with a heartbeat timeout: a worker dying mid-send is found out in 20 s, not 2 minutes.
    expect(sent(c)).toHaveLength(1);
    const scheduled = history.events!.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'deliverContact')!.activityTaskScheduledEventAttributes!;
    expect(Number(scheduled.heartbeatTimeout?.seconds)).toBe(20);
  });

  it('a retried outcome whose first try sent its signal and died before finishing sends the same signal again, and the episode applies it once', async () => {
    const { workflowId, caseId } = await handedOff();
    const key = randomUUID();
    const send = async () => h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'refused' }, { ...(await authAsUser(COLLECTOR)), 'Idempotency-Key': key });
    expect((await send()).status).toBe(200);
    const [outcome] = await outbox().forWorkflow(workflowId);
    expect(outcome).toMatchObject({ signal: 'caseOutcome', result: 'delivered', attempts: 1 });
    await untilCase(h, workflowId, (d) => kinds(d).includes('case_outcome'), 'the outcome');

    // The first try died after the signal left and before it was marked sent or the request finished.
    await markLost(outcome!.id);
    await h.t.orm.em.fork().execute(`update recovery_case_events set data = data - 'told' where case_id = ? and kind = 'outcome'`, [caseId]);
    expect((await send()).status).toBe(200);
    // Sent again by the retry (or by the relay, had it come first): either way one more try.
    await untilSignal(outcome!.id, (s) => s.result === 'delivered' && s.attempts === 2, 'the outcome sent again');
    expect(await signalsReceived(workflowId, caseOutcomeSignal.name)).toBe(2);
    expect((await h.call('POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'no_answer' }, await authAsUser(COLLECTOR))).status).toBe(200);
    const c = await untilCase(h, workflowId, (d) => d.timeline.some((e) => e.kind === 'case_outcome' && e.data.outcome === 'no_answer'), 'the later outcome');
    expect(c.timeline.filter((e) => e.kind === 'case_outcome').map((e) => e.data.outcome)).toEqual(['refused', 'no_answer']);
    // One call per request in the contact log, whatever was sent again.
    const [calls] = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from contact_deliveries where workflow_id = ? and provider = 'collector'`, [workflowId]);
    expect(Number(calls!.n)).toBe(2);
  });
});
