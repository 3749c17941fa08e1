// Hand-off cases and their assignees. A case goes round-robin to an eligible assignee: active,
// with every skill the case needs, who has not declined it, and holding fewer open cases than
// their capacity; the one whose turn came longest ago (or never) goes first.
//
// Every change of hands runs under one transaction-scoped advisory lock, taken as the
// transaction's first statement, so assignments happen one after another: each counts the open
// cases every earlier one committed (READ COMMITTED takes a fresh snapshot per statement, and the
// lock is released only at commit), so no assignee goes over capacity, none is passed over because
// a concurrent assignment held its row, and turns are handed out in the order assignments are made.
// One lock and not one per queue: an assignee's capacity spans every queue. Accepting a case and
// recording an outcome move nothing between assignees and take only the case's row lock.
//
// A case nobody eligible has room for waits in its queue, unassigned. Whatever gives someone room
// or makes someone eligible (a close, a decline, an SLA lapse, an assignee added or changed) gives
// the waiting cases out before it commits, highest priority and oldest first, and answers which
// (`waitingAssigned`): their episodes are told, so each holder's SLA clock starts when they got it.
// So after every commit, no waiting case has an eligible assignee with room.
//
// What an episode must hear of its case (a collector's accept, decline or outcome, a waiting case
// given out) goes into the signal outbox in the same transaction (episode-signal-outbox.repository.ts):
// each change answers the IDs of the signals it wrote, for the caller to send once it has committed.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseOutcome } from '../../workflows/recovery/definitions.js';
import { ContactDeliveryRepository } from './contact-delivery.repository.js';
import { enqueueEpisodeSignals, outcomeSignalId, touchSignalId, type OutboxSignal } from './episode-signal-outbox.repository.js';

/** Who the episode's timeline says touched a case that round-robin just gave to someone. */
export const ASSIGNED_BY = 'assignment';

export interface OpenCase {
  caseId: string;
  workflowId: string;
  loanId: string;
  queue: string;
  skills: string[];
  priority: number;
  at: string;
}

export interface CaseView {
  caseId: string;
  workflowId: string;
  loanId: string;
  queue: string;
  skills: string[];
  priority: number;
  status: 'open' | 'accepted' | 'closed';
  assigneeId: string | null;
  assignedAt: string | null;
  acceptedAt: string | null;
  lastTouchedAt: string;
  slaBreaches: number;
  declinedBy: string[];
  openedAt: string;
  closedAt: string | null;
  closeReason: string | null;
}

export interface Assignee {
  id: string;
  name: string;
  kind: 'collector' | 'agency';
  skills: string[];
  capacity: number;
  active: boolean;
}

/** A waiting case given to someone by a change elsewhere: its episode is told by the outbox signal `signalId`. */
export interface Assignment {
  caseId: string;
  workflowId: string;
  assigneeId: string;
  signalId: string;
}

/** `signals`: the outbox signals the change wrote (its own episode's first, then the waiting cases'), to send once committed. */
export type CaseChange =
  | { ok: true; case: CaseView; waitingAssigned: Assignment[]; signals: string[] }
  | { ok: false; reason: 'not_found' | 'not_assignee' | 'closed' | 'already_accepted' };

/** A collector's outcome as the case records it. */
export interface OutcomeRecord {
  outcome: CaseOutcome;
  promise?: { amountMinor: number; dueOn: string };
  note?: string;
  /** the request's Idempotency-Key or ID: the outcome's signal is the same signal for every retry */
  requestKey: string;
}

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function toView(r: Row): CaseView {
  return {
    caseId: String(r.id),
    workflowId: String(r.workflow_id),
    loanId: String(r.loan_id),
    queue: String(r.queue),
    skills: r.skills as string[],
    priority: Number(r.priority),
    status: r.status as CaseView['status'],
    assigneeId: (r.assignee_id as string | null) ?? null,
    assignedAt: iso(r.assigned_at),
    acceptedAt: iso(r.accepted_at),
    lastTouchedAt: iso(r.last_touched_at)!,
    slaBreaches: Number(r.sla_breaches),
    declinedBy: r.declined_by as string[],
    openedAt: iso(r.opened_at)!,
    closedAt: iso(r.closed_at),
    closeReason: (r.close_reason as string | null) ?? null,
  };
}

export class RecoveryCaseRepository {
  constructor(private readonly em: EntityManager) {}

