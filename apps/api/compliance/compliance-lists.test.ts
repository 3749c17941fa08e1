// The opt-out and dispute lists through the real API, over the real Temporal test server, PostgreSQL,
// workers and the Twilio sandbox: two sandbox borrowers are texted by a live recovery episode; one
// answers STOP (an opt-out from texts: SMS and WhatsApp, one phone), the other "I don't owe this" (a
// dispute), each through the provider's inbound webhook and the recovery inbox. The STOP ends the
// wait and the case is placed with the one agency (the dispute pauses the other episode). Then the
// lists as compliance, ops and the scoped roles see them, their filters and pages, a verification
// moving the dispute from open to verified, and the queries refused for what they are.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RECOVERY_BORROWERS } from '../../sandboxes/recovery-borrowers.js';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { duringIndianHours, kinds, startTestEpisode, submitPolicy, untilCase, type CaseDetail } from '../../testkit/recovery-cases.js';
import { terminateSettled } from '../../testkit/terminate-settled.js';
import { authAs } from '../../testkit/tokens.js';
import type { Role } from '../auth/roles.js';

let h: ApiHarness;
const episodes: string[] = [];
const stopper = RECOVERY_BORROWERS.find((b) => b.key === 'stopper')!;
const disputer = RECOVERY_BORROWERS.find((b) => b.key === 'disputer')!;
let stopped: { loanId: string; workflowId: string };
let disputed: { loanId: string; workflowId: string };
let startedAt: string;

type OptOut = { id: string; loanId: string; channel: string | null; source: string; actor: string | null; at: string };
type Dispute = { id: string; loanId: string; openedAt: string; source: string; channel: string | null; openedBy: string | null; status: string; verifiedAt: string | null; verifiedBy: string | null };
type List<T> = { items: T[]; nextCursor: string | null };
type Problem = { errors?: { field: string }[] };

const until = (workflowId: string, seen: (c: CaseDetail) => boolean, what: string) => untilCase(h, workflowId, seen, what, { ms: 90_000, advance: '1 hour' });

beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  expect((await h.call('PUT', '/v1/recovery/assignees/agy-northstar', { name: 'Northstar', kind: 'agency', skills: ['negotiation'], capacity: 10 })).status).toBe(200);
  startedAt = new Date().toISOString();
  await submitPolicy(
    h,
    `
name: compliance-lists
settings: { weeklyCaps: { sms: 3, email: 3 }, fallback: { sms: [email] }, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: main
    when: {}
    path:
      - send: { channel: sms, template: reminder }
      - wait: { days: 1, until: [paid, promised, replied] }
      - handoff: { queue: collections, skills: [negotiation], priority: risk_x_balance }
`,
    { author: 'compliance-lists' },
  );
  await duringIndianHours(h);
  stopped = await startTestEpisode(h, stopper);
  disputed = await startTestEpisode(h, disputer);
  episodes.push(stopped.workflowId, disputed.workflowId);
  await until(stopped.workflowId, (c) => kinds(c).includes('reply') && c.case?.assigneeId === 'agy-northstar', "the borrower's STOP and the placement");
  await until(disputed.workflowId, (c) => kinds(c).includes('dispute_opened'), "the borrower's dispute");
}, 240_000);

afterAll(async () => {
  for (const id of episodes) await terminateSettled(h.t.env.client, id).catch(() => undefined);
  await h?.close();
});

async function get<T>(path: string, role: Role = 'compliance', agency?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.base}${path}`, { headers: await authAs(role, agency) });
  return { status: res.status, body: (await res.json()) as T };
}

describe('GET /v1/compliance/opt-outs', () => {
  it("lists the STOP as opt-outs from texts, with how it came and never the borrower's words", async () => {
    const answer = await get<List<OptOut>>('/v1/compliance/opt-outs');
    expect(answer.status).toBe(200);
    expect(answer.body.nextCursor).toBeNull();
    expect(answer.body.items.map((o) => [o.loanId, o.channel, o.source, o.actor]).sort()).toEqual([
      [stopped.loanId, 'sms', 'inbound', null],
      [stopped.loanId, 'whatsapp', 'inbound', null],
    ]);
    for (const o of answer.body.items) {
      expect(Object.keys(o).sort()).toEqual(['actor', 'at', 'channel', 'id', 'loanId', 'source']);
      expect(o.at >= startedAt).toBe(true);
    }
  });

  it('filters by channel and period, and pages with the cursor it answers', async () => {
    expect((await get<List<OptOut>>('/v1/compliance/opt-outs?channel=sms')).body.items.map((o) => o.channel)).toEqual(['sms']);
    expect((await get<List<OptOut>>('/v1/compliance/opt-outs?channel=email')).body.items).toEqual([]);
    expect((await get<List<OptOut>>('/v1/compliance/opt-outs?from=2020-01-01&to=2020-02-01')).body.items).toEqual([]);
    expect((await get<List<OptOut>>(`/v1/compliance/opt-outs?from=${encodeURIComponent(startedAt)}`)).body.items).toHaveLength(2);
    const first = await get<List<OptOut>>('/v1/compliance/opt-outs?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const second = await get<List<OptOut>>(`/v1/compliance/opt-outs?limit=1&cursor=${first.body.nextCursor!}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.id).not.toBe(first.body.items[0]!.id);
    expect(second.body.nextCursor).toBeNull();
  });
});

