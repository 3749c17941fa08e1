// The collector desk as real users work it: every collector signs in with their own token (their
// `sub` is their assignee ID) and the desk acts as them. Every action (queue, accept, outcomes, a
// promise, a plan or settlement asked for, notes, decline with a reason, pick up), the refusals
// (another collector's case: 404; a case one may see and not act on: 409; a malformed body: 400 or
// 422 with its fields), a high-balance case that only a certified collector may take, and the SLA
// watchdog moving an untouched case to someone else with the breach counted against its holder.
// The real API on the time-skipping Temporal server (the 5 days pass in a moment), PostgreSQL, the
// worker and its relay, with real recovery episodes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { isSealed } from '../../shared/crypto/sealed-note.js';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { kinds, loanIntoArrears, startTestEpisode, submitPolicy, untilCase } from '../../testkit/recovery-cases.js';
import { terminateSettled } from '../../testkit/terminate-settled.js';
import { authAs, authAsUser } from '../../testkit/tokens.js';
import type { Problem } from '../http/problem.js';

const ANA = 'col-desk-ana';
const BEN = 'col-desk-ben';
const CID = 'col-desk-cid';
const DEV = 'col-desk-dev';
/** INR minor units: an account owing this much or more needs a certified collector (the policy below). */
const CERTIFIED_FROM = 100_000_000;

interface WorkItem {
  caseId: string;
  status: string;
  assigneeId: string | null;
  skills: string[];
  declinedBy: string[];
}
type CaseEvent = { kind: string; by: string | null; assigneeId: string | null; data: Record<string, unknown> };
type Detail = { timeline: { kind: string; data: Record<string, unknown> }[]; caseEvents: CaseEvent[] };

let h: ApiHarness;
const episodes: string[] = [];

/** The desk, as collector `who`. */
async function desk<T = WorkItem>(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return h.call<T>(method, path, body, { ...(await authAsUser(who)), ...headers });
}

/** Ops set who is on the desk: those named active with their skills and capacity, the rest off. */
async function staff(on: Record<string, { skills: string[]; capacity: number }>): Promise<void> {
  for (const id of [ANA, BEN, CID, DEV]) {
    const s = on[id] ?? { skills: ['desk'], capacity: 5 };
    expect((await h.call('PUT', `/v1/recovery/assignees/${id}`, { name: id, kind: 'collector', skills: s.skills, capacity: s.capacity, active: id in on })).status).toBe(200);
  }
}

/** An episode handed off at once; `until` says what the case must show. */
async function handedOff(until: (c: { assigneeId: string | null } | null) => boolean, overdueMinor?: number): Promise<{ loanId: string; workflowId: string; caseId: string }> {
  const { loanId, workflowId } = await startTestEpisode(h, { name: 'Desk Borrower', phone: `+9190002${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`, email: `desk.${randomUUID().slice(0, 8)}@example.com` }, {}, overdueMinor);
  episodes.push(workflowId);
  const c = await untilCase(h, workflowId, (d) => kinds(d).includes('handed_off') && until(d.case), 'the hand-off', { ms: 60_000 });
  return { loanId, workflowId, caseId: c.case!.caseId };
}

const eventsOf = async (caseId: string) => h.t.orm.em.fork().execute<{ kind: string; by: string | null; data: Record<string, unknown> }[]>(`select kind, by, data from recovery_case_events where case_id = ? order by id`, [caseId]);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  await submitPolicy(
    h,
    `
name: straight-to-the-desk
settings:
  weeklyCaps: { sms: 3 }
  fallback: {}
  promiseToleranceBps: 100
  promiseMaxDays: 30
  certifiedHandoff: { minBalanceMinor: { INR: ${CERTIFIED_FROM} } }
rules:
  - id: desk
    when: {}
    path:
      - handoff: { queue: desk, skills: [desk], priority: 1 }
`,
    { author: 'desk' },
  );
}, 120_000);

