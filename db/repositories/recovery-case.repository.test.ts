// Hand-off cases against the real PostgreSQL, with real concurrency: many assignments, closes,
// declines and SLA lapses at once on a pool of connections. Whatever the interleaving, nobody holds
// more cases than their capacity, no waiting case is left while an eligible assignee has room, and
// round-robin takes turns in the order assignments were made. Each test has skills of its own, so
// the assignees and cases of one test never fit another's.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { RecoveryCaseRepository, type Assignee, type CaseView } from './recovery-case.repository.js';

const POOL = 16;
const db = useTestOrm(POOL);
const repo = () => new RecoveryCaseRepository(db.orm.em.fork());

let clock = Date.UTC(2026, 11, 7, 5, 30);
/** Distinct instants, though callers at once may hand them to the database in any order. */
const at = () => new Date((clock += 1000)).toISOString();

function open(skills: string[], priority = 1): Promise<CaseView> {
  const workflowId = `recovery-${randomUUID()}-1`;
  return repo().open({ caseId: `case-${workflowId}`, workflowId, loanId: randomUUID(), queue: 'collections', skills, priority, at: at() });
}

async function team(prefix: string, people: { skills: string[]; capacity: number; active?: boolean }[]): Promise<Assignee[]> {
  const saved: Assignee[] = [];
  for (const [i, p] of people.entries()) {
    const a: Assignee = { id: `${prefix}-${String(i).padStart(2, '0')}`, name: `${prefix} ${i}`, kind: 'collector', skills: p.skills, capacity: p.capacity, active: p.active ?? true };
    saved.push((await repo().upsertAssignee(a)).assignee);
  }
  return saved;
}

/** Open (not closed) cases per assignee among `ids`. */
async function holdings(ids: string[]): Promise<Map<string, number>> {
  const all = await repo().assignees();
  return new Map(all.filter((a) => ids.includes(a.id)).map((a) => [a.id, a.openCases]));
}

async function cases(skill: string): Promise<CaseView[]> {
  const rows = await db.orm.em.fork().execute<{ id: string }[]>(`select id from recovery_cases where skills @> ?::jsonb order by id`, [JSON.stringify([skill])]);
  return Promise.all(rows.map(async (r) => (await repo().get(r.id))!));
}

/** Who got each of these cases, in the order the database made the assignments. */
async function assignmentOrder(caseIds: string[]): Promise<string[]> {
  const rows = await db.orm.em.fork().execute<{ assignee_id: string }[]>(
    `select assignee_id from recovery_case_events where kind = 'assigned' and case_id in (${caseIds.map(() => '?').join(', ')}) order by id`,
    caseIds,
  );
  return rows.map((r) => r.assignee_id);
}

/**
 * The invariant every commit keeps: nobody over capacity, and no case waits while an assignee who
 * could take it (active, skills, not declined by them) has room.
 */
async function expectSettled(skill: string, people: Assignee[]): Promise<void> {
  const held = await holdings(people.map((p) => p.id));
  const current = new Map((await repo().assignees()).map((a) => [a.id, a]));
  for (const p of people) expect(held.get(p.id)).toBeLessThanOrEqual(current.get(p.id)!.capacity);
  for (const c of (await cases(skill)).filter((x) => x.status !== 'closed' && x.assigneeId === null)) {
    const couldTake = people.filter((p) => {
      const a = current.get(p.id)!;
      return a.active && c.skills.every((s) => a.skills.includes(s)) && !c.declinedBy.includes(a.id) && held.get(a.id)! < a.capacity;
    });
    expect({ waiting: c.caseId, couldTake: couldTake.map((a) => a.id) }).toEqual({ waiting: c.caseId, couldTake: [] });
  }
}

