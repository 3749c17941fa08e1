// Hand-off cases and their assignees. Assignment is round-robin among the active assignees who
// have every skill the case needs, have not declined it, and hold fewer open cases than their
// capacity: the one given a case longest ago goes first. Rows are locked while a case changes
// hands, so two assignments at once never give one assignee more than their capacity.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ContactDeliveryRepository } from './contact-delivery.repository.js';

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

export type CaseChange =
  | { ok: true; case: CaseView }
  | { ok: false; reason: 'not_found' | 'not_assignee' | 'closed' | 'already_accepted' };

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
      const inserted = await em.execute<Row[]>(
        `insert into recovery_cases (id, workflow_id, loan_id, queue, skills, priority, status, last_touched_at, declined_by, sla_breaches, opened_at)
         values (?, ?, ?, ?, ?, ?, 'open', ?, '[]', 0, ?) on conflict (id) do nothing returning id`,
        [c.caseId, c.workflowId, c.loanId, c.queue, JSON.stringify(c.skills), c.priority, c.at, c.at],
      );
      if (inserted.length > 0) {
        await event(em, c.caseId, c.at, 'opened', null, null, { queue: c.queue, skills: c.skills, priority: c.priority });
        await assign(em, c.caseId, c.at);
      }
      return (await get(em, c.caseId))!;
    });
  }

  async get(caseId: string): Promise<CaseView | null> {
    return get(this.em, caseId);
  }

  /** The SLA lapsed: counted against whoever holds it, and it goes to someone else. `breach` numbers the lapse, so a retry counts it once. */
  async breachSla(caseId: string, breach: number, at: string): Promise<CaseView | null> {
    return this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c || c.status === 'closed') return c;
      if (c.slaBreaches >= breach) return c;
      await em.execute(`update recovery_cases set sla_breaches = ?, last_touched_at = ? where id = ?`, [breach, at, caseId]);
      await event(em, caseId, at, 'sla_breached', c.assigneeId, null, { breach, untouchedSince: c.lastTouchedAt });
      await assign(em, caseId, at, c.assigneeId);
      return get(em, caseId);
    });
  }

  async accept(caseId: string, assigneeId: string, at: string): Promise<CaseChange> {
    return this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c) return { ok: false, reason: 'not_found' };
      if (c.status === 'closed') return { ok: false, reason: 'closed' };
      if (c.assigneeId !== assigneeId) return { ok: false, reason: 'not_assignee' };
      if (c.status === 'accepted') return { ok: true, case: c };
      await em.execute(`update recovery_cases set status = 'accepted', accepted_at = ?, last_touched_at = ? where id = ?`, [at, at, caseId]);
      await event(em, caseId, at, 'accepted', assigneeId, assigneeId, {});
      return { ok: true, case: (await get(em, caseId))! };
    });
  }

  async decline(caseId: string, assigneeId: string, reason: string, at: string): Promise<CaseChange> {
    return this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c) return { ok: false, reason: 'not_found' };
      if (c.status === 'closed') return { ok: false, reason: 'closed' };
      if (c.assigneeId !== assigneeId) return { ok: false, reason: 'not_assignee' };
      if (c.status === 'accepted') return { ok: false, reason: 'already_accepted' };
      await em.execute(`update recovery_cases set declined_by = declined_by || ?::jsonb, last_touched_at = ? where id = ?`, [JSON.stringify([assigneeId]), at, caseId]);
      await event(em, caseId, at, 'declined', assigneeId, assigneeId, { reason });
      await assign(em, caseId, at, assigneeId);
      return { ok: true, case: (await get(em, caseId))! };
    });
  }

  /**
   * A collector's outcome on the case (a call, a promise taken): the SLA clock restarts. The call it
   * reports goes into the contact log with it, in one transaction, for the gate to count.
   */
  async outcome(caseId: string, by: string, data: Record<string, unknown>, at: string, call: { outcome: string; conversation: boolean }): Promise<CaseChange> {
    return this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c) return { ok: false, reason: 'not_found' };
      if (c.status === 'closed') return { ok: false, reason: 'closed' };
      if (c.assigneeId !== by) return { ok: false, reason: 'not_assignee' };
      await em.execute(`update recovery_cases set last_touched_at = ? where id = ?`, [at, caseId]);
      const outcomeEventId = await event(em, caseId, at, 'outcome', by, by, data);
      await new ContactDeliveryRepository(em).recordCollectorCall({ outcomeEventId, caseId, loanId: c.loanId, workflowId: c.workflowId, by, ...call, at });
      return { ok: true, case: (await get(em, caseId))! };
    });
  }

  async close(caseId: string, reason: string, at: string): Promise<void> {
    await this.em.transactional(async (em) => {
      const c = await get(em, caseId, true);
      if (!c || c.status === 'closed') return;
      await em.execute(`update recovery_cases set status = 'closed', closed_at = ?, close_reason = ? where id = ?`, [at, reason, caseId]);
      await event(em, caseId, at, 'closed', c.assigneeId, null, { reason });
      // The holder has room again: the longest-waiting case they can take goes to someone now.
      const [waiting] = await em.execute<Row[]>(`select id from recovery_cases where status = 'open' and assignee_id is null order by priority desc, opened_at limit 1 for update skip locked`);
      if (waiting) await assign(em, String(waiting.id), at);
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

  async upsertAssignee(a: Assignee): Promise<Assignee> {
    await this.em.execute(
      `insert into recovery_assignees (id, name, kind, skills, capacity, active, created_at) values (?, ?, ?, ?, ?, ?, now())
       on conflict (id) do update set name = excluded.name, kind = excluded.kind, skills = excluded.skills, capacity = excluded.capacity, active = excluded.active`,
      [a.id, a.name, a.kind, JSON.stringify(a.skills), a.capacity, a.active],
    );
    return a;
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

async function get(em: EntityManager, caseId: string, lock = false): Promise<CaseView | null> {
  const [row] = await em.execute<Row[]>(`select * from recovery_cases where id = ?${lock ? ' for update' : ''}`, [caseId]);
  return row ? toView(row) : null;
}

/** Answers the event's ID. */
async function event(em: EntityManager, caseId: string, at: string, kind: string, assigneeId: string | null, by: string | null, data: Record<string, unknown>): Promise<string> {
  const [row] = await em.execute<Row[]>(`insert into recovery_case_events (case_id, at, kind, assignee_id, by, data) values (?, ?, ?, ?, ?, ?) returning id`, [caseId, at, kind, assigneeId, by, JSON.stringify(data)]);
  return String(row!.id);
}

/** Gives the case to the next eligible assignee (never `except`, nor anyone who declined it), or leaves it waiting in its queue. */
async function assign(em: EntityManager, caseId: string, at: string, except: string | null = null): Promise<void> {
  const [c] = await em.execute<Row[]>(`select skills, declined_by, assignee_id from recovery_cases where id = ?`, [caseId]);
  if (!c) return;
  const excluded = [...(c.declined_by as string[]), ...(except ? [except] : [])];
  const [next] = await em.execute<Row[]>(
    `select a.id from recovery_assignees a
     where a.active and a.skills @> ?::jsonb and not (a.id = any(?::text[]))
       and (select count(*) from recovery_cases o where o.assignee_id = a.id and o.status <> 'closed' and o.id <> ?) < a.capacity
     order by a.last_assigned_at nulls first, a.id limit 1 for update of a skip locked`,
    [JSON.stringify(c.skills), `{${excluded.map((e) => `"${e.replace(/["\\]/g, '')}"`).join(',')}}`, caseId],
  );
  const assigneeId = next ? String(next.id) : null;
  await em.execute(`update recovery_cases set assignee_id = ?, assigned_at = ?, status = 'open', accepted_at = null where id = ?`, [assigneeId, assigneeId ? at : null, caseId]);
  if (assigneeId) {
    await em.execute(`update recovery_assignees set last_assigned_at = ? where id = ?`, [at, assigneeId]);
    await event(em, caseId, at, 'assigned', assigneeId, null, {});
  } else if (c.assignee_id) {
    await event(em, caseId, at, 'unassigned', null, null, { reason: 'no eligible assignee has capacity' });
  }
}