  /** Opens the case once (the same caseId again answers it as it stands) and assigns it if it can. */
  async open(c: OpenCase): Promise<CaseView> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      const inserted = await em.execute<Row[]>(
        `insert into recovery_cases (id, workflow_id, loan_id, queue, skills, priority, status, last_touched_at, declined_by, sla_breaches, opened_at)
         values (?, ?, ?, ?, ?, ?, 'open', ?, '[]', 0, ?) on conflict (id) do nothing returning id`,
        [c.caseId, c.workflowId, c.loanId, c.queue, JSON.stringify(c.skills), c.priority, c.at, c.at],
      );
      if (inserted.length > 0) {
        await event(em, c.caseId, c.at, 'opened', null, null, { queue: c.queue, skills: c.skills, priority: c.priority });
        // No waiting case could take the room this one finds: every change that made room gave it out already.
        await assign(em, c.caseId, c.at, null);
      }
      return (await get(em, c.caseId))!;
    });
  }

  async get(caseId: string): Promise<CaseView | null> {
    return get(this.em, caseId);
  }

  /**
   * The SLA lapsed: counted against whoever holds it, and it goes to someone else (back to the same
   * holder only when nobody else is eligible, which its events say). `breach` numbers the lapse,
   * so a retry counts it once.
   */
  async breachSla(caseId: string, breach: number, at: string): Promise<{ case: CaseView; waitingAssigned: Assignment[] } | null> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      const c = await get(em, caseId, true);
      if (!c) return null;
      if (c.status === 'closed' || c.slaBreaches >= breach) return { case: c, waitingAssigned: [] };
      await em.execute(`update recovery_cases set sla_breaches = ?, last_touched_at = ? where id = ?`, [breach, at, caseId]);
      await event(em, caseId, at, 'sla_breached', c.assigneeId, null, { breach, untouchedSince: c.lastTouchedAt });
      await assign(em, caseId, at, c.assigneeId);
      const waitingAssigned = await assignWaiting(em, at);
      return { case: (await get(em, caseId))!, waitingAssigned };
    });
  }

  async accept(caseId: string, assigneeId: string, at: string): Promise<CaseChange> {
    return this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c) return { ok: false, reason: 'not_found' };
      if (c.status === 'closed') return { ok: false, reason: 'closed' };
      if (c.assigneeId !== assigneeId) return { ok: false, reason: 'not_assignee' };
      // Accepting again changes nothing, and tells nothing: the first accept's signal is in the outbox.
      if (c.status === 'accepted') return { ok: true, case: c, waitingAssigned: [], signals: [] };
      await em.execute(`update recovery_cases set status = 'accepted', accepted_at = ?, last_touched_at = ? where id = ?`, [at, at, caseId]);
      const touched = await touch(em, c, await event(em, caseId, at, 'accepted', assigneeId, assigneeId, {}), assigneeId, at);
      return { ok: true, case: (await get(em, caseId))!, waitingAssigned: [], signals: [touched] };
    });
  }

  /** Declined with a reason: it goes to the next eligible assignee, never back to one who declined it (with nobody, it waits). */
  async decline(caseId: string, assigneeId: string, reason: string, at: string): Promise<CaseChange> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      const c = await get(em, caseId, true);
      if (!c) return { ok: false, reason: 'not_found' };
      if (c.status === 'closed') return { ok: false, reason: 'closed' };
      if (c.assigneeId !== assigneeId) return { ok: false, reason: 'not_assignee' };
      if (c.status === 'accepted') return { ok: false, reason: 'already_accepted' };
      await em.execute(`update recovery_cases set declined_by = declined_by || ?::jsonb, last_touched_at = ? where id = ?`, [JSON.stringify([assigneeId]), at, caseId]);
      const touched = await touch(em, c, await event(em, caseId, at, 'declined', assigneeId, assigneeId, { reason }), assigneeId, at);
      await assign(em, caseId, at, assigneeId);
      const waitingAssigned = await assignWaiting(em, at);
      return { ok: true, case: (await get(em, caseId))!, waitingAssigned, signals: [touched, ...waitingAssigned.map((a) => a.signalId)] };
    });
  }

  /**
   * The call behind a collector's outcome, into the contact log for the gate to count (Reg F
   * 1006.14(b)(2)). Recorded on its own, before the outcome is asked of the episode or the case:
   * the call happened whether or not the episode takes the promise, and whoever holds the case now
   * (it may have gone to someone else, or closed, while the collector was on the phone). Only on a
   * case that exists, by someone who is an assignee. `requestKey` makes a retried request one call.
   */
  async recordCall(caseId: string, by: string, requestKey: string, call: { outcome: string; conversation: boolean }, at: string): Promise<'recorded' | 'not_found' | 'unknown_assignee'> {
    const c = await get(this.em, caseId);
    if (!c) return 'not_found';
    const [assignee] = await this.em.execute<Row[]>(`select id from recovery_assignees where id = ?`, [by]);
    if (!assignee) return 'unknown_assignee';
    await new ContactDeliveryRepository(this.em).recordCollectorCall({ requestKey, caseId, loanId: c.loanId, workflowId: c.workflowId, by, ...call, at });
    return 'recorded';
  }

  /**
   * The outcome a request with this key recorded before, and whether the request finished (`told`:
   * what follows the record was done): a retried request (the same Idempotency-Key) is answered
   * without recording or telling it twice.
   */
  async outcomeFor(caseId: string, requestKey: string): Promise<{ told: boolean } | null> {
    const [row] = await this.em.execute<Row[]>(`select data->>'told' as told from recovery_case_events where case_id = ? and kind = 'outcome' and data->>'requestKey' = ? limit 1`, [caseId, requestKey]);
    return row ? { told: row.told === 'true' } : null;
  }

  /**
   * The ID of the signal that tells the episode of the outcome this request recorded (null when it
   * recorded none). An outcome recorded before the outbox existed, by a request that died before
   * telling, gets its row now, so its retry still tells the episode.
   */
  async outcomeSignal(caseId: string, requestKey: string): Promise<string | null> {
    const [row] = await this.em.execute<Row[]>(
      `select c.workflow_id, e.by, e.data from recovery_case_events e join recovery_cases c on c.id = e.case_id where e.case_id = ? and e.kind = 'outcome' and e.data->>'requestKey' = ? order by e.id limit 1`,
      [caseId, requestKey],
    );
    if (!row) return null;
    const signal = outcomeSignal({ caseId, workflowId: String(row.workflow_id) }, String(row.by), row.data as OutcomeRecord);
    await enqueueEpisodeSignals(this.em, [signal]);
    return signal.id;
  }

  /** The request that recorded this outcome finished: its signal is the outbox's to deliver, whatever became of sending it at once. */
  async outcomeTold(caseId: string, requestKey: string): Promise<void> {
    await this.em.execute(`update recovery_case_events set data = data || '{"told":true}'::jsonb where case_id = ? and kind = 'outcome' and data->>'requestKey' = ?`, [caseId, requestKey]);
  }

  /**
   * A collector's outcome on the case (a call, a promise taken): the SLA clock restarts, and the
   * episode is told (caseOutcome, in the outbox). The call it reports is recorded first, on its own (recordCall).
   */
  async outcome(caseId: string, by: string, record: OutcomeRecord, at: string): Promise<CaseChange> {
    return this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c) return { ok: false, reason: 'not_found' };
      if (c.status === 'closed') return { ok: false, reason: 'closed' };
      if (c.assigneeId !== by) return { ok: false, reason: 'not_assignee' };
      await em.execute(`update recovery_cases set last_touched_at = ? where id = ?`, [at, caseId]);
      await event(em, caseId, at, 'outcome', by, by, { ...record });
      const signal = outcomeSignal(c, by, record);
      await enqueueEpisodeSignals(em, [signal]);
      return { ok: true, case: (await get(em, caseId))!, waitingAssigned: [], signals: [signal.id] };
    });
  }

  /** Closes the case; its holder's room goes to the waiting cases it fits. Answers the waiting cases given out. */
  async close(caseId: string, reason: string, at: string): Promise<Assignment[]> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      const c = await get(em, caseId, true);
      if (!c || c.status === 'closed') return [];
      await em.execute(`update recovery_cases set status = 'closed', closed_at = ?, close_reason = ? where id = ?`, [at, reason, caseId]);
      await event(em, caseId, at, 'closed', c.assigneeId, null, { reason });
      return assignWaiting(em, at);
    });
  }

  async list(filter: { queue?: string; assigneeId?: string; status?: string; limit: number }): Promise<CaseView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['queue', filter.queue], ['assignee_id', filter.assigneeId], ['status', filter.status]] as const) {
      if (value === undefined) continue;
      where.push(`${column} = ?`);
      params.push(value);
    }
    const rows = await this.em.execute<Row[]>(
      `select * from recovery_cases ${where.length ? `where ${where.join(' and ')}` : ''} order by priority desc, opened_at, id limit ?`,
      [...params, filter.limit],
    );
    return rows.map(toView);
  }

  async events(caseId: string): Promise<{ at: string; kind: string; assigneeId: string | null; by: string | null; data: Record<string, unknown> }[]> {
    const rows = await this.em.execute<Row[]>(`select at, kind, assignee_id, by, data from recovery_case_events where case_id = ? order by id`, [caseId]);
    return rows.map((r) => ({ at: iso(r.at)!, kind: String(r.kind), assigneeId: (r.assignee_id as string | null) ?? null, by: (r.by as string | null) ?? null, data: r.data as Record<string, unknown> }));
  }

  /** Adds or changes an assignee; new room or new skills go to the waiting cases at once. */
  async upsertAssignee(a: Assignee, at = new Date().toISOString()): Promise<{ assignee: Assignee; waitingAssigned: Assignment[] }> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      await em.execute(
        `insert into recovery_assignees (id, name, kind, skills, capacity, active, created_at) values (?, ?, ?, ?, ?, ?, now())
         on conflict (id) do update set name = excluded.name, kind = excluded.kind, skills = excluded.skills, capacity = excluded.capacity, active = excluded.active`,
        [a.id, a.name, a.kind, JSON.stringify(a.skills), a.capacity, a.active],
      );
      return { assignee: a, waitingAssigned: await assignWaiting(em, at) };
    });
  }

  async assignees(): Promise<(Assignee & { openCases: number; slaBreaches: number })[]> {
    const rows = await this.em.execute<Row[]>(
      `select a.*, (select count(*) from recovery_cases c where c.assignee_id = a.id and c.status <> 'closed') as open_cases,
              (select count(*) from recovery_case_events e where e.assignee_id = a.id and e.kind = 'sla_breached') as sla_breaches
       from recovery_assignees a order by a.id`,
    );
    return rows.map((r) => ({
      id: String(r.id), name: String(r.name), kind: r.kind as Assignee['kind'], skills: r.skills as string[], capacity: Number(r.capacity), active: Boolean(r.active),
      openCases: Number(r.open_cases), slaBreaches: Number(r.sla_breaches),
    }));
  }
}

