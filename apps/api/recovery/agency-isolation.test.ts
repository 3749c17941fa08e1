// Two agencies, each holding cases placed with it (recovery_cases.assignee_id = the agency's ID),
// must never see each other's, through any route an agency may call: the lists (recovery cases,
// work items, the desk's queue and what it may pick up), their filters, one case with its timeline
// and events, the stats, the borrower's contact standing and original creditor, the assignees,
// promises and desk actions on the other's case, and IDs guessed by hand. Outside its scope a case
// or loan answers exactly as one that does not exist (404, the same problem type). The real API
// over the real Temporal dev server and PostgreSQL, with real episodes and tokens from the run's issuer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { kinds, startTestEpisode, submitPolicy, untilCase } from '../../testkit/recovery-cases.js';
import { terminateSettled } from '../../testkit/terminate-settled.js';
import { authAs } from '../../testkit/tokens.js';
import type { Problem } from '../http/problem.js';

const AGENCIES = ['agy-northstar', 'agy-southgate'] as const;
type Agency = (typeof AGENCIES)[number];
const SKILL = 'placement-iso';

interface Placed {
  loanId: string;
  workflowId: string;
  caseId: string;
  agency: Agency;
}

let h: ApiHarness;
const placed: Placed[] = [];

const as = (agency: Agency) => authAs('agency', agency);
const other = (agency: Agency): Agency => (agency === 'agy-northstar' ? 'agy-southgate' : 'agy-northstar');
const own = (agency: Agency) => placed.filter((p) => p.agency === agency);

beforeAll(async () => {
  h = await startApiHarness({ server: 'dev' });
  for (const id of AGENCIES) expect((await h.call('PUT', `/v1/recovery/assignees/${id}`, { name: id, kind: 'agency', skills: [SKILL], capacity: 10 })).status).toBe(200);
  await submitPolicy(
    h,
    `
name: straight-to-an-agency
settings: { weeklyCaps: { sms: 3 }, fallback: {}, promiseToleranceBps: 100, promiseMaxDays: 30 }
rules:
  - id: place
    when: {}
    path:
      - handoff: { queue: placements, skills: [${SKILL}], priority: 1 }
`,
    { author: 'isolation' },
  );
  // Four episodes, one after another: round-robin places two with each agency.
  for (let i = 0; i < 4; i++) {
    const { loanId, workflowId } = await startTestEpisode(h, { name: `Borrower ${i}`, phone: `+9190001${String(i).padStart(5, '0')}`, email: `iso.${randomUUID().slice(0, 8)}@example.com` });
    const c = await untilCase(h, workflowId, (d) => kinds(d).includes('handed_off') && d.case?.assigneeId !== null && d.case?.assigneeId !== undefined, 'the placement', { ms: 60_000 });
    placed.push({ loanId, workflowId, caseId: c.case!.caseId, agency: c.case!.assigneeId as Agency });
  }
  expect(placed.map((p) => p.agency).sort()).toEqual(['agy-northstar', 'agy-northstar', 'agy-southgate', 'agy-southgate']);
}, 240_000);

afterAll(async () => {
  for (const p of placed) await terminateSettled(h.t.env.client, p.workflowId).catch(() => undefined);
  await h?.close();
});

