// Placements with agencies against the real PostgreSQL: by hand and by rule up to the agency's room,
// with the reasons a case was not placed; the agency's accept and reject; ops' recall; and each
// agency's figures over days and weeks, exact to the minor unit, from case events and payments
// written where the platform writes them. Each test has skills of its own, so the assignees and
// cases of one test never fit another's.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { AgencyPerformanceRepository } from './agency-performance.repository.js';
import { AgencyPlacementRepository } from './agency-placement.repository.js';
import { RecoveryCaseRepository, type Assignee, type CaseView } from './recovery-case.repository.js';

const db = useTestOrm(4);
const em = (): EntityManager => db.orm.em.fork();
const cases = () => new RecoveryCaseRepository(em());
const placements = () => new AgencyPlacementRepository(em());

let clock = Date.UTC(2026, 10, 2, 9, 0);
const at = () => new Date((clock += 60_000)).toISOString();

interface Account {
  currency?: string;
  outstandingMinor?: number;
  bucket?: string;
  dpd?: number;
  product?: string;
  country?: string;
  segment?: string;
}

/** A running episode's account as its workflow projects it, and its hand-off case, opened at `when`. */
async function handOff(skills: string[], account: Account = {}, priority = 1, when = at()): Promise<CaseView> {
  const loanId = randomUUID();
  const workflowId = `recovery-${loanId}-1`;
  const a = { currency: 'INR', outstandingMinor: 1_000_000, bucket: '31-60', dpd: 45, product: 'personal-loan', country: 'IN', segment: 'recovery', ...account };
  await em().execute(
    `insert into recovery_episodes (workflow_id, loan_id, episode, status, stage, currency, product, country, bucket_at_start, bucket, dpd, segment, delinquent_minor, outstanding_minor, started_at, version, updated_at)
     values (?, ?, 1, 'running', 'handed_off', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, now())`,
    [workflowId, loanId, a.currency, a.product, a.country, a.bucket, a.bucket, a.dpd, a.segment, a.outstandingMinor, a.outstandingMinor, when],
  );
  return cases().open({ caseId: `case-${workflowId}`, workflowId, loanId, queue: 'collections', skills, priority, at: when });
}

async function assignees(list: (Omit<Assignee, 'name' | 'active'> & { active?: boolean })[]): Promise<void> {
  for (const a of list) await cases().upsertAssignee({ name: a.id, active: true, ...a });
}

async function payment(loanId: string, amount: number, currency: string, appliedAt: string): Promise<void> {
  await em().execute(
    `insert into payments (loan_id, external_id, amount, currency, source, allocation, received_on, applied_at) values (?, ?, ?, ?, 'gateway', '{}', ?, ?)`,
    [loanId, `pay-${randomUUID()}`, amount, currency, appliedAt.slice(0, 10), appliedAt],
  );
}

async function holder(caseId: string): Promise<string | null> {
  return (await cases().get(caseId))!.assigneeId;
}

async function outboxSignals(workflowId: string): Promise<{ signal: string; payload: Record<string, unknown> }[]> {
  return em().execute(`select signal, payload from episode_signal_outbox where workflow_id = ? order by created_at, id`, [workflowId]);
}