export async function get(em: EntityManager, caseId: string, lock = false): Promise<CaseView | null> {
  const [row] = await em.execute<Row[]>(`select * from recovery_cases where id = ?${lock ? ' for update' : ''}`, [caseId]);
  return row ? toView(row) : null;
}

/** Answers the event's ID. */
export async function event(em: EntityManager, caseId: string, at: string, kind: string, assigneeId: string | null, by: string | null, data: Record<string, unknown>): Promise<string> {
  const [row] = await em.execute<Row[]>(`insert into recovery_case_events (case_id, at, kind, assignee_id, by, data) values (?, ?, ?, ?, ?, ?) returning id`, [caseId, at, kind, assigneeId, by, JSON.stringify(data)]);
  return String(row!.id);
}

/** The episode's caseOutcome for a recorded outcome; its ID comes from the request key, so every retry of the request is the same signal. */
function outcomeSignal(c: Pick<CaseView, 'caseId' | 'workflowId'>, by: string, record: Pick<OutcomeRecord, 'outcome' | 'note' | 'requestKey'>): OutboxSignal {
  return { id: outcomeSignalId(c.caseId, record.requestKey), workflowId: c.workflowId, signal: 'caseOutcome', payload: { caseId: c.caseId, outcome: record.outcome, by, ...(record.note ? { note: record.note } : {}) } };
}

