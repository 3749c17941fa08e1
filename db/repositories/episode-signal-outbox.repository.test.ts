// The signal outbox against the real PostgreSQL: every change of a case that an episode must hear
// writes its signal in the change's own transaction (a trigger that makes the database refuse the
// signal's row shows the change does not stand without it), a refused or repeated change writes
// none, and a sender's claim leases a row for a backoff that grows, so the relay finds only what is
// due and two senders never hold the same row at once.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { EpisodeSignalOutbox, enqueueEpisodeSignals, outcomeSignalId } from './episode-signal-outbox.repository.js';
import { ASSIGNED_BY, RecoveryCaseRepository, type CaseView } from './recovery-case.repository.js';

const db = useTestOrm(4);
const cases = () => new RecoveryCaseRepository(db.orm.em.fork());
const outbox = () => new EpisodeSignalOutbox(db.orm.em.fork());
const at = () => new Date().toISOString();

/** A case held by a collector of its own (a skill nobody else has). */
async function heldCase(): Promise<CaseView & { assigneeId: string }> {
  const skill = `skill-${randomUUID().slice(0, 8)}`;
  const assigneeId = `col-${skill}`;
  await cases().upsertAssignee({ id: assigneeId, name: 'Asha Rao', kind: 'collector', skills: [skill], capacity: 1, active: true });
  const workflowId = `recovery-${randomUUID()}-1`;
  const c = await cases().open({ caseId: `case-${workflowId}`, workflowId, loanId: randomUUID(), queue: 'collections', skills: [skill], priority: 1, at: at() });
  expect(c.assigneeId).toBe(assigneeId);
  return { ...c, assigneeId };
}

/**
 * Makes PostgreSQL refuse the outbox rows of one episode until the answer is called: a trigger that
 * raises inside the transaction writing them.
 */