describe('placing cases with an agency', () => {
  it('places by hand up to the agency\'s room, in the order asked, and says why each other case was not placed', async () => {
    const [skill, legal] = ['hand-negotiation', 'hand-legal'];
    await assignees([{ id: 'hand-col', kind: 'collector', skills: [skill, legal], capacity: 20 }]);
    const open = await Promise.all(Array.from({ length: 5 }, (_v, i) => handOff([skill], { outstandingMinor: 100_000 * (i + 1) })));
    const needsLegal = await handOff([skill, legal]);
    await assignees([
      { id: 'agy-hand', kind: 'agency', skills: [skill], capacity: 3 },
      { id: 'agy-hand-other', kind: 'agency', skills: [skill, legal], capacity: 5 },
    ]);
    expect(open.map((c) => c.assigneeId)).toEqual(['hand-col', 'hand-col', 'hand-col', 'hand-col', 'hand-col']);
    // One case already with another agency.
    const elsewhere = await placements().place({ agencyId: 'agy-hand-other', placedBy: 'ops.asha', at: at(), caseIds: [open[4]!.caseId] });
    expect(elsewhere).toMatchObject({ ok: true, placement: { cases: [{ caseId: open[4]!.caseId }] } });

    const when = at();
    const ask = [needsLegal.caseId, open[0]!.caseId, 'case-recovery-nobody-1', open[4]!.caseId, open[1]!.caseId, open[2]!.caseId, open[3]!.caseId];
    const result = await placements().place({ agencyId: 'agy-hand', placedBy: 'ops.asha', at: when, caseIds: ask });
    if (!result.ok) throw new Error(result.reason);
    const { placement } = result;
    expect(placement).toMatchObject({ agencyId: 'agy-hand', placedBy: 'ops.asha', placedAt: when, rule: null });
    expect(placement.cases.map((c) => [c.caseId, c.balanceMinor, c.currency, c.status])).toEqual(
      [
        [open[0]!.caseId, 100_000, 'INR', 'placed'],
        [open[1]!.caseId, 200_000, 'INR', 'placed'],
        [open[2]!.caseId, 300_000, 'INR', 'placed'],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(placement.notPlaced).toEqual([
      { caseId: needsLegal.caseId, reason: 'missing_skills' },
      { caseId: 'case-recovery-nobody-1', reason: 'not_found' },
      { caseId: open[4]!.caseId, reason: 'with_another_agency' },
      { caseId: open[3]!.caseId, reason: 'no_room' },
    ]);
    // The cases are the agency's, each episode told (its SLA clock restarts), and the events say who placed them and from whom.
    for (const c of open.slice(0, 3)) {
      expect(await holder(c.caseId)).toBe('agy-hand');
      expect((await cases().events(c.caseId)).at(-1)).toMatchObject({ kind: 'placed', assigneeId: 'agy-hand', by: 'ops.asha', data: { placementId: placement.placementId, from: 'hand-col' } });
      expect(await outboxSignals(c.workflowId)).toContainEqual({ signal: 'caseTouched', payload: expect.objectContaining({ caseId: c.caseId, by: 'ops.asha', at: when }) });
    }
    expect(result.signals).toHaveLength(3);
    expect(await holder(open[3]!.caseId)).toBe('hand-col');
    // At capacity: nothing more goes to it, and the placement is kept as placed.
    const full = await placements().place({ agencyId: 'agy-hand', placedBy: 'ops.asha', at: at(), caseIds: [open[3]!.caseId] });
    expect(full).toMatchObject({ ok: true, placement: { cases: [], notPlaced: [{ caseId: open[3]!.caseId, reason: 'no_room' }] } });
    expect(await placements().get(placement.placementId, 'agy-hand')).toEqual(placement);
    expect(await placements().get(placement.placementId, 'agy-hand-other')).toBeNull();
    expect(await placements().place({ agencyId: 'hand-col', placedBy: 'ops.asha', at: at(), caseIds: [open[3]!.caseId] })).toEqual({ ok: false, reason: 'agency_not_found' });
  });

  it('places by rule the matching cases nobody accepted, highest priority first, up to its room', async () => {
    const skill = 'rule-skill';
    await assignees([{ id: 'rule-col', kind: 'collector', skills: [skill], capacity: 50 }]);
    const fits = [
      await handOff([skill], { dpd: 95, bucket: '91-180', outstandingMinor: 2_000_000 }, 10),
      await handOff([skill], { dpd: 120, bucket: '91-180', outstandingMinor: 5_000_000 }, 30),
      await handOff([skill], { dpd: 100, bucket: '91-180', outstandingMinor: 3_000_000 }, 20),
    ];
    const lowest = await handOff([skill], { dpd: 91, bucket: '91-180', outstandingMinor: 1_500_000 }, 5);
    const others = [
      await handOff([skill], { dpd: 60, bucket: '31-60', outstandingMinor: 2_000_000 }, 99),
      await handOff([skill], { dpd: 95, bucket: '91-180', outstandingMinor: 900_000 }, 99),
      await handOff([skill], { dpd: 95, bucket: '91-180', outstandingMinor: 2_000_000, currency: 'USD' }, 99),
      await handOff([skill], { dpd: 95, bucket: '91-180', outstandingMinor: 2_000_000, product: 'gold-loan' }, 99),
      await handOff([skill], { dpd: 95, bucket: '91-180', outstandingMinor: 2_000_000, country: 'US' }, 99),
    ];
    const accepted = await handOff([skill], { dpd: 150, bucket: '91-180', outstandingMinor: 4_000_000 }, 99);
    expect((await cases().accept(accepted.caseId, 'rule-col', at())).ok).toBe(true);
    await assignees([{ id: 'agy-rule', kind: 'agency', skills: [skill], capacity: 3 }]);

    const rule = { buckets: ['91-180', 'odd "bucket\\'], minDpd: 90, currency: 'INR', minBalanceMinor: 1_000_000, product: 'personal-loan', country: 'IN', segment: 'recovery' };
    const result = await placements().place({ agencyId: 'agy-rule', placedBy: 'ops.asha', at: at(), rule });
    if (!result.ok) throw new Error(result.reason);
    expect(result.placement.rule).toEqual(rule);
    expect(result.placement.cases.map((c) => c.caseId).sort()).toEqual(fits.map((c) => c.caseId).sort());
    expect(result.placement.notPlaced).toEqual([]);
    for (const c of [lowest, accepted, ...others]) expect(await holder(c.caseId)).toBe('rule-col');
    // Full: the rule places nothing more.
    const again = await placements().place({ agencyId: 'agy-rule', placedBy: 'ops.asha', at: at(), rule });
    expect(again).toMatchObject({ ok: true, placement: { cases: [], notPlaced: [] } });
  });
});

describe('placements racing other changes of hands', () => {
  it('never puts an agency over its capacity nor places a case twice, whatever runs at once', async () => {
    const skill = 'race-place';
    await assignees([{ id: 'race-col', kind: 'collector', skills: [skill], capacity: 40 }]);
    const open = await Promise.all(Array.from({ length: 24 }, () => handOff([skill])));
    await assignees([{ id: 'agy-race-a', kind: 'agency', skills: [skill], capacity: 5 }, { id: 'agy-race-b', kind: 'agency', skills: [skill], capacity: 7 }]);
    const ids = open.map((c) => c.caseId);
    // Overlapping batches for both agencies, by hand and by rule, while more cases open (round-robin may give those to an agency with room).
    const results = await Promise.all([
      placements().place({ agencyId: 'agy-race-a', placedBy: 'ops.1', at: at(), caseIds: ids.slice(0, 12) }),
      placements().place({ agencyId: 'agy-race-a', placedBy: 'ops.2', at: at(), caseIds: ids.slice(6, 18) }),
      placements().place({ agencyId: 'agy-race-b', placedBy: 'ops.3', at: at(), caseIds: ids.slice(0, 24) }),
      placements().place({ agencyId: 'agy-race-b', placedBy: 'ops.4', at: at(), rule: { queue: 'collections' } }),
      placements().place({ agencyId: 'agy-race-a', placedBy: 'ops.5', at: at(), rule: { minDpd: 1 } }),
      ...Array.from({ length: 4 }, () => handOff([skill])),
    ]);
    const held = new Map((await cases().assignees()).map((a) => [a.id, a.openCases]));
    expect([held.get('agy-race-a'), held.get('agy-race-b')]).toEqual([5, 7]);
    const placedCases = results.flatMap((r) => (r && typeof r === 'object' && 'ok' in r && r.ok ? r.placement.cases.map((c) => c.caseId) : []));
    expect(new Set(placedCases).size).toBe(placedCases.length);
    const [given] = await em().execute<{ n: number }[]>(`select count(*)::int as n from recovery_case_events where kind = 'assigned' and assignee_id in ('agy-race-a', 'agy-race-b')`);
    expect(placedCases.length + given!.n).toBe(12);
    for (const id of placedCases) expect(['agy-race-a', 'agy-race-b']).toContain(await holder(id));
  });
});

describe('the agency\'s answer, and ops\' recall', () => {
  it('accepts some cases and rejects the rest: the rejected go round-robin to others, never back to it', async () => {
    const skill = 'answer-skill';
    await assignees([{ id: 'answer-col', kind: 'collector', skills: [skill], capacity: 20 }]);
    const open = await Promise.all(Array.from({ length: 4 }, () => handOff([skill])));
    await assignees([{ id: 'agy-answer', kind: 'agency', skills: [skill], capacity: 10 }, { id: 'agy-answer-b', kind: 'agency', skills: [], capacity: 10 }]);
    const placed = await placements().place({ agencyId: 'agy-answer', placedBy: 'ops.asha', at: at(), caseIds: open.map((c) => c.caseId) });
    if (!placed.ok) throw new Error(placed.reason);
    const id = placed.placement.placementId;

    // Another agency cannot see or answer it.
    expect(await placements().accept(id, 'agy-answer-b', null, at())).toEqual({ ok: false, reason: 'placement_not_found' });
    expect(await placements().reject(id, 'agy-answer-b', null, 'no', at())).toEqual({ ok: false, reason: 'placement_not_found' });

    const acceptedAt = at();
    const accepted = await placements().accept(id, 'agy-answer', [open[0]!.caseId, open[1]!.caseId], acceptedAt);
    expect(accepted).toMatchObject({ ok: true, changed: [open[0]!.caseId, open[1]!.caseId], refused: [] });
    const rejected = await placements().reject(id, 'agy-answer', null, 'sealed reason', at());
    expect(rejected).toMatchObject({ ok: true, changed: [open[2]!.caseId, open[3]!.caseId].sort(), refused: [] });
    // Two touches (the declines) told the episodes.
    if (!rejected.ok) throw new Error(rejected.reason);
    expect(rejected.signals).toHaveLength(2);
    for (const c of open.slice(2)) {
      expect(await holder(c.caseId)).toBe('answer-col');
      expect((await cases().get(c.caseId))!.declinedBy).toEqual(['agy-answer']);
    }
    const view = (await placements().get(id, 'agy-answer'))!;
    expect(view.cases.map((c) => [c.caseId, c.status])).toEqual(open.map((c, i) => [c.caseId, i < 2 ? 'accepted' : 'rejected']).sort((x, y) => x[0]!.localeCompare(y[0]!)));
    expect(view.cases.find((c) => c.caseId === open[0]!.caseId)!.acceptedAt).toBe(acceptedAt);
    // Rejecting an accepted case is refused; placing a rejected one again says why not.
    expect(await placements().reject(id, 'agy-answer', [open[0]!.caseId], 'late', at())).toMatchObject({ ok: true, changed: [], refused: [{ caseId: open[0]!.caseId, reason: 'already_accepted' }] });
    const replaced = await placements().place({ agencyId: 'agy-answer', placedBy: 'ops.asha', at: at(), caseIds: [open[2]!.caseId] });
    expect(replaced).toMatchObject({ ok: true, placement: { cases: [], notPlaced: [{ caseId: open[2]!.caseId, reason: 'rejected_by_agency' }] } });
  });

  it('recalls a batch, or cases by hand, to collectors in-house, with the reason, never kept by the agency', async () => {
    const skill = 'recall-skill';
    await assignees([{ id: 'recall-col', kind: 'collector', skills: [skill], capacity: 20 }]);
    const open = await Promise.all(Array.from({ length: 4 }, () => handOff([skill])));
    await assignees([{ id: 'agy-recall', kind: 'agency', skills: [skill], capacity: 10 }, { id: 'agy-recall-b', kind: 'agency', skills: [skill], capacity: 10 }]);
    const batch = await placements().place({ agencyId: 'agy-recall', placedBy: 'ops.asha', at: at(), caseIds: open.slice(0, 2).map((c) => c.caseId) });
    const second = await placements().place({ agencyId: 'agy-recall', placedBy: 'ops.asha', at: at(), caseIds: open.slice(2).map((c) => c.caseId) });
    if (!batch.ok || !second.ok) throw new Error('not placed');
    await placements().accept(batch.placement.placementId, 'agy-recall', null, at());

    const recalled = await placements().recall({ agencyId: 'agy-recall', placementId: batch.placement.placementId, by: 'ops.ravi', reason: 'contract ended', at: at() });
    expect(recalled).toMatchObject({ ok: true, changed: open.slice(0, 2).map((c) => c.caseId).sort(), refused: [] });
    for (const c of open.slice(0, 2)) {
      // In-house: the other agency had room too.
      expect(await holder(c.caseId)).toBe('recall-col');
      const events = await cases().events(c.caseId);
      expect(events.slice(-2)).toMatchObject([
        { kind: 'recalled', assigneeId: 'agy-recall', by: 'ops.ravi', data: { reason: 'contract ended', placementId: batch.placement.placementId } },
        { kind: 'assigned', assigneeId: 'recall-col', data: { from: 'agy-recall' } },
      ]);
    }
    // By hand: one of the second batch, and one the agency does not hold.
    const byHand = await placements().recall({ agencyId: 'agy-recall', caseIds: [open[3]!.caseId, open[0]!.caseId], by: 'ops.ravi', reason: 'complaint', at: at() });
    expect(byHand).toMatchObject({ ok: true, changed: [open[3]!.caseId], refused: [{ caseId: open[0]!.caseId, reason: 'not_with_agency' }] });
    expect(await holder(open[3]!.caseId)).toBe('recall-col');
    expect(await holder(open[2]!.caseId)).toBe('agy-recall');
    expect((await placements().get(second.placement.placementId, null))!.cases.map((c) => c.status).sort()).toEqual(['placed', 'recalled']);
    expect(await placements().recall({ agencyId: 'agy-recall-b', placementId: second.placement.placementId, by: 'ops.ravi', reason: 'x', at: at() })).toEqual({ ok: false, reason: 'placement_not_found' });

    // With no collector free, a recalled case waits, and round-robin gives it to whoever else has room: never back to the agency.
    await assignees([{ id: 'recall-col', kind: 'collector', skills: [skill], capacity: 3 }]);
    expect((await placements().recall({ agencyId: 'agy-recall', caseIds: [open[2]!.caseId], by: 'ops.ravi', reason: 'audit', at: at() })).ok).toBe(true);
    expect((await cases().events(open[2]!.caseId)).slice(-3).map((e) => [e.kind, e.assigneeId])).toEqual([['recalled', 'agy-recall'], ['unassigned', null], ['assigned', 'agy-recall-b']]);
    // Ops may place a recalled case with the agency again, by hand.
    const back = await placements().place({ agencyId: 'agy-recall', placedBy: 'ops.asha', at: at(), caseIds: [open[0]!.caseId] });
    expect(back).toMatchObject({ ok: true, placement: { cases: [{ caseId: open[0]!.caseId, status: 'placed' }], notPlaced: [] } });
    expect((await cases().get(open[0]!.caseId))!.declinedBy).toEqual([]);
  });
});

describe('an agency\'s performance', () => {
  it('counts cases held, contacts, promises, collections while placed and SLA breaches, by day and in total, to the minor unit', async () => {
    const skill = 'perf-skill';
    await assignees([{ id: 'perf-col', kind: 'collector', skills: [skill], capacity: 20 }]);
    const day = (d: number, h: number) => new Date(Date.UTC(2026, 10, d, h)).toISOString();
    const a = await handOff([skill], { outstandingMinor: 1_000_000 }, 1, day(1, 8));
    const b = await handOff([skill], { outstandingMinor: 500_000 }, 1, day(1, 8));
    const c = await handOff([skill], { outstandingMinor: 20_000, currency: 'USD' }, 1, day(1, 8));
    await assignees([{ id: 'agy-perf', kind: 'agency', skills: [skill], capacity: 10 }]);

    // Before placement: neither the payment nor the collector's outcome counts.
    await payment(a.loanId, 99_999, 'INR', day(1, 9));
    expect((await placements().place({ agencyId: 'agy-perf', placedBy: 'ops.asha', at: day(2, 10), caseIds: [a.caseId, b.caseId] })).ok).toBe(true);
    expect((await placements().place({ agencyId: 'agy-perf', placedBy: 'ops.asha', at: day(3, 10), caseIds: [c.caseId] })).ok).toBe(true);
    await cases().outcome(a.caseId, 'agy-perf', { outcome: 'no_answer', requestKey: randomUUID() }, day(2, 12));
    await cases().outcome(a.caseId, 'agy-perf', { outcome: 'promised', promise: { amountMinor: 300_000, dueOn: '2026-11-10' }, requestKey: randomUUID() }, day(3, 12));
    await cases().outcome(c.caseId, 'agy-perf', { outcome: 'reached', requestKey: randomUUID() }, day(3, 13));
    await payment(a.loanId, 250_000, 'INR', day(3, 15));
    await payment(a.loanId, 12_345, 'INR', day(4, 15));
    await payment(c.loanId, 5_001, 'USD', day(4, 16));
    // The SLA lapses on b: counted against the agency, and b goes to the collector; its later payment is not the agency's.
    await cases().breachSla(b.caseId, 1, day(4, 18));
    expect(await holder(b.caseId)).toBe('perf-col');
    await payment(b.loanId, 40_000, 'INR', day(4, 20));
    // Recalled: a's later payment is not the agency's either.
    await placements().recall({ agencyId: 'agy-perf', caseIds: [a.caseId], by: 'ops.ravi', reason: 'end', at: day(5, 9) });
    await payment(a.loanId, 70_000, 'INR', day(5, 10));

    const spans = [1, 2, 3, 4, 5].map((d) => ({ start: day(d, 0), end: day(d + 1, 0) }));
    const [perf] = await new AgencyPerformanceRepository(em()).performance('agy-perf', day(1, 0), day(6, 0), spans);
    const inr = (placed: number, collected: number) => ({ currency: 'INR', balancePlacedMinor: placed, collectedMinor: collected, recoveryRate: Math.round((collected / placed) * 1e6) / 1e6 });
    const usd = (placed: number, collected: number) => ({ currency: 'USD', balancePlacedMinor: placed, collectedMinor: collected, recoveryRate: Math.round((collected / placed) * 1e6) / 1e6 });
    expect(perf).toEqual({
      agencyId: 'agy-perf',
      name: 'agy-perf',
      total: { start: day(1, 0), end: day(6, 0), held: 3, placed: 3, contacts: 3, casesContacted: 2, promises: 1, slaBreaches: 1, money: [inr(1_500_000, 262_345), usd(20_000, 5_001)] },
      periods: [
        { start: day(1, 0), end: day(2, 0), held: 0, placed: 0, contacts: 0, casesContacted: 0, promises: 0, slaBreaches: 0, money: [] },
        { start: day(2, 0), end: day(3, 0), held: 2, placed: 2, contacts: 1, casesContacted: 1, promises: 0, slaBreaches: 0, money: [inr(1_500_000, 0)] },
        { start: day(3, 0), end: day(4, 0), held: 3, placed: 1, contacts: 2, casesContacted: 2, promises: 1, slaBreaches: 0, money: [inr(1_500_000, 250_000), usd(20_000, 0)] },
        { start: day(4, 0), end: day(5, 0), held: 3, placed: 0, contacts: 0, casesContacted: 0, promises: 0, slaBreaches: 1, money: [inr(1_500_000, 12_345), usd(20_000, 5_001)] },
        { start: day(5, 0), end: day(6, 0), held: 2, placed: 0, contacts: 0, casesContacted: 0, promises: 0, slaBreaches: 0, money: [inr(1_000_000, 0), usd(20_000, 0)] },
      ],
    });
    expect(perf!.total.money[0]!.recoveryRate).toBe(0.174897);
  });
});