/** Tells the case's episode, through the outbox, that `by` touched it (the case event `eventId`): its SLA clock restarts. Answers the signal's ID. */
export async function touch(em: EntityManager, c: Pick<CaseView, 'caseId' | 'workflowId'>, eventId: string, by: string, at: string): Promise<string> {
  const id = touchSignalId(eventId);
  await enqueueEpisodeSignals(em, [{ id, workflowId: c.workflowId, signal: 'caseTouched', payload: { caseId: c.caseId, by, at } }]);
  return id;
}

/** Serialises every change of hands (see the top of this file); held until the transaction ends. */
export async function lockAssignments(em: EntityManager): Promise<void> {
  await em.execute(`select pg_advisory_xact_lock(hashtext('recovery_cases.assignment'))`);
}

/**
 * Whether assignee `a` may take case `c` now: active, every skill the case needs, has not declined
 * it, and holds fewer open cases than their capacity (this case aside, for the one who holds it).
 * The one test both the choice of an assignee and the choice of a waiting case use.
 */
const ELIGIBLE = `a.active and a.skills @> c.skills and not c.declined_by @> jsonb_build_array(a.id)
  and (select count(*) from recovery_cases o where o.assignee_id = a.id and o.status <> 'closed' and o.id <> c.id) < a.capacity`;

