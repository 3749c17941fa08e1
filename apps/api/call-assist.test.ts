// The live-call assist over a real WebSocket on the API under test (PostgreSQL, Temporal, the
// worker, the local issuer's tokens): a recovery episode handed off to the demo collector, whose
// scripted calls (the voice sandbox's call-scripts) are streamed segment by segment; who may open a
// call; malformed messages; what a confirmation changes; the gate's hours.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { RecoveryCaseRepository } from '../../db/repositories/recovery-case.repository.js';
import { startApiHarness, type ApiHarness } from '../testkit/api-harness.js';
import { kinds, startTestEpisode, submitPolicy, untilCase } from '../testkit/recovery-cases.js';
import { terminateSettled } from '../testkit/terminate-settled.js';
import { authAs } from '../testkit/tokens.js';
import { loadCallScript, streamCall, unmet } from '../sandboxes/twilio/call-streamer.js';
import { MAX_WAITING_MESSAGES } from './calls/call-assist.gateway.js';

const SKILL = 'call-assist-desk';
/** The demo collector's subject (apps/sandboxes/oidc): the token tokenFor('collector') gives holds her cases. */
const COLLECTOR = 'col-asha';
/** 11:00 in India. */
const DAYTIME_IST = Date.parse('2026-12-02T05:30:00Z');

let h: ApiHarness;
let clock = DAYTIME_IST;
const episodes: string[] = [];

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping', callClock: () => clock });
  expect((await h.call('PUT', `/v1/recovery/assignees/${COLLECTOR}`, { name: 'Asha Rao', kind: 'collector', skills: [SKILL], capacity: 50 })).status).toBe(200);
  await submitPolicy(
    h,
    `
name: straight-to-the-desk
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - handoff: { queue: collections, skills: [${SKILL}], priority: 1 }
`,
  );
});

afterEach(async () => {
  clock = DAYTIME_IST;
  for (const id of episodes.splice(0)) await terminateSettled(h.t.env.client, id);
});

afterAll(async () => {
  await h?.close();
});

async function handedOff(): Promise<{ loanId: string; workflowId: string; caseId: string }> {
  const { loanId, workflowId } = await startTestEpisode(h, { name: 'Priya Sharma', phone: `+9190001${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`, email: `p.${randomUUID().slice(0, 8)}@example.com` });
  episodes.push(workflowId);
  const c = await untilCase(h, workflowId, (d) => kinds(d).includes('handed_off') && d.case?.assigneeId === COLLECTOR, 'the hand-off to the collector', { ms: 60_000, advance: '1 hour' });
  return { loanId, workflowId, caseId: c.case!.caseId };
}

const wsUrl = (query: string) => `${h.base.replace(/^http/, 'ws')}/v1/calls/assist?${query}`;

/** A call held open: send messages, read answers in order. */
async function openCall(query: string, headers: Record<string, string>): Promise<{ send(m: unknown): void; next(): Promise<Record<string, unknown>>; close(): void }> {
  const ws = new WebSocket(wsUrl(query), { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    const w = waiting.shift();
    if (w) w(m);
    else inbox.push(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    next: () => new Promise((resolve, reject) => {
      const m = inbox.shift();
      if (m) return resolve(m);
      waiting.push(resolve);
      setTimeout(() => reject(new Error('no answer within 5 s')), 5_000).unref();
    }),
    close: () => ws.close(1000),
  };
}

/** The HTTP answer to an upgrade the API refused. */
function refusal(query: string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; challenge: string | undefined }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(query), { headers });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the call was opened'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as Record<string, unknown>, challenge: res.headers['www-authenticate'] }));
    });
    ws.once('error', () => undefined);
  });
}