describe.each(AGENCIES)('%s', (agency) => {
  const mine = () => own(agency);
  const theirs = () => own(other(agency));

  it('lists only its own placements: recovery cases (whatever the filter), work items, the desk queue, and nothing to pick up', async () => {
    const cases = await h.call<{ items: { workflowId: string; case: { assigneeId: string } | null }[]; nextCursor: string | null }>('GET', '/v1/recovery/cases?limit=100', undefined, await as(agency));
    expect(cases.status).toBe(200);
    expect(cases.body.items.map((e) => e.workflowId).sort()).toEqual(mine().map((p) => p.workflowId).sort());
    expect(cases.body.items.every((e) => e.case?.assigneeId === agency)).toBe(true);
    // A filter narrows the scope, never widens it.
    for (const query of [`assignee=${other(agency)}`, 'status=running', 'bucket=16-30', 'segment=reminder']) {
      const filtered = await h.call<{ items: { workflowId: string }[] }>('GET', `/v1/recovery/cases?${query}`, undefined, await as(agency));
      expect({ query, status: filtered.status }).toEqual({ query, status: 200 });
      expect(filtered.body.items.every((e) => mine().some((p) => p.workflowId === e.workflowId))).toBe(true);
    }
    // Paged one at a time, the pages hold the same two.
    const first = await h.call<{ items: { workflowId: string }[]; nextCursor: string | null }>('GET', '/v1/recovery/cases?limit=1', undefined, await as(agency));
    const second = await h.call<{ items: { workflowId: string }[]; nextCursor: string | null }>('GET', `/v1/recovery/cases?limit=1&cursor=${encodeURIComponent(first.body.nextCursor!)}`, undefined, await as(agency));
    expect([...first.body.items, ...second.body.items].map((e) => e.workflowId).sort()).toEqual(mine().map((p) => p.workflowId).sort());

    const items = await h.call<{ items: { caseId: string }[] }>('GET', `/v1/recovery/work-items?assignee=${other(agency)}&limit=200`, undefined, await as(agency));
    expect([items.status, items.body.items]).toEqual([200, []]);
    const all = await h.call<{ items: { caseId: string }[] }>('GET', '/v1/recovery/work-items?limit=200', undefined, await as(agency));
    expect(all.body.items.map((i) => i.caseId).sort()).toEqual(mine().map((p) => p.caseId).sort());
    const queue = await h.call<{ items: { caseId: string }[] }>('GET', '/v1/desk/queue', undefined, await as(agency));
    expect(queue.body.items.map((i) => i.caseId).sort()).toEqual(mine().map((p) => p.caseId).sort());
    expect((await h.call<{ items: unknown[] }>('GET', '/v1/desk/available', undefined, await as(agency))).body.items).toEqual([]);
  });

  it('reads its own case, timeline, events and borrower standing; the other agency\'s answer exactly as IDs that do not exist', async () => {
    const [ours] = mine();
    const detail = await h.call<{ timeline: { kind: string }[]; caseEvents: { kind: string; assigneeId: string | null }[]; borrower: { name: string; phone: string } }>('GET', `/v1/recovery/cases/${ours!.workflowId}`, undefined, await as(agency));
    expect(detail.status).toBe(200);
    // Whom to call: named, the number masked.
    expect(detail.body.borrower).toEqual({ name: expect.stringMatching(/^Borrower \d$/), phone: expect.not.stringMatching(/^\+9190001\d{5}$/), email: expect.stringMatching(/^i[^.]+@example\.com$/) });
    expect(detail.body.timeline.map((e) => e.kind)).toContain('handed_off');
    expect(detail.body.caseEvents).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'assigned', assigneeId: agency })]));
    expect((await h.call('GET', `/v1/recovery/work-items/${ours!.caseId}`, undefined, await as(agency))).status).toBe(200);
    const standing = await h.call<{ phone: string | null; email: string | null }>('GET', `/v1/loans/${ours!.loanId}/contact-standing`, undefined, await as(agency));
    expect(standing.status).toBe(200);
    // Masked: what the agency needs to know it may call, not the number.
    expect(standing.body.phone).not.toMatch(/^\+9190001\d{5}$/);
    expect((await h.call('GET', `/v1/loans/${ours!.loanId}/original-creditor`, undefined, await as(agency))).status).toBe(200);

    const unknownLoan = randomUUID();
    const guessed: [string, string][] = [];
    for (const p of theirs()) {
      guessed.push(
        [`/v1/recovery/cases/${p.workflowId}`, `/v1/recovery/cases/recovery-${unknownLoan}-1`],
        [`/v1/recovery/work-items/${p.caseId}`, `/v1/recovery/work-items/case-recovery-${unknownLoan}-1`],
        [`/v1/loans/${p.loanId}/contact-standing`, `/v1/loans/${unknownLoan}/contact-standing`],
        [`/v1/loans/${p.loanId}/original-creditor`, `/v1/loans/${unknownLoan}/original-creditor`],
      );
    }
    for (const [theirPath, nobodysPath] of guessed) {
      const [their, nobodys] = await Promise.all([h.call<Problem>('GET', theirPath, undefined, await as(agency)), h.call<Problem>('GET', nobodysPath, undefined, await as(agency))]);
      expect({ path: theirPath, status: their.status, type: their.body.type }).toEqual({ path: theirPath, status: 404, type: nobodys.body.type });
      expect(nobodys.status).toBe(404);
    }
    // Ops read both agencies' cases.
    for (const p of theirs()) expect((await h.call('GET', `/v1/recovery/cases/${p.workflowId}`)).status).toBe(200);
  });

  it('counts only its own cases in the stats and sees only its own assignee row', async () => {
    const stats = await h.call<{ byBucket: { episodes: number }[] }>('GET', '/v1/recovery/stats', undefined, await as(agency));
    expect(stats.status).toBe(200);
    expect(stats.body.byBucket.reduce((n, g) => n + g.episodes, 0)).toBe(mine().length);
    const assignees = await h.call<{ items: { id: string; openCases: number }[] }>('GET', '/v1/recovery/assignees', undefined, await as(agency));
    expect(assignees.body.items).toEqual([expect.objectContaining({ id: agency, openCases: mine().length })]);
  });

  it('cannot act on the other agency\'s case, nor record a promise on its loan: 404, and nothing is recorded', async () => {
    const [theirCase] = theirs();
    const before = (await h.call<{ assigneeId: string; status: string }>('GET', `/v1/recovery/work-items/${theirCase!.caseId}`)).body;
    for (const [path, body] of [
      [`/v1/desk/cases/${theirCase!.caseId}/accept`, undefined],
      [`/v1/desk/cases/${theirCase!.caseId}/decline`, { reason: 'not ours' }],
      [`/v1/desk/cases/${theirCase!.caseId}/outcomes`, { outcome: 'reached' }],
      [`/v1/desk/cases/${theirCase!.caseId}/notes`, { note: 'peeking' }],
      [`/v1/desk/cases/${theirCase!.caseId}/pick-up`, undefined],
      [`/v1/loans/${theirCase!.loanId}/promises`, { amountMinor: 100_000, dueOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }],
    ] as const) {
      const answer = await h.call('POST', path, body, await as(agency));
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    const rows = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from recovery_case_events where case_id = ? and by = ?`, [theirCase!.caseId, agency]);
    expect(rows[0]!.n).toBe('0');
    const calls = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from contact_deliveries where loan_id = ? and provider = 'collector'`, [theirCase!.loanId]);
    expect(calls[0]!.n).toBe('0');
    // The other agency's case is where it was.
    expect(before).toMatchObject({ assigneeId: other(agency) });
    expect((await h.call<{ assigneeId: string; status: string }>('GET', `/v1/recovery/work-items/${theirCase!.caseId}`)).body).toEqual(before);
  });

  it('works its own case as the agency: accepted and worked by its ID, whoever of its staff signs in', async () => {
    const [ours] = mine();
    const accepted = await h.call<{ status: string; assigneeId: string }>('POST', `/v1/desk/cases/${ours!.caseId}/accept`, undefined, await as(agency));
    expect([accepted.status, accepted.body]).toEqual([200, expect.objectContaining({ status: 'accepted', assigneeId: agency })]);
    const noted = await h.call('POST', `/v1/desk/cases/${ours!.caseId}/notes`, { note: 'Borrower asked for a call back on Monday' }, await as(agency));
    expect(noted.status).toBe(200);
    const detail = await h.call<{ caseEvents: { kind: string; by: string | null; data: { note?: string } }[] }>('GET', `/v1/recovery/cases/${ours!.workflowId}`, undefined, await as(agency));
    expect(detail.body.caseEvents).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'note', by: agency, data: { note: 'Borrower asked for a call back on Monday' } })]));
    // The other agency still cannot read it.
    expect((await h.call('GET', `/v1/recovery/cases/${ours!.workflowId}`, undefined, await as(other(agency)))).status).toBe(404);
  });
});

it('gives an agency no route to loans or the compliance report (no permission: 403)', async () => {
  for (const path of ['/v1/loans', `/v1/loans/${placed[0]!.loanId}`, '/v1/compliance/report?from=2026-01-01&to=2026-12-31']) {
    expect({ path, status: (await h.call('GET', path, undefined, await as('agy-northstar'))).status }).toEqual({ path, status: 403 });
  }
});