async function refuseSignalsTo(workflowId: string): Promise<() => Promise<void>> {
  const name = `refuse_${randomUUID().replaceAll('-', '')}`;
  const em = db.orm.em.fork();
  await em.execute(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'injected failure: the signal cannot be written'; end $$`);
  await em.execute(`create trigger ${name} before insert on episode_signal_outbox for each row when (new.workflow_id = '${workflowId}') execute function ${name}()`);
  return async () => {
    await em.execute(`drop trigger ${name} on episode_signal_outbox`);
    await em.execute(`drop function ${name}()`);
  };
}

describe('the episode signal outbox', () => {
  it('writes the episode\'s signal with an accept, an outcome and a decline, each carrying its ID; a refused or repeated change writes none', async () => {
    const c = await heldCase();
    const accepted = await cases().accept(c.caseId, c.assigneeId, at());
    expect(accepted).toMatchObject({ ok: true, signals: [expect.stringMatching(/^touch-\d+$/)] });
    const [touchId] = (accepted as { signals: string[] }).signals;
    expect(await outbox().find(touchId!)).toMatchObject({
      workflowId: c.workflowId,
      signal: 'caseTouched',
      payload: { caseId: c.caseId, by: c.assigneeId, at: expect.any(String), signalId: touchId },
      attempts: 0,
      sentAt: null,
    });
    // Accepting again changes nothing and tells nothing; someone else's accept is refused.
    expect(await cases().accept(c.caseId, c.assigneeId, at())).toMatchObject({ ok: true, signals: [] });
    expect(await cases().accept(c.caseId, 'col-nobody', at())).toEqual({ ok: false, reason: 'not_assignee' });

    const requestKey = randomUUID();
    const outcome = await cases().outcome(c.caseId, c.assigneeId, { outcome: 'reached', note: 'spoke to the borrower', requestKey }, at());
    expect(outcome).toMatchObject({ ok: true, signals: [outcomeSignalId(c.caseId, requestKey)] });
    expect(await outbox().find(outcomeSignalId(c.caseId, requestKey))).toMatchObject({
      signal: 'caseOutcome',
      payload: { caseId: c.caseId, outcome: 'reached', by: c.assigneeId, note: 'spoke to the borrower', signalId: outcomeSignalId(c.caseId, requestKey) },
    });
    expect(await cases().outcomeFor(c.caseId, requestKey)).toEqual({ told: false });
    expect(await cases().outcomeSignal(c.caseId, requestKey)).toBe(outcomeSignalId(c.caseId, requestKey));
    expect((await outbox().forWorkflow(c.workflowId)).map((s) => s.signal)).toEqual(['caseTouched', 'caseOutcome']);

    // A decline: the decliner's touch (the case then waits: nobody else has the skill, so nobody else is told).
    const other = await heldCase();
    const declined = await cases().decline(other.caseId, other.assigneeId, 'conflict of interest', at());
    expect(declined).toMatchObject({ ok: true, signals: [expect.stringMatching(/^touch-/)] });
    expect((await outbox().forWorkflow(other.workflowId)).map((s) => s.payload.by)).toEqual([other.assigneeId]);
  });

  it('gives an outcome recorded before the outbox existed its signal when its request is retried', async () => {
    const c = await heldCase();
    const requestKey = randomUUID();
    await cases().outcome(c.caseId, c.assigneeId, { outcome: 'hardship', note: 'lost her job', requestKey }, at());
    const id = outcomeSignalId(c.caseId, requestKey);
    const written = await outbox().find(id);
    // As the outcome stood before this table: recorded, its request dead before telling the episode.
    await db.orm.em.fork().execute(`delete from episode_signal_outbox where id = ?`, [id]);
    expect(await cases().outcomeSignal(c.caseId, requestKey)).toBe(id);
    expect(await outbox().find(id)).toMatchObject({ workflowId: c.workflowId, signal: 'caseOutcome', payload: written!.payload, sentAt: null, attempts: 0 });
    expect(await cases().outcomeSignal(c.caseId, randomUUID())).toBeNull();
  });

  it('tells each episode whose waiting case a change gives out, with the assignment', async () => {
    const c = await heldCase();
    const workflowId = `recovery-${randomUUID()}-1`;
    const waiting = await cases().open({ caseId: `case-${workflowId}`, workflowId, loanId: randomUUID(), queue: 'collections', skills: c.skills, priority: 1, at: at() });
    expect(waiting.assigneeId).toBeNull();
    const given = await cases().close(c.caseId, 'cured', at());
    expect(given).toEqual([{ caseId: waiting.caseId, workflowId, assigneeId: c.assigneeId, signalId: expect.stringMatching(/^touch-/) }]);
    expect(await outbox().forWorkflow(workflowId)).toEqual([expect.objectContaining({ id: given[0]!.signalId, signal: 'caseTouched', payload: { caseId: waiting.caseId, by: ASSIGNED_BY, at: expect.any(String), signalId: given[0]!.signalId } })]);
  });

  it('an outcome whose signal the database refuses is not recorded either: neither stands without the other', async () => {
    const c = await heldCase();
    const before = (await cases().events(c.caseId)).length;
    const lift = await refuseSignalsTo(c.workflowId);
    try {
      await expect(cases().outcome(c.caseId, c.assigneeId, { outcome: 'promised', requestKey: randomUUID() }, '2030-01-01T00:00:00.000Z')).rejects.toThrow(/injected failure/);
      await expect(cases().accept(c.caseId, c.assigneeId, '2030-01-01T00:00:00.000Z')).rejects.toThrow(/injected failure/);
    } finally {
      await lift();
    }
    const after = (await cases().get(c.caseId))!;
    expect(after).toMatchObject({ status: 'open', lastTouchedAt: c.lastTouchedAt, acceptedAt: null });
    expect(await cases().events(c.caseId)).toHaveLength(before);
    expect(await outbox().forWorkflow(c.workflowId)).toEqual([]);
  });

  it('a claim counts the try and leases the row for a backoff that doubles; the relay takes only rows old enough whose lease ran out', async () => {
    const c = await heldCase();
    const { signals } = (await cases().accept(c.caseId, c.assigneeId, at())) as { signals: string[] };
    const id = signals[0]!;
    const [first] = await outbox().claim([id]);
    expect(first).toMatchObject({ id, attempts: 1 });
    // Leased: neither another sender nor the relay takes it now.
    expect(await outbox().claim([id])).toEqual([]);
    const em = db.orm.em.fork();
    const lease = async () => (await em.execute<{ s: string }[]>(`select extract(epoch from next_attempt_at - now()) as s from episode_signal_outbox where id = ?`, [id]))[0]!.s;
    expect(Number(await lease())).toBeGreaterThan(3);
    expect(Number(await lease())).toBeLessThanOrEqual(5);
    await outbox().noteFailure(id, 'Error: Temporal unreachable');

    // Its lease over but younger than the relay's threshold: left alone.
    await em.execute(`update episode_signal_outbox set next_attempt_at = now() - interval '1 second' where id = ?`, [id]);
    expect((await outbox().claimDue(60_000, 100)).map((s) => s.id)).not.toContain(id);
    await em.execute(`update episode_signal_outbox set created_at = now() - interval '2 minutes' where id = ?`, [id]);
    const due = await outbox().claimDue(60_000, 100);
    expect(due.find((s) => s.id === id)).toMatchObject({ attempts: 2 });
    expect(Number(await lease())).toBeGreaterThan(8);
    expect(Number(await lease())).toBeLessThanOrEqual(10);
    expect((await outbox().claimDue(60_000, 100)).map((s) => s.id)).not.toContain(id);

    await outbox().markSent(id, 'delivered');
    await em.execute(`update episode_signal_outbox set next_attempt_at = now() - interval '1 second' where id = ?`, [id]);
    expect((await outbox().claimDue(60_000, 100)).map((s) => s.id)).not.toContain(id);
    expect(await outbox().claim([id])).toEqual([]);
    expect(await outbox().find(id)).toMatchObject({ attempts: 2, result: 'delivered', sentAt: expect.any(String), lastError: 'Error: Temporal unreachable' });
  });

  it('never hands one row to two relays at once', async () => {
    const c = await heldCase();
    const { signals } = (await cases().accept(c.caseId, c.assigneeId, at())) as { signals: string[] };
    await db.orm.em.fork().execute(`update episode_signal_outbox set created_at = now() - interval '2 minutes' where id = ?`, [signals[0]!]);
    const claims = await Promise.all(Array.from({ length: 4 }, () => outbox().claimDue(60_000, 1000)));
    expect(claims.flat().filter((s) => s.id === signals[0])).toHaveLength(1);
  });

  it('counts for /metrics what waits to be sent, and what has kept failing', async () => {
    const before = await outbox().backlog(5);
    const workflowId = `recovery-${randomUUID()}-1`;
    const ids = [`metric-${randomUUID()}`, `metric-${randomUUID()}`];
    const em = db.orm.em.fork();
    await enqueueEpisodeSignals(em, ids.map((id) => ({ id, workflowId, signal: 'caseTouched' as const, payload: { caseId: `case-${workflowId}`, by: 'col-asha', at: at() } })));
    // One of them was tried five times and failed each time, over the last ten minutes.
    await em.execute(`update episode_signal_outbox set attempts = 5, created_at = now() - interval '10 minutes', last_error = 'ServiceError: unavailable' where id = ?`, [ids[0]]);
    const after = await outbox().backlog(5);
    expect(after.unsent - before.unsent).toBe(2);
    expect(after.failing - before.failing).toBe(1);
    expect(after.oldestUnsentSeconds).toBeGreaterThanOrEqual(600);
    await em.execute(`update episode_signal_outbox set sent_at = now(), result = 'delivered' where id in (?, ?)`, ids);
    expect(await outbox().backlog(5)).toMatchObject({ unsent: before.unsent, failing: before.failing });
  });
});

