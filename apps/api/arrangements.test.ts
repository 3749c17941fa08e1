// Plans, restructures, settlements and write-offs through the HTTP API, with maker-checker: the
// real API over the real Temporal dev server, PostgreSQL and workers, each person a demo user with
// a token from the run's issuer. A plan within the default policy's bounds is applied at once; one
// outside them, every settlement and every write-off wait for a second person, who cannot be the
// proposer, and whose approval changes the loan through its workflow.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ApprovalRecord } from '../../db/repositories/approval.repository.js';
import { addDays, addMonths, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { startApiHarness, type ApiHarness } from '../testkit/api-harness.js';
import { application } from '../testkit/applications.js';
import { authAs } from '../testkit/tokens.js';
import { twilioSignature } from '../sandboxes/twilio/twilio-signature.js';
import type { Problem } from './http/problem.js';
import type { LoanDetail } from './loans/loan-view.js';

type Role = 'admin' | 'ops' | 'collector' | 'compliance' | 'agency';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ server: 'dev' });
});
afterAll(async () => {
  await h?.close();
});

async function as<T = Problem>(role: Role, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${h.base}${path}`, {
    method,
    headers: { ...(await authAs(role)), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** A loan disbursed today, being repaid. */
async function activeLoan(): Promise<string> {
  const loanId = await h.t.startLoan(application('approved', { loan: { termMonths: 12 }, consents: { autopay: false } }));
  await h.t.loans.awaitDecision(loanId);
  const active = await h.t.loans.acceptOffer(loanId);
  expect(active.status).toBe('active');
  return loanId;
}

/**
 * The loan's hand-off case, accepted by `assigneeId`: a collector or agency proposes only for the
 * loans of the cases it holds. Written as the case repository writes one (the recovery engine's
 * hand-off is tested on its own); these loans are not delinquent, so no episode opens one.
 */
async function holdCase(loanId: string, assigneeId = 'col-asha'): Promise<void> {
  const workflowId = `recovery-${loanId}-1`;
  await h.t.orm.em.fork().execute(
    `insert into recovery_cases (id, workflow_id, loan_id, queue, skills, priority, status, assignee_id, assigned_at, accepted_at, last_touched_at, declined_by, sla_breaches, opened_at)
     values (?, ?, ?, 'collections', '[]', 1, 'accepted', ?, now(), now(), now(), '[]', 0, now())`,
    [`case-${workflowId}`, workflowId, loanId, assigneeId],
  );
}

const today = (): IsoDate => toIsoDate(Date.now());
const owed = async (loanId: string) => (await h.t.loans.payoffQuote(loanId)).quote!.total;
/** `count` monthly instalments of `total` from a week ahead, the last taking what does not divide. */
function instalments(total: number, count: number): { dueOn: IsoDate; amountMinor: number }[] {
  const each = Math.floor(total / count);
  return Array.from({ length: count }, (_v, i) => ({ dueOn: addMonths(addDays(today(), 7), i), amountMinor: i === count - 1 ? total - each * (count - 1) : each }));
}
const arrangements = (loanId: string) => `/v1/loans/${loanId}/arrangements`;

describe('arrangements through the API, with maker-checker', () => {
  it('applies a plan within the policy bounds at once, proposed by a collector; the loan workflow rebuilds the schedule', async () => {
    const loanId = await activeLoan();
    await holdCase(loanId);
    const total = await owed(loanId);
    const plan = { kind: 'plan', instalments: instalments(total, 3), note: 'lost a month of work' };
    const proposed = await as<ApprovalRecord>('collector', 'POST', arrangements(loanId), plan, { 'Idempotency-Key': `plan-${loanId}` });
    expect(proposed).toMatchObject({ status: 201, body: { kind: 'arrangement', loanId, status: 'applied', reasons: [], proposedBy: 'col-asha', proposedByRoles: ['collector'], decidedBy: null } });
    expect(proposed.body.payload).toMatchObject({ terms: { kind: 'plan', instalments: plan.instalments }, note: 'lost a month of work', policyVersion: 1 });
    // What people write on a proposal may name the borrower: sealed at rest, opened for its readers.
    const [raw] = await h.t.orm.em.fork().execute<{ note: string }[]>(`select payload->>'note' as note from approvals where id = ?`, [proposed.body.id]);
    expect(raw!.note).toMatch(/^f1:/);
    expect(raw!.note).not.toContain('month of work');

    const state = await h.t.loans.state(loanId);
    expect(state.arrangement).toMatchObject({ id: proposed.body.id, kind: 'plan', status: 'active', proposedBy: 'col-asha', approvedBy: null, owedMinor: total });
    const loan = await as<LoanDetail>('ops', 'GET', `/v1/loans/${loanId}`);
    expect(loan.body.schedule.slice(-3).map((l) => [l.dueDate, l.amountDue])).toEqual(plan.instalments.map((i) => [i.dueOn, i.amountMinor]));

    // The retry is the same proposal, applied once; the same key with other terms is refused.
    const retry = await as<ApprovalRecord>('collector', 'POST', arrangements(loanId), plan, { 'Idempotency-Key': `plan-${loanId}` });
    expect(retry).toMatchObject({ status: 201, body: { id: proposed.body.id, status: 'applied', appliedAt: proposed.body.appliedAt } });
    const reused = await as('collector', 'POST', arrangements(loanId), { ...plan, instalments: instalments(total, 2) }, { 'Idempotency-Key': `plan-${loanId}` });
    expect(reused).toMatchObject({ status: 422, body: { type: 'https://credence.dev/problems/idempotency-key-reused' } });
    expect((await as<{ items: ApprovalRecord[] }>('collector', 'GET', arrangements(loanId))).body.items.map((a) => [a.id, a.status])).toEqual([[proposed.body.id, 'applied']]);
  });

  it('holds a plan outside the bounds for a second person; the collector cannot approve it, ops can, and then it changes the loan', async () => {
    const loanId = await activeLoan();
    await holdCase(loanId);
    const total = await owed(loanId);
    const plan = { kind: 'plan', instalments: instalments(total, 12) };
    const proposed = await as<ApprovalRecord>('collector', 'POST', arrangements(loanId), plan);
    expect(proposed).toMatchObject({ status: 202, body: { status: 'pending', proposedBy: 'col-asha', decidedBy: null, appliedAt: null } });
    expect(proposed.body.reasons).toEqual([
      "outside the policy's bounds (/settings/arrangements/plan/maxInstalments): 12 instalments, over the 6 allowed",
      expect.stringMatching(/^outside the policy's bounds \(\/settings\/arrangements\/plan\/maxMonths\): the last instalment on /),
      expect.stringMatching(/^outside the policy's bounds \(\/settings\/arrangements\/plan\/minInstalmentBps\): an instalment of /),
    ]);
    expect((await h.t.loans.state(loanId)).arrangement ?? null).toBeNull();
    expect((await as<{ items: ApprovalRecord[] }>('ops', 'GET', '/v1/approvals?kind=arrangement')).body.items.map((a) => a.id)).toContain(proposed.body.id);

    // A collector may propose but not decide (no approvals:decide): 403 before anything is looked at.
    expect(await as('collector', 'POST', `/v1/approvals/${proposed.body.id}/approve`)).toMatchObject({ status: 403, body: { type: 'https://credence.dev/problems/forbidden' } });
    // Compliance reads it, and changes nothing.
    expect((await as<ApprovalRecord>('compliance', 'GET', `/v1/approvals/${proposed.body.id}`)).body.status).toBe('pending');
    expect((await as('compliance', 'POST', `/v1/approvals/${proposed.body.id}/approve`)).status).toBe(403);

    // What is owed changes while it waits (here a payment of 5,000 comes in; over days, interest
    // accrues): re-quoted on approval, the last instalment takes the difference, to the minor unit.
    const paid = await h.t.loans.recordPayment(loanId, { externalId: `while-pending-${loanId}`, amount: 5_000, currency: 'INR', source: 'api' });
    expect(paid.duplicate).toBe(false);
    expect(await owed(loanId)).toBe(total - 5_000);
    const adjusted = plan.instalments.map((i, k) => (k === 11 ? { ...i, amountMinor: i.amountMinor - 5_000 } : i));
    const approved = await as<ApprovalRecord>('ops', 'POST', `/v1/approvals/${proposed.body.id}/approve`, { note: 'income is seasonal' });
    expect(approved).toMatchObject({ status: 200, body: { status: 'applied', proposedBy: 'col-asha', decidedBy: 'ops', decisionNote: 'income is seasonal' } });
    expect(approved.body.outcome?.requote).toEqual({ proposedMinor: total, owedMinor: total - 5_000, adjustmentMinor: -5_000, asOf: today(), terms: { kind: 'plan', instalments: adjusted } });
    const state = await h.t.loans.state(loanId);
    expect(state.arrangement).toMatchObject({ id: proposed.body.id, kind: 'plan', proposedBy: 'col-asha', approvedBy: 'ops', owedMinor: total - 5_000 });
    expect(state.arrangement!.instalments.map((i) => i.amountMinor)).toEqual(adjusted.map((i) => i.amountMinor));
    // The checker's retry applies nothing twice; someone else's decision now is a 409.
    expect(await as<ApprovalRecord>('ops', 'POST', `/v1/approvals/${proposed.body.id}/approve`)).toMatchObject({ status: 200, body: { status: 'applied', appliedAt: approved.body.appliedAt } });
    expect(await as('admin', 'POST', `/v1/approvals/${proposed.body.id}/reject`)).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/approval-decided' } });
  });

  /** The settlement's loan, still active after it was rejected: the later tests propose on it too (the sandbox bureau's velocity rules limit how many loans one identity may take). */
  let settled: string;

  it('holds every settlement, even within the bounds; the proposer cannot approve it, and a rejection is recorded and changes nothing', async () => {
    const loanId = await activeLoan();
    settled = loanId;
    const total = await owed(loanId);
    const settlement = { kind: 'settlement', instalments: [{ dueOn: addDays(today(), 10), amountMinor: Math.ceil(total * 0.8) }] };
    const proposed = await as<ApprovalRecord>('ops', 'POST', arrangements(loanId), settlement);
    expect(proposed).toMatchObject({ status: 202, body: { status: 'pending', proposedBy: 'ops', reasons: ['a settlement writes money off: a second person approves every one'] } });

    const own = await as('ops', 'POST', `/v1/approvals/${proposed.body.id}/approve`);
    expect(own).toMatchObject({ status: 403, body: { type: 'https://credence.dev/problems/own-proposal' } });
    expect(own.body.detail).toBe(`ops proposed arrangement ${proposed.body.id}: the one who proposes cannot approve or reject it; another person with arrangements:approve decides`);
    expect((await as('ops', 'POST', `/v1/approvals/${proposed.body.id}/reject`)).status).toBe(403);

    const rejected = await as<ApprovalRecord>('admin', 'POST', `/v1/approvals/${proposed.body.id}/reject`, { note: 'she can pay more' });
    expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected', proposedBy: 'ops', decidedBy: 'admin', decisionNote: 'she can pay more', appliedAt: null } });
    expect(await as('admin', 'POST', `/v1/approvals/${proposed.body.id}/approve`)).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/approval-decided' } });
    expect((await h.t.loans.state(loanId)).arrangement ?? null).toBeNull();
    expect((await as<{ items: ApprovalRecord[] }>('ops', 'GET', arrangements(loanId))).body.items).toMatchObject([{ id: proposed.body.id, status: 'rejected', decidedBy: 'admin' }]);
  });

  it('holds a write-off for a second person, one per loan; approved, the loan ends charged off', async () => {
    const loanId = await activeLoan();
    const key = { 'Idempotency-Key': `write-off-${loanId}` };
    const proposed = await as<ApprovalRecord>('ops', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'deceased, no estate' }, key);
    expect(proposed).toMatchObject({ status: 202, body: { kind: 'write_off', loanId, status: 'pending', proposedBy: 'ops', payload: { reason: 'deceased, no estate' } } });
    expect((await as<ApprovalRecord>('ops', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'deceased, no estate' }, key)).body.id).toBe(proposed.body.id);
    expect((await as('ops', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'another reason' }, key)).status).toBe(422);
    // Another person asking while one waits is answered with the one waiting.
    expect((await as<ApprovalRecord>('admin', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'estate closed' })).body).toMatchObject({ id: proposed.body.id, proposedBy: 'ops' });
    // A collector may not propose one.
    expect((await as('collector', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'x' })).status).toBe(403);

    expect(await as('ops', 'POST', `/v1/approvals/${proposed.body.id}/approve`)).toMatchObject({ status: 403, body: { type: 'https://credence.dev/problems/own-proposal' } });
    expect((await as<LoanDetail>('ops', 'GET', `/v1/loans/${loanId}`)).body.status).toBe('active');
    const approved = await as<ApprovalRecord>('admin', 'POST', `/v1/approvals/${proposed.body.id}/approve`);
    expect(approved).toMatchObject({ status: 200, body: { status: 'applied', proposedBy: 'ops', decidedBy: 'admin', outcome: { loan: { status: 'charged_off' } } } });
    expect(await as('ops', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'again' })).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/loan-closed' } });
    // The proposer's retry after the loan closed is still answered with the proposal.
    expect(await as<ApprovalRecord>('ops', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'deceased, no estate' }, key)).toMatchObject({ status: 200, body: { id: proposed.body.id, status: 'applied' } });

    // The audit trail has both people: the proposal, the refused self-approval and the approval.
    const trail = await as<{ items: { actorId: string; action: string; status: number; outcome: string }[] }>('compliance', 'GET', `/v1/audit?loanId=${loanId}&limit=50`);
    expect(trail.body.items.map((e) => [e.actorId, e.action, e.status])).toEqual(expect.arrayContaining([['ops', 'ArrangementsController_writeOff', 202]]));
    const decisions = await as<{ items: { actorId: string; action: string; status: number; outcome: string }[] }>('compliance', 'GET', '/v1/audit?action=ApprovalsController_approve&limit=100');
    expect(decisions.body.items.map((e) => [e.actorId, e.status])).toEqual(expect.arrayContaining([['ops', 403], ['admin', 200]]));
  });

  it('refuses an API key as a checker: maker-checker is between people', async () => {
    const loanId = settled;
    const proposed = await as<ApprovalRecord>('ops', 'POST', `/v1/loans/${loanId}/write-off`, { reason: 'fraud confirmed' });
    const created = await h.call<{ key: string }>('POST', '/v1/api-keys', { name: 'approver bot', roles: ['ops'] });
    expect(created.status).toBe(201);
    const res = await fetch(`${h.base}/v1/approvals/${proposed.body.id}/approve`, { method: 'POST', headers: { 'x-api-key': created.body.key } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).detail).toMatch(/an API key cannot approve/);
  });

  it('refuses terms that are not an arrangement by field (400), that do not fit the loan (422), and loans it cannot take them for', async () => {
    const loanId = settled;
    const before = (await as<{ items: ApprovalRecord[] }>('ops', 'GET', arrangements(loanId))).body.items;
    const total = await owed(loanId);
    const wrongFields = await as('ops', 'POST', arrangements(loanId), { kind: 'restructure', instalments: instalments(total, 2), holidayMonths: 1 });
    expect(wrongFields.status).toBe(400);
    expect(wrongFields.body.errors?.map((e) => e.field).sort()).toEqual(['extraMonths', 'instalments']);
    const noInstalments = await as('ops', 'POST', arrangements(loanId), { kind: 'settlement' });
    expect(noInstalments).toMatchObject({ status: 400, body: { errors: [{ field: 'instalments' }] } });
    const short = await as('ops', 'POST', arrangements(loanId), { kind: 'plan', instalments: instalments(total - 1, 2) });
    expect(short).toMatchObject({ status: 422, body: { type: 'https://credence.dev/problems/invalid-arrangement', errors: [{ field: 'instalments' }] } });
    const past = await as('ops', 'POST', arrangements(loanId), { kind: 'plan', instalments: [{ dueOn: addDays(today(), -1), amountMinor: total }] });
    expect(past).toMatchObject({ status: 422, body: { errors: [{ field: 'instalments[0].dueOn' }] } });
    // The loan workflow's own check: an instalment due today is refused as the workflow would refuse it.
    const dueToday = await as('ops', 'POST', arrangements(loanId), { kind: 'plan', instalments: [{ dueOn: today(), amountMinor: total }] });
    expect(dueToday).toMatchObject({ status: 422, body: { errors: [{ field: 'instalments[0].dueOn', message: `dueOn must be after today, ${today()}` }] } });
    // The domain's bound on a holiday (12 months), not a looser one of the API's.
    const longHoliday = await as('ops', 'POST', arrangements(loanId), { kind: 'restructure', extraMonths: 0, holidayMonths: 13 });
    expect(longHoliday).toMatchObject({ status: 400, body: { errors: [{ field: 'holidayMonths' }] } });
    expect((await as('ops', 'POST', arrangements(randomUUID()), { kind: 'restructure', extraMonths: 3, holidayMonths: 0 })).status).toBe(404);
    expect((await as<{ items: ApprovalRecord[] }>('ops', 'GET', arrangements(loanId))).body.items).toEqual(before);
  });

  it('applies a restructure within the bounds at once, and holds one that cuts the rate too deep; an agency holding no case of the loan cannot touch it', async () => {
    const loanId = settled;
    const apr = (await h.t.loans.state(loanId)).offer!.aprBps;
    // The loan was never placed with the agency: for it the loan is not there, and nothing is recorded.
    expect((await as('agency', 'POST', arrangements(loanId), { kind: 'restructure', extraMonths: 6, holidayMonths: 1, aprBps: apr - 300 })).status).toBe(404);
    expect((await as('collector', 'GET', arrangements(loanId))).status).toBe(404);
    const deep = await as<ApprovalRecord>('ops', 'POST', arrangements(loanId), { kind: 'restructure', extraMonths: 6, holidayMonths: 1, aprBps: apr - 301 });
    expect(deep).toMatchObject({ status: 202, body: { status: 'pending', proposedBy: 'ops', reasons: [`outside the policy's bounds (/settings/arrangements/restructure/maxRateCutBps): a cut of 301 bps (from ${apr}), over the 300 allowed`] } });
    const within = await as<ApprovalRecord>('ops', 'POST', arrangements(loanId), { kind: 'restructure', extraMonths: 6, holidayMonths: 1, aprBps: apr - 300 });
    expect(within).toMatchObject({ status: 201, body: { status: 'applied', reasons: [], decidedBy: null } });
    expect((await h.t.loans.state(loanId)).arrangement).toMatchObject({ id: within.body.id, kind: 'restructure', proposedBy: 'ops', approvedBy: null });
  });

  it("proposes a plan when the borrower replies PLAN 3: within the bounds it is applied, proposed by the reply, once however often the webhook comes", async () => {
    // A number of its own: a reply proposes for every loan of the sender, and the test database is shared.
    const phone = `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const loanId = await h.t.startLoan(application('approved', { applicant: { phone }, loan: { termMonths: 12 }, consents: { autopay: false } }));
    await h.t.loans.awaitDecision(loanId);
    expect((await h.t.loans.acceptOffer(loanId)).status).toBe('active');
    const total = await owed(loanId);
    const path = '/v1/webhooks/twilio/inbound';
    const params = new URLSearchParams({ MessageSid: `SM${randomUUID().replaceAll('-', '')}`, From: phone, To: h.t.config.twilio.fromNumber, Body: 'PLAN 3' });
    const reply = () => fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilioSignature(h.t.config.twilio.authToken, `${h.t.config.twilio.publicWebhookBase}${path}`, params) }, body: params.toString() });
    expect((await reply()).status).toBe(200);
    const [proposal, ...others] = (await as<{ items: ApprovalRecord[] }>('ops', 'GET', arrangements(loanId))).body.items;
    expect(others).toEqual([]);
    expect(proposal).toMatchObject({ kind: 'arrangement', status: 'applied', proposedBy: 'borrower-reply', proposedByRoles: ['borrower'], reasons: [], payload: { terms: { kind: 'plan' } } });
    const terms = proposal!.payload['terms'] as { instalments: { dueOn: string; amountMinor: number }[] };
    expect(terms.instalments).toHaveLength(3);
    expect(terms.instalments.reduce((sum, i) => sum + i.amountMinor, 0)).toBe(total);
    expect(terms.instalments[0]!.dueOn).toBe(addMonths(today(), 1));
    expect((await h.t.loans.state(loanId)).arrangement).toMatchObject({ id: proposal!.id, kind: 'plan', status: 'active', proposedBy: 'borrower-reply' });
    // Twilio retries the webhook: the reply is one reply, the plan one plan.
    expect((await reply()).status).toBe(200);
    expect((await as<{ items: ApprovalRecord[] }>('ops', 'GET', arrangements(loanId))).body.items.map((a) => a.id)).toEqual([proposal!.id]);
  });

  it('holds another arrangement within a year of one applied for a second person (re-ageing), and refuses with 409 to approve a plan that no longer fits', async () => {
    const loanId = settled;
    const applied = (await h.t.loans.state(loanId)).arrangement!;
    const total = await owed(loanId);
    const plan = { kind: 'plan', instalments: instalments(total, 3) };
    const again = await as<ApprovalRecord>('ops', 'POST', arrangements(loanId), plan);
    expect(again).toMatchObject({ status: 202, body: { status: 'pending' } });
    expect(again.body.reasons).toEqual([`the loan had a restructure applied on ${applied.appliedOn} (now active), within 12 months: a second person approves another (it makes the loan current again)`]);

    // A payment larger than the last instalment comes in while it waits: the difference cannot go on it.
    const last = plan.instalments[2]!.amountMinor;
    await h.t.loans.recordPayment(loanId, { externalId: `over-last-${loanId}`, amount: last + 1, currency: 'INR', source: 'api' });
    const refused = await as('admin', 'POST', `/v1/approvals/${again.body.id}/approve`);
    expect(refused).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/arrangement-outdated', errors: [{ field: 'instalments[2].amountMinor' }] } });
    expect(refused.body.detail).toContain(`(${total - last - 1} INR is owed on ${today()}, ${total} when it was proposed)`);
    expect(refused.body.detail).toMatch(/Reject it and have it proposed again$/);
    expect((await as<ApprovalRecord>('ops', 'GET', `/v1/approvals/${again.body.id}`)).body).toMatchObject({ status: 'pending', decidedBy: null });
    expect((await h.t.loans.state(loanId)).arrangement?.id).toBe(applied.id);
    expect((await as<ApprovalRecord>('admin', 'POST', `/v1/approvals/${again.body.id}/reject`)).body.status).toBe('rejected');
  });
});