afterAll(async () => {
  for (const id of episodes) await terminateSettled(h.t.env.client, id).catch(() => undefined);
  await h?.close();
});

describe('the collector desk', () => {
  let first: { loanId: string; workflowId: string; caseId: string };

  it('a case given to a collector is in their queue and nobody else\'s; they accept it, as themselves', async () => {
    await staff({ [ANA]: { skills: ['desk'], capacity: 1 }, [BEN]: { skills: ['desk'], capacity: 5 } });
    first = await handedOff((c) => c?.assigneeId === ANA);
    const queue = await desk<{ items: WorkItem[] }>(ANA, 'GET', '/v1/desk/queue');
    expect(queue.body.items).toEqual([expect.objectContaining({ caseId: first.caseId, status: 'open', assigneeId: ANA })]);
    expect((await desk<{ items: WorkItem[] }>(ANA, 'GET', '/v1/desk/queue?status=accepted')).body.items).toEqual([]);
    expect((await desk<{ items: WorkItem[] }>(BEN, 'GET', '/v1/desk/queue')).body.items).toEqual([]);
    // Another collector's case does not exist for Ben: not to read, not to act on.
    for (const [method, path] of [['GET', `/v1/recovery/work-items/${first.caseId}`], ['GET', `/v1/recovery/cases/${first.workflowId}`], ['GET', `/v1/loans/${first.loanId}/contact-standing`], ['POST', `/v1/desk/cases/${first.caseId}/accept`]] as const) {
      expect({ path, status: (await desk(BEN, method, path)).status }).toEqual({ path, status: 404 });
    }
    // Ops and admin are nobody's assignee at the desk.
    const admin = await h.call<Problem>('POST', `/v1/desk/cases/${first.caseId}/accept`);
    expect([admin.status, admin.body.type]).toEqual([403, 'https://credence.dev/problems/not-an-assignee']);
    expect((await h.call('GET', '/v1/desk/queue', undefined, await authAs('ops'))).status).toBe(403);

    const accepted = await desk(ANA, 'POST', `/v1/desk/cases/${first.caseId}/accept`);
    expect([accepted.status, accepted.body]).toEqual([200, expect.objectContaining({ status: 'accepted', assigneeId: ANA })]);
    expect((await desk(ANA, 'POST', `/v1/desk/cases/${first.caseId}/accept`)).status).toBe(200);
    expect((await eventsOf(first.caseId)).filter((e) => e.kind === 'accepted')).toEqual([expect.objectContaining({ by: ANA })]);
  });

  it('refuses malformed bodies with their fields, and any body that names the assignee', async () => {
    const outcome = (body: unknown) => desk<Problem>(ANA, 'POST', `/v1/desk/cases/${first.caseId}/outcomes`, body);
    const cases: [unknown, number, string][] = [
      [{ outcome: 'talked' }, 400, 'outcome'],
      [{ outcome: 'reached', assigneeId: BEN }, 400, 'assigneeId'],
      [{ outcome: 'promised', promise: { amountMinor: -5, dueOn: 'soon' } }, 400, 'promise.amountMinor'],
      [{ outcome: 'plan_requested' }, 422, 'plan'],
      [{ outcome: 'plan_requested', plan: { kind: 'amnesty' } }, 400, 'plan.kind'],
      [{ outcome: 'reached', plan: { kind: 'plan' } }, 422, 'plan'],
      [{ outcome: 'reached', note: '   ' }, 400, 'note'],
    ];
    for (const [body, status, field] of cases) {
      const answer = await outcome(body);
      expect({ body, status: answer.status, fields: (answer.body.errors ?? []).map((e) => e.field) }).toEqual({ body, status, fields: expect.arrayContaining([field]) });
    }
    expect((await desk<Problem>(ANA, 'POST', `/v1/desk/cases/${first.caseId}/decline`, {})).status).toBe(400);
    expect((await desk<Problem>(ANA, 'POST', `/v1/desk/cases/${first.caseId}/notes`, { note: '' })).status).toBe(400);
    // None of them recorded a call or an outcome.
    expect((await eventsOf(first.caseId)).filter((e) => e.kind === 'outcome')).toEqual([]);
  });

  it('logs outcomes, a promise, a request for a settlement and notes as the collector; free text is sealed, and opened for readers', async () => {
    const { caseId, workflowId, loanId } = first;
    const reached = await desk(ANA, 'POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'reached', note: 'Spoke to the borrower; salary on the 10th' }, { 'Idempotency-Key': randomUUID() });
    expect(reached.status).toBe(200);
    const promised = await desk(ANA, 'POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'promised', promise: { amountMinor: 500_000, dueOn: inDays(5) } });
    expect(promised.status).toBe(200);
    const plan = await desk(ANA, 'POST', `/v1/desk/cases/${caseId}/outcomes`, { outcome: 'plan_requested', plan: { kind: 'settlement' } });
    expect(plan.status).toBe(200);
    expect((await desk(ANA, 'POST', `/v1/desk/cases/${caseId}/notes`, { note: 'Call after 6pm on +91 90000 12345' })).status).toBe(200);
    // A promise through the loan's route names its taker: only the caller.
    const someoneElse = await desk<Problem>(ANA, 'POST', `/v1/loans/${loanId}/promises`, { amountMinor: 100_000, dueOn: inDays(3), takenBy: BEN });
    expect([someoneElse.status, someoneElse.body.errors?.[0]?.field]).toEqual([422, 'takenBy']);
    expect((await desk(BEN, 'POST', `/v1/loans/${loanId}/promises`, { amountMinor: 100_000, dueOn: inDays(3) })).status).toBe(404);

    // Stored: every outcome and note by Ana, the free text sealed.
    const stored = await eventsOf(caseId);
    expect(stored.filter((e) => e.kind === 'outcome').map((e) => [e.by, e.data.outcome, e.data.plan ?? null])).toEqual([
      [ANA, 'reached', null],
      [ANA, 'promised', null],
      [ANA, 'plan_requested', { kind: 'settlement' }],
    ]);
    const notes = stored.filter((e) => typeof e.data.note === 'string').map((e) => e.data.note);
    expect(notes).toHaveLength(2);
    expect(notes.every(isSealed)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('90000 12345');

    // Read back, opened, in the case's events; the episode took the promise and heard each outcome.
    const c = await untilCase(h, workflowId, (d) => (d as unknown as Detail).timeline.filter((e) => e.kind === 'case_outcome').length === 3, 'the three outcomes in the timeline');
    const detail = c as unknown as Detail;
    expect(detail.timeline.filter((e) => e.kind === 'case_outcome').map((e) => [e.data.outcome, e.data.by])).toEqual([['reached', ANA], ['promised', ANA], ['plan_requested', ANA]]);
    expect(detail.timeline.find((e) => e.kind === 'promise_made')?.data).toMatchObject({ amountMinor: 500_000, source: 'collector' });
    const asAna = (await desk<Detail>(ANA, 'GET', `/v1/recovery/cases/${workflowId}`)).body;
    expect(asAna.caseEvents.filter((e) => e.kind === 'note')).toEqual([expect.objectContaining({ by: ANA, data: { note: 'Call after 6pm on +91 90000 12345' } })]);
    expect(asAna.caseEvents.find((e) => e.kind === 'outcome' && e.data.outcome === 'plan_requested')?.data).toMatchObject({ plan: { kind: 'settlement' } });
  });

  it('a declined case goes to nobody who declined it; it waits, and the collector who declined it may still pick it up by choice', async () => {
    // Ana is full (one case, her capacity): the next case goes to Ben.
    const second = await handedOff((c) => c?.assigneeId === BEN);
    const declined = await desk(BEN, 'POST', `/v1/desk/cases/${second.caseId}/decline`, { reason: 'Borrower is my neighbour' });
    expect([declined.status, declined.body]).toEqual([200, expect.objectContaining({ assigneeId: null, status: 'open', declinedBy: [BEN] })]);
    const reason = (await eventsOf(second.caseId)).find((e) => e.kind === 'declined')!.data.reason;
    expect(isSealed(reason)).toBe(true);
    // It waits: Ana has no room (she may not see it), Ben may take it back.
    expect((await desk<{ items: WorkItem[] }>(ANA, 'GET', '/v1/desk/available')).body.items).toEqual([]);
    expect((await desk(ANA, 'GET', `/v1/recovery/work-items/${second.caseId}`)).status).toBe(404);
    expect((await desk(ANA, 'POST', `/v1/desk/cases/${second.caseId}/pick-up`)).status).toBe(404);
    expect((await desk<{ items: WorkItem[] }>(BEN, 'GET', '/v1/desk/available')).body.items.map((i) => i.caseId)).toEqual([second.caseId]);
    // Seen but not his to work until he picks it up.
    expect((await desk(BEN, 'POST', `/v1/desk/cases/${second.caseId}/accept`)).status).toBe(409);
    expect((await desk(BEN, 'POST', `/v1/desk/cases/${second.caseId}/outcomes`, { outcome: 'no_answer' })).status).toBe(409);

    const picked = await desk(BEN, 'POST', `/v1/desk/cases/${second.caseId}/pick-up`);
    expect([picked.status, picked.body]).toEqual([200, expect.objectContaining({ assigneeId: BEN, status: 'accepted' })]);
    expect((await desk(BEN, 'POST', `/v1/desk/cases/${second.caseId}/pick-up`)).status).toBe(409);
    expect((await desk<{ items: WorkItem[] }>(BEN, 'GET', '/v1/desk/queue')).body.items.map((i) => i.caseId)).toContain(second.caseId);
    // The episode heard who took it: its SLA clock starts from the pick-up.
    await untilCase(h, second.workflowId, (d) => (d as unknown as Detail).timeline.some((e) => e.kind === 'case_touched' && e.data.by === BEN), 'the pick-up in the timeline');
  });

  it('a high-balance case goes only to a certified collector: it waits for one, and goes to them when they join', async () => {
    await staff({ [ANA]: { skills: ['desk'], capacity: 1 }, [BEN]: { skills: ['desk'], capacity: 5 } });
    const big = await handedOff((c) => c !== null && c.assigneeId === null, Math.ceil(CERTIFIED_FROM / 6));
    const waiting = (await h.call<WorkItem>('GET', `/v1/recovery/work-items/${big.caseId}`)).body;
    expect(waiting).toMatchObject({ assigneeId: null, skills: ['desk', 'certified'] });
    // Ben has room but not the skill: nothing to pick up, nothing to see.
    expect((await desk<{ items: WorkItem[] }>(BEN, 'GET', '/v1/desk/available')).body.items).toEqual([]);
    expect((await desk(BEN, 'POST', `/v1/desk/cases/${big.caseId}/pick-up`)).status).toBe(404);
    // A certified collector comes on: the waiting case is theirs at once.
    await staff({ [ANA]: { skills: ['desk'], capacity: 1 }, [BEN]: { skills: ['desk'], capacity: 5 }, [CID]: { skills: ['desk', 'certified'], capacity: 5 } });
    expect((await desk<{ items: WorkItem[] }>(CID, 'GET', '/v1/desk/queue')).body.items.map((i) => i.caseId)).toContain(big.caseId);
    // An ordinary case still goes round-robin to the uncertified (Cid has had his turn).
    const ordinary = await handedOff((c) => c?.assigneeId !== null && c?.assigneeId !== undefined);
    expect((await h.call<WorkItem>('GET', `/v1/recovery/work-items/${ordinary.caseId}`)).body).toMatchObject({ skills: ['desk'], assigneeId: BEN });
  });

  it('a case untouched for 5 days is taken from its holder, the breach counted against them, and given to someone else', async () => {
    // Room enough that every case whose SLA lapses with it can move: only Dev and Cid are on.
    await staff({ [DEV]: { skills: ['desk'], capacity: 50 } });
    const held = await handedOff((c) => c?.assigneeId === DEV);
    await staff({ [DEV]: { skills: ['desk'], capacity: 50 }, [CID]: { skills: ['desk', 'certified'], capacity: 50 } });
    await h.t.env.sleep('5 days');
    const c = await untilCase(h, held.workflowId, (d) => kinds(d).includes('sla_breached'), 'the SLA breach');
    const breach = (c as unknown as Detail).timeline.find((e) => e.kind === 'sla_breached')!.data;
    expect(breach).toMatchObject({ reassignedTo: CID });
    // Dev no longer sees it; Cid has it in his queue.
    expect((await desk(DEV, 'GET', `/v1/recovery/work-items/${held.caseId}`)).status).toBe(404);
    expect((await desk<{ items: WorkItem[] }>(CID, 'GET', '/v1/desk/queue')).body.items.map((i) => i.caseId)).toContain(held.caseId);
    const assignees = await h.call<{ items: { id: string; slaBreaches: number }[] }>('GET', '/v1/recovery/assignees');
    expect(assignees.body.items.find((a) => a.id === DEV)?.slaBreaches).toBeGreaterThanOrEqual(1);
    // Dev sees only his own row, with the breach.
    expect((await desk<{ items: { id: string; slaBreaches: number }[] }>(DEV, 'GET', '/v1/recovery/assignees')).body.items).toEqual([expect.objectContaining({ id: DEV, slaBreaches: expect.any(Number) })]);
    // A call Dev made on it meanwhile is still recorded (the gate counts it), and refused: it is no longer his.
    const late = await desk(DEV, 'POST', `/v1/desk/cases/${held.caseId}/outcomes`, { outcome: 'reached' });
    expect(late.status).toBe(409);
    const [calls] = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from contact_deliveries where loan_id = ? and provider = 'collector'`, [held.loanId]);
    expect(calls!.n).toBe('1');
  });

  it('a collector reads the loan of a case they hold, and no other loan', async () => {
    await staff({ [BEN]: { skills: ['desk'], capacity: 50 } });
    const { loanId, workflowId } = await loanIntoArrears(h);
    episodes.push(workflowId);
    await untilCase(h, workflowId, (d) => d.case?.assigneeId === BEN, 'the hand-off to Ben', { ms: 60_000 });
    const loan = await desk<{ loanId: string }>(BEN, 'GET', `/v1/loans/${loanId}`);
    expect([loan.status, loan.body.loanId]).toEqual([200, loanId]);
    // Past the scope, the quote is the loan's to give (a 422 when the server's today is before the
    // disbursement in the time-skipped workflow clock): what matters is that Ben is not told it does not exist.
    expect([200, 422]).toContain((await desk(BEN, 'GET', `/v1/loans/${loanId}/payoff-quote`)).status);
    expect((await desk<{ items: { loanId: string }[] }>(BEN, 'GET', '/v1/loans?limit=100')).body.items.map((l) => l.loanId)).toEqual([loanId]);
    // Ana holds no case of it: the loan does not exist for her, in any route.
    for (const path of [`/v1/loans/${loanId}`, `/v1/loans/${loanId}/payoff-quote`, `/v1/loans/${loanId}/contact-standing`]) expect({ path, status: (await desk(ANA, 'GET', path)).status }).toEqual({ path, status: 404 });
    expect((await desk<{ items: { loanId: string }[] }>(ANA, 'GET', '/v1/loans?limit=100')).body.items.map((l) => l.loanId)).not.toContain(loanId);
  });
});