describe('hand-off cases under concurrency', () => {
  it('assigns many cases at once round-robin: turn by turn, everyone equally, nobody over capacity', async () => {
    const skill = 'rr-even';
    const people = await team('rr', Array.from({ length: 5 }, () => ({ skills: [skill], capacity: 4 })));
    // 30 hand-offs at once for 20 places: 16 connections contend for the same five assignees.
    const opened = await Promise.all(Array.from({ length: 30 }, () => open([skill])));
    const held = await holdings(people.map((p) => p.id));
    expect([...held.values()]).toEqual([4, 4, 4, 4, 4]);
    expect(opened.filter((c) => c.assigneeId === null)).toHaveLength(10);
    // Round-robin in the order the database made them: a full round before anyone's second case.
    const order = await assignmentOrder(opened.map((c) => c.caseId));
    const ids = people.map((p) => p.id);
    expect(order).toEqual([...ids, ...ids, ...ids, ...ids]);
    await expectSettled(skill, people);
  });

  it('never skips an assignee with room, whatever their skills, and gives each only cases they can work', async () => {
    const [negotiation, legal] = ['skip-negotiation', 'skip-legal'];
    const people = await team('skip', [
      { skills: [negotiation], capacity: 3 },
      { skills: [negotiation, legal], capacity: 2 },
      { skills: [legal], capacity: 1 },
      { skills: [negotiation], capacity: 5, active: false },
    ]);
    const opened = await Promise.all([...Array.from({ length: 8 }, () => open([negotiation])), ...Array.from({ length: 6 }, () => open([legal]))]);
    const held = await holdings(people.map((p) => p.id));
    expect(Object.fromEntries(held)).toEqual({ 'skip-00': 3, 'skip-01': 2, 'skip-02': 1, 'skip-03': 0 });
    for (const c of opened.filter((x) => x.assigneeId !== null)) expect(people.find((p) => p.id === c.assigneeId)!.skills).toEqual(expect.arrayContaining(c.skills));
    await expectSettled(negotiation, people);
    await expectSettled(legal, people);
  });

  it('gives a closed case\'s room to the waiting case its holder can work, highest priority first, even behind one they cannot', async () => {
    const [negotiation, legal] = ['close-negotiation', 'close-legal'];
    const people = await team('close', [{ skills: [negotiation], capacity: 1 }]);
    const held = await open([negotiation]);
    expect(held.assigneeId).toBe('close-00');
    // The top of the queue needs a skill the holder lacks; behind it, two cases they can work.
    const legalCase = await open([legal], 100);
    const low = await open([negotiation], 1);
    const high = await open([negotiation], 50);
    expect([legalCase, low, high].map((c) => c.assigneeId)).toEqual([null, null, null]);
    expect((await repo().events(high.caseId)).map((e) => e.kind)).toEqual(['opened', 'waiting']);

    const given = await repo().close(held.caseId, 'cured', at());
    expect(given).toEqual([{ caseId: high.caseId, workflowId: high.workflowId, assigneeId: 'close-00', signalId: expect.stringMatching(/^touch-/) }]);
    expect((await repo().get(legalCase.caseId))!.assigneeId).toBeNull();
    expect((await repo().get(low.caseId))!.assigneeId).toBeNull();
    await expectSettled(negotiation, people);
  });

  it('reassigns an SLA lapse to someone else with the skills and room, and back to its holder only when there is nobody else, saying so', async () => {
    const skill = 'sla-negotiation';
    const people = await team('sla', [
      { skills: [skill], capacity: 2 },
      { skills: [skill], capacity: 1 },
      { skills: ['sla-other'], capacity: 9 },
    ]);
    const first = await open([skill]);
    expect(first.assigneeId).toBe('sla-00');
    const lapsed = await repo().breachSla(first.caseId, 1, at());
    expect(lapsed!.case.assigneeId).toBe('sla-01');
    expect((await repo().events(first.caseId)).map((e) => [e.kind, e.assigneeId])).toEqual([
      ['opened', null],
      ['assigned', 'sla-00'],
      ['sla_breached', 'sla-00'],
      ['assigned', 'sla-01'],
    ]);
    // The same lapse told again (a retried activity) counts once.
    expect((await repo().breachSla(first.caseId, 1, at()))!.case.assigneeId).toBe('sla-01');

    // sla-00 is now full; sla-01 holds only this case: nobody else has room, so it stays, and the events say why.
    const second = await open([skill]);
    const third = await open([skill]);
    expect([second.assigneeId, third.assigneeId]).toEqual(['sla-00', 'sla-00']);
    const again = await repo().breachSla(first.caseId, 2, at());
    expect(again!.case.assigneeId).toBe('sla-01');
    const kept = (await repo().events(first.caseId)).at(-1)!;
    expect(kept).toMatchObject({ kind: 'kept', assigneeId: 'sla-01', data: { reason: expect.stringContaining('nobody else') } });

    // A holder who can no longer take it (made inactive) and nobody else: it waits, unassigned, until room appears.
    await repo().upsertAssignee({ ...people[1]!, active: false });
    const waiting = await repo().breachSla(first.caseId, 3, at());
    expect(waiting!.case.assigneeId).toBeNull();
    expect((await repo().events(first.caseId)).at(-1)).toMatchObject({ kind: 'unassigned', data: { from: 'sla-01' } });
    // sla-00's own lapse: sla-01 is inactive and sla-02 lacks the skill, so it stays with sla-00.
    const own = await repo().breachSla(second.caseId, 1, at());
    expect(own!.case.assigneeId).toBe('sla-00');
    expect((await repo().events(second.caseId)).at(-1)).toMatchObject({ kind: 'kept', assigneeId: 'sla-00' });
    // A close frees sla-00's room: the waiting case goes to them in the same change.
    expect(await repo().close(third.caseId, 'cured', at())).toEqual([{ caseId: first.caseId, workflowId: first.workflowId, assigneeId: 'sla-00', signalId: expect.stringMatching(/^touch-/) }]);
    await expectSettled(skill, people);
  });

  it('never gives a declined case back to who declined it; it waits, and a new assignee with the skills picks it up at once', async () => {
    const skill = 'decline-negotiation';
    const people = await team('decline', [{ skills: [skill], capacity: 3 }]);
    const c = await open([skill]);
    const declined = await repo().decline(c.caseId, 'decline-00', 'conflict of interest', at());
    expect(declined).toMatchObject({ ok: true, case: { assigneeId: null, declinedBy: ['decline-00'] }, waitingAssigned: [] });
    expect((await repo().events(c.caseId)).at(-1)).toMatchObject({ kind: 'unassigned', data: { from: 'decline-00' } });

    const saved = await repo().upsertAssignee({ id: 'decline-01', name: 'decline 1', kind: 'agency', skills: [skill, 'legal'], capacity: 1, active: true });
    expect(saved.waitingAssigned).toEqual([{ caseId: c.caseId, workflowId: c.workflowId, assigneeId: 'decline-01', signalId: expect.stringMatching(/^touch-/) }]);
    await expectSettled(skill, [...people, saved.assignee]);
  });

  it('keeps every rule while opens, closes, declines and lapses race each other', async () => {
    const skill = 'race';
    const people = await team('race', [
      { skills: [skill], capacity: 3 },
      { skills: [skill], capacity: 2 },
      { skills: [skill, 'race-legal'], capacity: 4 },
      { skills: [skill], capacity: 1 },
    ]);
    const opened = await Promise.all(Array.from({ length: 14 }, () => open([skill])));
    // Everything at once: more hand-offs, closes of held and waiting cases, declines and lapses of held ones.
    const held = opened.filter((c) => c.assigneeId !== null);
    const waiting = opened.filter((c) => c.assigneeId === null);
    const racing: Promise<unknown>[] = [
      ...Array.from({ length: 8 }, () => open([skill])),
      ...held.slice(0, 4).map((c) => repo().close(c.caseId, 'cured', at())),
      ...waiting.slice(0, 2).map((c) => repo().close(c.caseId, 'paid_off', at())),
      ...held.slice(4, 7).map((c) => repo().decline(c.caseId, c.assigneeId!, 'full', at())),
      ...held.slice(7, 10).map((c) => repo().breachSla(c.caseId, 1, at())),
    ];
    await Promise.all(racing);
    await expectSettled(skill, people);
    // Everyone is full: more cases than places were open throughout.
    const now = await holdings(people.map((p) => p.id));
    expect(Object.fromEntries(now)).toEqual({ 'race-00': 3, 'race-01': 2, 'race-02': 4, 'race-03': 1 });
    for (const c of await cases(skill)) if (c.assigneeId) expect(c.declinedBy).not.toContain(c.assigneeId);
  });
});