describe('who reads them', () => {
  // Before the dispute is verified: the episode it pauses is then not handed off (and not placed).
  it('ops and admins read the whole book; a collector or an agency only the borrowers of its cases; an underwriter not at all', async () => {
    const agency = (await get<List<OptOut>>('/v1/compliance/opt-outs', 'agency', 'agy-northstar')).body;
    expect(agency.items.map((o) => o.loanId)).toEqual([stopped.loanId, stopped.loanId]);
    expect((await get<List<Dispute>>('/v1/compliance/disputes', 'agency', 'agy-northstar')).body).toEqual({ items: [], nextCursor: null });
    expect((await get('/v1/compliance/opt-outs', 'collector')).body).toEqual({ items: [], nextCursor: null });
    for (const path of ['/v1/compliance/opt-outs', '/v1/compliance/disputes']) {
      const whole = (await get<List<OptOut>>(path, 'compliance')).body.items;
      expect(whole.length).toBeGreaterThan(0);
      expect((await get<List<OptOut>>(path, 'ops')).body.items).toEqual(whole);
      expect((await get<List<OptOut>>(path, 'admin')).body.items).toEqual(whole);
      expect((await get(path, 'collector')).status).toBe(200);
      expect((await get(path, 'underwriter')).status).toBe(403);
    }
  });

  it('records each read in the audit trail', async () => {
    const [row] = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from audit_log where action in ('ComplianceListsController_optOuts', 'ComplianceListsController_disputes') and kind = 'read'`);
    expect(Number(row!.n)).toBeGreaterThan(10);
  });
});

describe('GET /v1/compliance/disputes', () => {
  it('lists the dispute as open, with the channel of the reply that raised it, and as verified once compliance records that', async () => {
    const open = await get<List<Dispute>>('/v1/compliance/disputes');
    expect(open.status).toBe(200);
    expect(open.body.items).toEqual([
      { id: expect.any(String), loanId: disputed.loanId, openedAt: expect.any(String), source: 'inbound', channel: 'sms', openedBy: null, status: 'open', verifiedAt: null, verifiedBy: null },
    ]);
    expect((await get<List<Dispute>>('/v1/compliance/disputes?status=verified')).body.items).toEqual([]);

    const verified = await h.call('POST', `/v1/recovery/disputes/${disputed.loanId}/verify`, { by: 'compliance.ravi', note: 'Statement sent by post' });
    expect(verified.status).toBe(200);
    const after = await get<List<Dispute>>('/v1/compliance/disputes?status=verified&channel=sms');
    expect(after.body.items).toEqual([{ ...open.body.items[0], status: 'verified', verifiedAt: expect.any(String), verifiedBy: 'compliance.ravi' }]);
    expect(after.body.items[0]!.verifiedAt! >= after.body.items[0]!.openedAt).toBe(true);
    expect((await get<List<Dispute>>('/v1/compliance/disputes?status=open')).body.items).toEqual([]);
    expect((await get<List<Dispute>>('/v1/compliance/disputes?channel=web')).body.items).toEqual([]);
    expect((await get<List<Dispute>>('/v1/compliance/disputes?to=2020-01-01')).body.items).toEqual([]);
  });
});

describe('bad queries', () => {
  it('are 400 problems naming each field', async () => {
    const bad = await get<Problem>('/v1/compliance/disputes?channel=fax&status=closed&limit=0&cursor=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.field).sort()).toEqual(['channel', 'cursor', 'limit', 'status']);
    const reversed = await get<Problem>('/v1/compliance/opt-outs?from=2026-12-01&to=2026-11-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors!.map((e) => e.field)).toEqual(['to']);
    const notInstant = await get<Problem>('/v1/compliance/opt-outs?from=yesterday&channel=web');
    expect(notInstant.status).toBe(400);
    expect(notInstant.body.errors!.map((e) => e.field).sort()).toEqual(['channel', 'from']);
  });
});
