// Agencies through the real API, on real PostgreSQL and the real Temporal dev server, each caller
// with its own token from the run's issuer: ops place cases by hand and by rule up to an agency's
// room; the agency (the one its token names) accepts and rejects; ops recall; each episode is told
// of every change of hands (a small workflow stands in for each episode, under its workflow ID,
// and records the signals); performance is exact to the minor unit from payments on the placed
// loans; and one agency never reads or answers another's placements, nor reads its performance.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AgencyPerformance } from '../../../db/repositories/agency-performance.repository.js';
import type { PlacementView } from '../../../db/repositories/agency-placement.repository.js';
import { RecoveryCaseRepository, type CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { toIsoDate } from '../../../domain/calendar.js';
import { dataConverter } from '../../shared/temporal/data-converter.js';
import { startApiHarness, type ApiHarness } from '../../testkit/api-harness.js';
import { authAs } from '../../testkit/tokens.js';
import type { Role } from '../auth/roles.js';
import type { Problem } from '../http/problem.js';
import type { PerformanceReport } from './agency-performance.usecase.js';
import type { AnsweredPlacement } from './answer-placement.usecase.js';
import type { Recall } from './recall-cases.usecase.js';

type Seen = { name: string; payload: Record<string, unknown> };

let h: ApiHarness;
let client: Client;
let standIns: Worker;
let running: Promise<void>;
const queue = `agency-episodes-${randomBytes(4).toString('hex')}`;
const started: string[] = [];
const collector = `col-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  h = await startApiHarness();
  // Its own client: the env replays every workflow its own client started, and the stand-in is not in the worker's bundle.
  client = new Client({ connection: h.t.env.connection, namespace: h.t.env.namespace ?? 'default', dataConverter: dataConverter(h.t.keyring) });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./testing/episode-stand-in.workflows.ts', import.meta.url)), logger: new DefaultLogger('WARN') });
  standIns = await Worker.create({ connection: h.t.env.nativeConnection, namespace: h.t.env.namespace ?? 'default', taskQueue: queue, workflowBundle, dataConverter: dataConverter(h.t.keyring) });
  running = standIns.run();
});

afterAll(async () => {
  await Promise.all(started.map((id) => client.workflow.getHandle(id).signal('finish').catch(() => undefined)));
  standIns?.shutdown();
  await running;
  await h?.close();
});

async function as<T = Problem>(role: Role | `agency:${string}`, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const auth = role.startsWith('agency:') ? await authAs('agency', role.slice('agency:'.length)) : await authAs(role as Role);
  const res = await fetch(`${h.base}${path}`, { method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const NORTHSTAR = 'agency:agy-northstar' as const;
const SOUTHGATE = 'agency:agy-southgate' as const;

interface Episode {
  loanId: string;
  workflowId: string;
  caseId: string;
  signals: () => Promise<Seen[]>;
}

/** A running episode (its stand-in, and its account as the workflow projects it) handed off to the collector, whose skill it needs. */
async function handedOff(skill: string, account: { currency?: string; outstandingMinor?: number; dpd?: number; bucket?: string } = {}): Promise<Episode> {
  const loanId = randomUUID();
  const workflowId = `recovery-${loanId}-1`;
  await client.workflow.start('caseSignalRecorder', { taskQueue: queue, workflowId });
  started.push(workflowId);
  const a = { currency: 'INR', outstandingMinor: 1_000_000, dpd: 45, bucket: '31-60', ...account };
  await h.t.orm.em.fork().execute(
    `insert into recovery_episodes (workflow_id, loan_id, episode, status, stage, currency, product, country, bucket_at_start, bucket, dpd, segment, delinquent_minor, outstanding_minor, started_at, version, updated_at)
     values (?, ?, 1, 'running', 'handed_off', ?, 'personal-loan', 'IN', ?, ?, ?, 'recovery', ?, ?, now(), 1, now())`,
    [workflowId, loanId, a.currency, a.bucket, a.bucket, a.dpd, a.outstandingMinor, a.outstandingMinor],
  );
  const opened = await new RecoveryCaseRepository(h.t.orm.em.fork()).open({ caseId: `case-${workflowId}`, workflowId, loanId, queue: 'collections', skills: [skill], priority: a.outstandingMinor, at: new Date().toISOString() });
  expect(opened.assigneeId).toBe(collector);
  return { loanId, workflowId, caseId: opened.caseId, signals: () => client.workflow.getHandle(workflowId).query<Seen[]>('caseSignalsSeen') };
}

/** Waits until the episode has been told `times` times that `by` touched its case. */
async function toldOf(e: Episode, by: string, times = 1): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const seen = await e.signals();
    if (seen.filter((s) => s.name === 'caseTouched' && s.payload.caseId === e.caseId && s.payload.by === by).length >= times) return;
    if (Date.now() > deadline) throw new Error(`episode ${e.workflowId} was not told of a touch by ${by}: ${JSON.stringify(seen)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function holder(caseId: string): Promise<CaseView> {
  const item = await h.call<CaseView>('GET', `/v1/recovery/work-items/${caseId}`);
  expect(item.status).toBe(200);
  return item.body;
}

async function assignee(id: string, kind: 'collector' | 'agency', skills: string[], capacity: number): Promise<void> {
  expect((await h.call('PUT', `/v1/recovery/assignees/${id}`, { name: id, kind, skills, capacity })).status).toBe(200);
}

describe('placing, answering and recalling', () => {
  const skill = `agency-${randomBytes(3).toString('hex')}`;
  let episodes: Episode[];
  let placement: PlacementView;

  beforeAll(async () => {
    await assignee(collector, 'collector', [skill, `${skill}-rule`], 20);
    // An agency takes a skill once the cases needing it are with the collector: round-robin, which
    // gives a case to the eligible assignee whose turn came longest ago, gives them none.
    episodes = [];
    for (const balance of [1_000_000, 600_000, 300_000]) episodes.push(await handedOff(skill, { outstandingMinor: balance }));
    await assignee('agy-northstar', 'agency', [skill], 2);
    await assignee('agy-southgate', 'agency', [], 5);
  });

  it('ops place cases by hand up to the agency\'s room; each episode is told; the rest is listed with why', async () => {
    const placed = await as<PlacementView>('ops', 'POST', '/v1/agencies/agy-northstar/placements', { caseIds: episodes.map((e) => e.caseId) });
    expect(placed.status).toBe(201);
    placement = placed.body;
    expect(placement).toMatchObject({ agencyId: 'agy-northstar', placedBy: expect.any(String), rule: null, notPlaced: [{ caseId: episodes[2]!.caseId, reason: 'no_room' }] });
    expect(placement.cases.map((c) => [c.caseId, c.balanceMinor, c.currency, c.status]).sort()).toEqual(
      [
        [episodes[0]!.caseId, 1_000_000, 'INR', 'placed'],
        [episodes[1]!.caseId, 600_000, 'INR', 'placed'],
      ].sort(),
    );
    for (const e of episodes.slice(0, 2)) {
      expect((await holder(e.caseId)).assigneeId).toBe('agy-northstar');
      await toldOf(e, placement.placedBy);
    }
    expect((await holder(episodes[2]!.caseId)).assigneeId).toBe(collector);
    expect((await as('ops', 'POST', '/v1/agencies/agy-nowhere/placements', { caseIds: [episodes[2]!.caseId] })).body).toMatchObject({ status: 404, type: 'https://credence.dev/problems/agency-not-found' });
    const both = await as('ops', 'POST', '/v1/agencies/agy-northstar/placements', { caseIds: [episodes[2]!.caseId], rule: { minDpd: 1 } });
    expect(both.body).toMatchObject({ status: 400, errors: [{ field: 'caseIds' }] });
    const unbounded = await as('ops', 'POST', '/v1/agencies/agy-northstar/placements', { rule: { minBalanceMinor: 1 } });
    expect(unbounded.body).toMatchObject({ status: 400, errors: [{ field: 'rule.currency' }] });
  });

  it('another agency neither sees nor answers the placement, nor reads the agency\'s performance', async () => {
    const id = placement.placementId;
    expect((await as(SOUTHGATE, 'GET', `/v1/agencies/placements/${id}`)).status).toBe(404);
    expect((await as(SOUTHGATE, 'POST', `/v1/agencies/placements/${id}/accept`, {})).status).toBe(404);
    expect((await as(SOUTHGATE, 'POST', `/v1/agencies/placements/${id}/reject`, { reason: 'not ours' })).status).toBe(404);
    expect((await as<{ items: PlacementView[] }>(SOUTHGATE, 'GET', '/v1/agencies/placements')).body.items.map((p) => p.placementId)).not.toContain(id);
    expect((await as(SOUTHGATE, 'GET', '/v1/agencies/placements?agency=agy-northstar')).status).toBe(404);
    const today = toIsoDate(Date.now());
    expect((await as(SOUTHGATE, 'GET', `/v1/agencies/performance?from=${today}&to=${toIsoDate(Date.now() + 86_400_000)}&agency=agy-northstar`)).status).toBe(404);
    // Staff who are not an agency's answer for none.
    expect((await h.call('POST', `/v1/agencies/placements/${id}/accept`, {})).status).toBe(404);
    // The agency itself sees it, but not the cases that were not placed with it (other borrowers'
    // loans); ops see the whole record.
    expect((await as<PlacementView>(NORTHSTAR, 'GET', `/v1/agencies/placements/${id}`)).body).toEqual({ ...placement, notPlaced: [] });
    expect((await as<{ items: PlacementView[] }>('ops', 'GET', '/v1/agencies/placements?agency=agy-northstar')).body.items.map((p) => p.placementId)).toContain(id);
  });

  it('the agency accepts one case and rejects the other, which goes round-robin to the collector and never back to it', async () => {
    const [first, second] = episodes as [Episode, Episode];
    const accepted = await as<AnsweredPlacement>(NORTHSTAR, 'POST', `/v1/agencies/placements/${placement.placementId}/accept`, { caseIds: [first.caseId] });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ changed: [first.caseId], refused: [] });
    expect(accepted.body.placement.cases.find((c) => c.caseId === first.caseId)).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
    await toldOf(first, 'agy-northstar');

    const rejected = await as<AnsweredPlacement>(NORTHSTAR, 'POST', `/v1/agencies/placements/${placement.placementId}/reject`, { reason: 'Outside our licensed region' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ changed: [second.caseId], refused: [] });
    await toldOf(second, 'agy-northstar');
    expect(await holder(second.caseId)).toMatchObject({ assigneeId: collector, declinedBy: ['agy-northstar'] });
    const again = await as<PlacementView>('ops', 'POST', '/v1/agencies/agy-northstar/placements', { caseIds: [second.caseId] });
    expect(again.body).toMatchObject({ cases: [], notPlaced: [{ caseId: second.caseId, reason: 'rejected_by_agency' }] });
  });

  it('ops place by rule only the matching cases, then recall the batch to the collector, the episodes told', async () => {
    const rule = `${skill}-rule`;
    const fits = [await handedOff(rule, { dpd: 120, bucket: '91-180', outstandingMinor: 4_000_000 }), await handedOff(rule, { dpd: 95, bucket: '91-180', outstandingMinor: 2_500_000 })];
    const misses = [await handedOff(rule, { dpd: 40, bucket: '31-60', outstandingMinor: 4_000_000 }), await handedOff(rule, { dpd: 120, bucket: '91-180', outstandingMinor: 900_000 }), await handedOff(rule, { dpd: 120, bucket: '91-180', outstandingMinor: 4_000_000, currency: 'USD' })];
    await assignee('agy-southgate', 'agency', [rule], 5);
    const placed = await as<PlacementView>('ops', 'POST', '/v1/agencies/agy-southgate/placements', { rule: { minDpd: 90, currency: 'INR', minBalanceMinor: 1_000_000 } });
    expect(placed.status).toBe(201);
    expect(placed.body.rule).toEqual({ minDpd: 90, currency: 'INR', minBalanceMinor: 1_000_000 });
    expect(placed.body.cases.map((c) => c.caseId).sort()).toEqual(fits.map((e) => e.caseId).sort());
    for (const e of misses) expect((await holder(e.caseId)).assigneeId).toBe(collector);

    const recalled = await as<Recall>('ops', 'POST', '/v1/agencies/agy-southgate/recalls', { placementId: placed.body.placementId, reason: 'Quarterly review' });
    expect(recalled.status).toBe(200);
    expect(recalled.body).toEqual({ recalled: fits.map((e) => e.caseId).sort(), refused: [] });
    for (const e of fits) {
      expect((await holder(e.caseId)).assigneeId).toBe(collector);
      // Placed, then recalled: two touches by the same ops user.
      await toldOf(e, placed.body.placedBy, 2);
    }
    expect((await as<PlacementView>(SOUTHGATE, 'GET', `/v1/agencies/placements/${placed.body.placementId}`)).body.cases.map((c) => c.status)).toEqual(['recalled', 'recalled']);
    const byHand = await as<Recall>('ops', 'POST', '/v1/agencies/agy-southgate/recalls', { caseIds: [fits[0]!.caseId], reason: 'again' });
    expect(byHand.body).toEqual({ recalled: [], refused: [{ caseId: fits[0]!.caseId, reason: 'not_with_agency' }] });
  });

  it('gives each agency\'s performance to ops, and to the agency only its own, exact to the minor unit', async () => {
    const [first, second] = episodes as [Episode, Episode];
    const pay = (loanId: string, amount: number) =>
      h.t.orm.em.fork().execute(`insert into payments (loan_id, external_id, amount, currency, source, allocation, received_on, applied_at) values (?, ?, ?, 'INR', 'gateway', '{}', ?, now())`, [loanId, `UTR-${randomUUID()}`, amount, toIsoDate(Date.now())]);
    // Paid while placed (the first, accepted); paid after it went back to the collector (the second, rejected): not the agency's.
    await pay(first.loanId, 123_457);
    await pay(first.loanId, 76_543);
    await pay(second.loanId, 50_000);
    const reached = await as(NORTHSTAR, 'POST', `/v1/desk/cases/${first.caseId}/outcomes`, { outcome: 'reached' });
    expect(reached.status).toBe(200);

    const from = toIsoDate(Date.now());
    const to = toIsoDate(Date.now() + 86_400_000);
    const mine = await as<PerformanceReport>(NORTHSTAR, 'GET', `/v1/agencies/performance?from=${from}&to=${to}&by=day`);
    expect(mine.status).toBe(200);
    const expected: AgencyPerformance = {
      agencyId: 'agy-northstar',
      name: 'agy-northstar',
      total: {
        start: `${from}T00:00:00.000Z`,
        end: `${to}T00:00:00.000Z`,
        held: 2,
        placed: 2,
        contacts: 1,
        casesContacted: 1,
        promises: 0,
        slaBreaches: 0,
        money: [{ currency: 'INR', balancePlacedMinor: 1_600_000, collectedMinor: 200_000, recoveryRate: 0.125 }],
      },
      periods: [],
    };
    expected.periods = [expected.total];
    expect(mine.body).toEqual({ from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z`, by: 'day', agencies: [expected] });
    // Naming itself is the same; ops and compliance read every agency's.
    expect((await as<PerformanceReport>(NORTHSTAR, 'GET', `/v1/agencies/performance?from=${from}&to=${to}&by=day&agency=agy-northstar`)).body.agencies).toEqual([expected]);
    for (const staff of ['ops', 'compliance'] as const) {
      const all = await as<PerformanceReport>(staff, 'GET', `/v1/agencies/performance?from=${from}&to=${to}&by=day`);
      expect(all.status).toBe(200);
      expect(all.body.agencies.map((a) => a.agencyId)).toEqual(['agy-northstar', 'agy-southgate']);
      expect(all.body.agencies[0]).toEqual(expected);
      expect(all.body.agencies[1]!.total).toMatchObject({ held: 2, placed: 2, money: [{ currency: 'INR', balancePlacedMinor: 6_500_000, collectedMinor: 0, recoveryRate: 0 }] });
    }
    const bad = await as('ops', 'GET', `/v1/agencies/performance?from=${to}&to=${from}`);
    expect(bad.body).toMatchObject({ status: 400, errors: [{ field: 'to' }] });
  });
});