describe('live-call assist', () => {
  it('the collector holding the case streams scripted calls and gets the intents, warnings and next actions the scripts expect, each within a second', async () => {
    const { loanId, caseId } = await handedOff();
    const headers = await authAs('collector');
    for (const name of ['hardship-then-promise', 'stop-and-threat', 'hinglish-promise']) {
      const call = await streamCall(loadCallScript(name), { url: wsUrl(`caseId=${caseId}`), headers });
      expect(call.ready).toMatchObject({ type: 'ready', loanId, caseId, currency: 'INR', jurisdiction: 'IN', warnings: [], risk: { segment: 'reminder', propensityBand: 'medium', dpd: 20 } });
      expect(unmet(call)).toEqual([]);
      for (const s of call.segments) expect(s.screenMs).toBeLessThan(1_000);
    }
    const promise = (await streamCall(loadCallScript('hardship-then-promise'), { url: wsUrl(`loanId=${loanId}`), headers })).segments[5]!.answer;
    expect(promise.nextBestAction).toMatchObject({ code: 'confirm_promise', record: { route: `POST /v1/desk/cases/${caseId}/outcomes`, body: { outcome: 'promised', promise: { amountMinor: 500_000 } } } });
    // Opening a call reads the borrower's data: each is in the audit trail.
    const audit = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from audit_log where action = 'calls.assist' and loan_id = ? and status = 101`, [loanId]);
    expect(Number(audit[0]!.n)).toBe(4);
  });

  it('refuses a call with no credential, without the permission, on a case the caller does not hold, or on no case', async () => {
    const { caseId } = await handedOff();
    const none = await refusal(`caseId=${caseId}`, {});
    expect(none).toMatchObject({ status: 401, body: { status: 401, detail: expect.stringContaining('bearer token') } });
    expect(none.challenge).toBe('Bearer realm="credence"');
    expect(await refusal(`caseId=${caseId}`, { authorization: 'Bearer not-a-token' })).toMatchObject({ status: 401 });
    expect(await refusal(`caseId=${caseId}`, await authAs('underwriter'))).toMatchObject({ status: 403, body: { detail: expect.stringContaining('calls:assist') } });
    // A case placed elsewhere is not there for the agency: the same 404 as an unknown ID.
    expect(await refusal(`caseId=${caseId}`, await authAs('agency', 'agy-northstar'))).toMatchObject({ status: 404, body: { detail: `there is no work item ${caseId}` } });
    expect(await refusal(`caseId=case-recovery-${randomUUID()}-1`, await authAs('ops'))).toMatchObject({ status: 404 });
    expect(await refusal('caseId=12', await authAs('ops'))).toMatchObject({ status: 400, body: { detail: expect.stringContaining('caseId') } });
    expect(await refusal('', await authAs('ops'))).toMatchObject({ status: 400 });
    // ops may listen in on any case.
    const ops = await openCall(`caseId=${caseId}`, await authAs('ops'));
    expect(await ops.next()).toMatchObject({ type: 'ready', caseId });
    ops.close();
  });

  it('refuses a case once it is closed to the collector who held it, and a confirmation on a call that outlasted the hold', async () => {
    const { loanId, caseId } = await handedOff();
    const call = await openCall(`caseId=${caseId}`, await authAs('collector'));
    await call.next();
    call.send({ speaker: 'borrower', text: 'Please stop calling me.' });
    expect(await call.next()).toMatchObject({ type: 'assist', newWarnings: expect.arrayContaining(['stop_request']) });
    // The case closes (as an episode's end closes it) while the call is open: the row keeps its last assignee.
    await new RecoveryCaseRepository(h.t.orm.em.fork()).close(caseId, 'cured', new Date().toISOString());
    call.send({ type: 'confirm', action: 'stop_request', seq: 4 });
    expect(await call.next()).toMatchObject({ type: 'error', seq: 4, status: 403, problems: [{ field: 'action' }] });
    call.close();
    const standing = (await h.call<{ optedOutChannels: string[] }>('GET', `/v1/loans/${loanId}/contact-standing`)).body;
    expect(standing.optedOutChannels).toEqual([]);
    // A new call on the closed case is not the collector's to open, by either ID; ops may still open it.
    expect(await refusal(`caseId=${caseId}`, await authAs('collector'))).toMatchObject({ status: 404 });
    expect(await refusal(`caseId=recovery-${loanId}-1`, await authAs('collector'))).toMatchObject({ status: 404 });
    const ops = await openCall(`caseId=${caseId}`, await authAs('ops'));
    expect(await ops.next()).toMatchObject({ type: 'ready', caseId });
    ops.close();
  });

  it('answers malformed messages with what is wrong with them, and the call goes on', async () => {
    const { caseId } = await handedOff();
    const call = await openCall(`caseId=${caseId}`, await authAs('collector'));
    expect(await call.next()).toMatchObject({ type: 'ready' });
    call.send('this is not json');
    expect(await call.next()).toMatchObject({ type: 'error', status: 400, problems: [{ field: '', message: expect.stringContaining('JSON') }] });
    call.send({ seq: 7, speaker: 'agent', text: '' });
    expect(await call.next()).toEqual({
      type: 'error', seq: 7, status: 400, title: 'Invalid message', detail: expect.any(String),
      problems: [{ field: 'speaker', message: 'speaker is one of borrower, collector' }, { field: 'text', message: 'text is empty' }],
    });
    call.send({ speaker: 'borrower', text: 'x'.repeat(2_001) });
    expect(await call.next()).toMatchObject({ type: 'error', problems: [{ field: 'text', message: expect.stringContaining('2000') }] });
    call.send({ speaker: 'borrower', text: 'hello', loanId: randomUUID() });
    expect(await call.next()).toMatchObject({ type: 'error', status: 422, problems: [{ field: 'loanId' }] });
    call.send({ type: 'confirm', action: 'dispute' });
    expect(await call.next()).toMatchObject({ type: 'error', status: 409, problems: [{ field: 'action', message: 'no dispute was heard on this call' }] });
    call.send({ seq: 8, speaker: 'borrower', text: 'I will pay 2000 tomorrow' });
    expect(await call.next()).toMatchObject({ type: 'assist', seq: 8, intents: [expect.objectContaining({ intent: 'promise_to_pay' })], promise: { amountMinor: 200_000, currency: 'INR' } });
    call.close();
  });

  it('refuses, with an error naming the limit, messages beyond those a call may have waiting, and answers every other one in order', async () => {
    const { caseId } = await handedOff();
    const call = await openCall(`caseId=${caseId}`, await authAs('collector'));
    expect(await call.next()).toMatchObject({ type: 'ready' });
    const sent = MAX_WAITING_MESSAGES * 3;
    // One burst: the socket reads them all before the first is scored.
    for (let seq = 1; seq <= sent; seq++) call.send({ seq, speaker: 'borrower', text: 'I will pay 2000 tomorrow' });
    const answers: Record<string, unknown>[] = [];
    for (let i = 0; i < sent; i++) answers.push(await call.next());
    const refused = answers.filter((a) => a.type === 'error');
    const assisted = answers.filter((a) => a.type === 'assist');
    expect(refused.length).toBeGreaterThan(0);
    expect(assisted.length).toBeGreaterThanOrEqual(MAX_WAITING_MESSAGES);
    expect(refused.length + assisted.length).toBe(sent);
    for (const r of refused) expect(r).toMatchObject({ status: 429, seq: expect.any(Number), detail: expect.stringContaining(`at most ${MAX_WAITING_MESSAGES} messages`) });
    // Each message is answered once: assisted or refused, none dropped.
    expect(new Set(answers.map((a) => a.seq)).size).toBe(sent);
    expect(assisted.map((a) => a.seq)).toEqual([...assisted.map((a) => a.seq as number)].sort((x, y) => x - y));
    // Once answers come back, the call takes segments again.
    call.send({ seq: sent + 1, speaker: 'borrower', text: 'I will pay 2000 tomorrow' });
    expect(await call.next()).toMatchObject({ type: 'assist', seq: sent + 1 });
    call.close();
  });

  it('acts on a stop request and a dispute only once the collector confirms them, through the standing and the desk\'s outcome', async () => {
    const { loanId, caseId } = await handedOff();
    const call = await openCall(`caseId=${caseId}`, await authAs('collector'));
    await call.next();
    call.send({ speaker: 'borrower', text: 'This is not my loan, and please stop calling me.' });
    const heard = await call.next();
    expect(heard).toMatchObject({ type: 'assist', newWarnings: expect.arrayContaining(['stop_request', 'dispute']), nextBestAction: { code: 'honour_stop_request', record: { confirm: 'stop_request' } } });
    const standing = async () => (await h.call<{ optedOutChannels: string[]; dispute: { open: boolean } }>('GET', `/v1/loans/${loanId}/contact-standing`)).body;
    expect(await standing()).toMatchObject({ optedOutChannels: [], dispute: { open: false } });
    call.send({ type: 'confirm', action: 'stop_request', seq: 2 });
    expect(await call.next()).toMatchObject({ type: 'confirmed', seq: 2, action: 'stop_request', nextBestAction: { code: 'record_dispute' } });
    call.send({ type: 'confirm', action: 'dispute', seq: 3 });
    expect(await call.next()).toMatchObject({ type: 'confirmed', action: 'dispute', nextBestAction: { code: 'close_call' } });
    call.close();
    expect(await standing()).toMatchObject({ optedOutChannels: ['voice'], dispute: { open: true } });
    const item = await h.call<{ status: string }>('GET', `/v1/recovery/work-items/${caseId}`);
    expect(item.status).toBe(200);
    const c = await untilCase(h, `recovery-${loanId}-1`, (d) => d.timeline.some((e) => e.kind === 'case_outcome' || JSON.stringify(e.data).includes('disputed')), 'the disputed outcome in the timeline');
    expect(JSON.stringify(c.timeline)).toContain('disputed');
  });

  it('warns at once when the gate would not allow the call: outside the borrower\'s hours', async () => {
    const { caseId } = await handedOff();
    clock = Date.parse('2026-12-02T17:00:00Z'); // 22:30 in India
    const call = await openCall(`caseId=${caseId}`, await authAs('collector'));
    expect(await call.next()).toMatchObject({ type: 'ready', warnings: [{ code: 'gate', rule: 'in.rbi.recovery-hours', severity: 'critical' }], nextBestAction: { code: 'end_call_gate' } });
    call.close();
  });
});