/** The eligible assignee (other than those in `except`, and only of `kind` if given) whose turn came longest ago, or never. */
async function nextAssignee(em: EntityManager, caseId: string, except: string[], kind: Assignee['kind'] | null = null): Promise<string | null> {
  const [row] = await em.execute<Row[]>(
    `select a.id from recovery_cases c join recovery_assignees a on ${ELIGIBLE}
     where c.id = ? and not ?::jsonb @> jsonb_build_array(a.id) and (?::text is null or a.kind = ?::text)
     order by a.last_assigned_turn nulls first, a.id limit 1`,
    [caseId, JSON.stringify(except), kind, kind],
  );
  return row ? String(row.id) : null;
}

/**
 * Gives the case to the next eligible assignee other than `from`, its holder until now. `from`
 * keeps it only when nobody else is eligible (the events say so); with nobody at all it waits in
 * its queue, unassigned. Answers who holds it, and the assignment's event. Under the assignment lock.
 * A case taken from its holder (an agency's placement recalled) passes `keep: false`, and `kind`
 * to stay among collectors (in-house).
 */
export async function assign(em: EntityManager, caseId: string, at: string, from: string | null, { keep = true, kind = null }: { keep?: boolean; kind?: Assignee['kind'] | null } = {}): Promise<{ assigneeId: string; eventId: string } | null> {
  const next = await nextAssignee(em, caseId, from ? [from] : [], kind);
  if (next) {
    await em.execute(`update recovery_cases set assignee_id = ?, assigned_at = ?, status = 'open', accepted_at = null where id = ?`, [next, at, caseId]);
    await em.execute(`update recovery_assignees set last_assigned_at = ?, last_assigned_turn = (select coalesce(max(last_assigned_turn), 0) + 1 from recovery_assignees) where id = ?`, [at, next]);
    return { assigneeId: next, eventId: await event(em, caseId, at, 'assigned', next, null, from ? { from } : {}) };
  }
  if (keep && from && (await nextAssignee(em, caseId, [], kind)) === from) {
    return { assigneeId: from, eventId: await event(em, caseId, at, 'kept', from, null, { reason: 'nobody else eligible has room: it stays with its holder' }) };
  }
  await em.execute(`update recovery_cases set assignee_id = null, assigned_at = null, status = 'open', accepted_at = null where id = ?`, [caseId]);
  await event(em, caseId, at, from ? 'unassigned' : 'waiting', null, null, { reason: 'no eligible assignee has room: it waits in its queue', ...(from ? { from } : {}) });
  return null;
}

/**
 * Gives out waiting cases, highest priority and oldest first, while anyone eligible has room for
 * one, and tells each case's episode through the outbox. Under the assignment lock.
 */
export async function assignWaiting(em: EntityManager, at: string): Promise<Assignment[]> {
  const given: Assignment[] = [];
  for (;;) {
    const [c] = await em.execute<Row[]>(
      `select c.id, c.workflow_id from recovery_cases c
       where c.status = 'open' and c.assignee_id is null and exists (select 1 from recovery_assignees a where ${ELIGIBLE})
       order by c.priority desc, c.opened_at, c.id limit 1 for update`,
    );
    if (!c) return given;
    const caseId = String(c.id);
    const workflowId = String(c.workflow_id);
    const assigned = await assign(em, caseId, at, null);
    // The same test chose the case and the assignee, and nothing else moves under the lock.
    if (!assigned) throw new Error(`waiting case ${caseId} had an eligible assignee and got none`);
    const signalId = await touch(em, { caseId, workflowId }, assigned.eventId, ASSIGNED_BY, at);
    given.push({ caseId, workflowId, assigneeId: assigned.assigneeId, signalId });
  }
}
