// Placing hand-off cases with outside agencies, the agencies' answers, ops' recalls, and each
// agency's performance. A case is placed with an agency while the case's assignee is the agency
// (recovery_cases.assignee_id = its agency ID, an assignee of kind agency): every change of hands
// here is one of recovery-case.repository.ts's, under its advisory lock, with its outbox signals
// (the episode hears of each change, so its SLA clock restarts) and its capacity; whatever room a
// change frees goes to the waiting cases before it commits.
//
// A placement respects round-robin's eligibility (the agency active, every skill the case needs,
// not a case it declined or rejected, room under its capacity) and says why each case it could not
// place was not. It takes a case from a collector (by hand, even one they accepted; a rule takes
// only cases nobody accepted) but never from another agency: ops recall it first. Placing does not
// take a round-robin turn. The agency accepts (the batch, or some of its cases: the case's accept)
// or rejects (the case's decline: it goes round-robin to someone else, never back to that agency).
// A recall sends the case to round-robin among collectors (in-house), never keeping it with the
// agency, and round-robin never offers it to that agency again (it joins the case's decliners; ops
// may still place it there by hand). With no collector eligible and with room it waits in its
// queue, where round-robin gives it to whoever eligible has room first, an agency included.
//
// A placed case stays the agency's from its placement until the first event that moves it on
// (closed, or given to someone else or to nobody), or its rejection or recall
// (agency-performance.repository.ts counts by that).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RecoveryCaseRepository, assign, assignWaiting, event, get, lockAssignments, touch, type Assignment, type CaseChange } from './recovery-case.repository.js';

/** Why a case asked for was not placed. */
export const NOT_PLACED_REASONS = ['not_found', 'closed', 'already_with_agency', 'with_another_agency', 'missing_skills', 'rejected_by_agency', 'no_room', 'no_account'] as const;
export type NotPlacedReason = (typeof NOT_PLACED_REASONS)[number];

export interface PlacementRule {
  queue?: string;
  /** the account's bucket now, any of these */
  buckets?: string[];
  minDpd?: number;
  maxDpd?: number;
  /** with a balance bound: balances compare only in one currency */
  currency?: string;
  minBalanceMinor?: number;
  maxBalanceMinor?: number;
  product?: string;
  /** the borrower's country (ISO 3166-1 alpha-2) */
  country?: string;
  segment?: string;
  /** at most this many cases (and never more than the agency has room for) */
  limit?: number;
}

export interface PlacedCase {
  caseId: string;
  loanId: string;
  balanceMinor: number;
  currency: string;
  bucket: string;
  dpd: number;
  /** placed (awaiting the agency) | accepted | rejected | recalled | moved_on (closed, or went elsewhere: an SLA lapse, a decline) */
  status: 'placed' | 'accepted' | 'rejected' | 'recalled' | 'moved_on';
  acceptedAt: string | null;
  endedAt: string | null;
}

export interface PlacementView {
  placementId: string;
  agencyId: string;
  placedBy: string;
  placedAt: string;
  rule: PlacementRule | null;
  cases: PlacedCase[];
  notPlaced: { caseId: string; reason: NotPlacedReason }[];
}

export type PlaceResult =
  | { ok: true; placement: PlacementView; waitingAssigned: Assignment[]; signals: string[] }
  | { ok: false; reason: 'agency_not_found' | 'agency_inactive' };

/** The cases an agency answered or ops recalled (`changed`), those it could not (`refused`, with why), and the signals to send once committed. */
export type HandsResult =
  | { ok: true; changed: string[]; refused: { caseId: string; reason: string }[]; signals: string[] }
  | { ok: false; reason: 'placement_not_found' };

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

/** A placed case belongs to the agency from its placement to the first event that moves it on. */
export const MOVED_ON = `select min(e.at) from recovery_case_events e where e.case_id = pc.case_id and e.id > pc.placed_event_id
  and (e.kind = 'closed' or (e.kind in ('assigned', 'placed', 'unassigned', 'waiting') and e.assignee_id is distinct from pc.agency_id))`;

export class AgencyPlacementRepository {
  constructor(private readonly em: EntityManager) {}

  /** Places the cases (by hand: `caseIds`, in that order; by rule: the rule's matches, highest priority first) with the agency, up to its room. */
  async place(p: { agencyId: string; placedBy: string; at: string; caseIds?: string[]; rule?: PlacementRule }): Promise<PlaceResult> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      const [agency] = await em.execute<Row[]>(`select * from recovery_assignees where id = ? and kind = 'agency'`, [p.agencyId]);
      if (!agency) return { ok: false, reason: 'agency_not_found' };
      if (!agency.active) return { ok: false, reason: 'agency_inactive' };
      const skills = agency.skills as string[];
      const [{ n: holding } = { n: 0 }] = await em.execute<Row[]>(`select count(*)::int as n from recovery_cases where assignee_id = ? and status <> 'closed'`, [p.agencyId]);
      let room = Number(agency.capacity) - Number(holding);
      const candidates = p.rule ? await matching(em, p.agencyId, p.rule, Math.min(p.rule.limit ?? Math.max(room, 0), Math.max(room, 0))) : [...new Set(p.caseIds ?? [])];

      const placementId = `plc-${randomUUID()}`;
      const placed: string[] = [];
      const notPlaced: { caseId: string; reason: NotPlacedReason }[] = [];
      const signals: string[] = [];
      await em.execute(`insert into agency_placements (id, agency_id, placed_by, placed_at, rule, not_placed) values (?, ?, ?, ?, ?, '[]')`, [placementId, p.agencyId, p.placedBy, p.at, p.rule ? JSON.stringify(p.rule) : null]);
      for (const caseId of candidates) {
        const c = await get(em, caseId, true);
        const holder = c?.assigneeId ? (await em.execute<Row[]>(`select kind from recovery_assignees where id = ?`, [c.assigneeId]))[0] : undefined;
        const [account] = c ? await em.execute<Row[]>(`select currency, outstanding_minor, bucket, dpd from recovery_episodes where workflow_id = ?`, [c.workflowId]) : [];
        const reason: NotPlacedReason | null = !c
          ? 'not_found'
          : c.status === 'closed'
            ? 'closed'
            : c.assigneeId === p.agencyId
              ? 'already_with_agency'
              : holder?.kind === 'agency'
                ? 'with_another_agency'
                : !c.skills.every((s) => skills.includes(s))
                  ? 'missing_skills'
                  : c.declinedBy.includes(p.agencyId) && !(await recalledLast(em, caseId, p.agencyId))
                    ? 'rejected_by_agency'
                    : room <= 0
                      ? 'no_room'
                      : !account
                        ? 'no_account'
                        : null;
        if (reason || !c || !account) {
          notPlaced.push({ caseId, reason: reason ?? 'not_found' });
          continue;
        }
        // Placing by hand a case the agency was recalled from lifts the bar the recall put on round-robin offering it to them.
        await em.execute(`update recovery_cases set assignee_id = ?, assigned_at = ?, status = 'open', accepted_at = null, declined_by = declined_by - ?::text where id = ?`, [p.agencyId, p.at, p.agencyId, caseId]);
        const eventId = await event(em, caseId, p.at, 'placed', p.agencyId, p.placedBy, { placementId, ...(c.assigneeId ? { from: c.assigneeId } : {}) });
        signals.push(await touch(em, c, eventId, p.placedBy, p.at));
        await em.execute(
          `insert into agency_placement_cases (placement_id, case_id, agency_id, loan_id, workflow_id, placed_at, placed_event_id, balance_minor, currency, bucket, dpd)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [placementId, caseId, p.agencyId, c.loanId, c.workflowId, p.at, eventId, account.outstanding_minor, account.currency, account.bucket, account.dpd],
        );
        placed.push(caseId);
        room -= 1;
      }
      await em.execute(`update agency_placements set not_placed = ? where id = ?`, [JSON.stringify(notPlaced), placementId]);
      // A case taken from a collector freed their room.
      const waitingAssigned = placed.length > 0 ? await assignWaiting(em, p.at) : [];
      return { ok: true, placement: (await placement(em, placementId, p.agencyId))!, waitingAssigned, signals: [...signals, ...waitingAssigned.map((a) => a.signalId)] };
    });
  }

  /** The placement, if it is `agencyId`'s (null: any agency's). */
  async get(placementId: string, agencyId: string | null): Promise<PlacementView | null> {
    return placement(this.em, placementId, agencyId);
  }

  async list(filter: { agencyId: string | null; limit: number }): Promise<PlacementView[]> {
    const rows = await this.em.execute<Row[]>(`select id from agency_placements where (?::text is null or agency_id = ?) order by placed_at desc, id limit ?`, [filter.agencyId, filter.agencyId, filter.limit]);
    return Promise.all(rows.map(async (r) => (await placement(this.em, String(r.id), filter.agencyId))!));
  }

  /** The agency accepts the placement's cases it still holds (`caseIds`: only those): each is the case's own accept. */
  async accept(placementId: string, agencyId: string, caseIds: string[] | null, at: string): Promise<HandsResult> {
    return this.answer(placementId, agencyId, caseIds, 'all', (cases, caseId) => cases.accept(caseId, agencyId, at), async (em, caseId) => {
      await em.execute(`update agency_placement_cases set accepted_at = ? where placement_id = ? and case_id = ? and accepted_at is null`, [at, placementId, caseId]);
    });
  }

  /**
   * The agency rejects the placement's cases it holds and has not accepted (`caseIds`: only those):
   * each is the case's own decline, so it goes round-robin to someone else and never back to the agency.
   */
  async reject(placementId: string, agencyId: string, caseIds: string[] | null, reason: string, at: string): Promise<HandsResult> {
    return this.answer(placementId, agencyId, caseIds, 'not_accepted', (cases, caseId) => cases.decline(caseId, agencyId, reason, at), async (em, caseId) => {
      await em.execute(`update agency_placement_cases set ended_at = ?, ended_as = 'rejected', ended_by = ?, end_reason = ? where placement_id = ? and case_id = ?`, [at, agencyId, reason, placementId, caseId]);
    });
  }

  /**
   * Ops take cases back from the agency: the placement's (`placementId`, `caseIds` narrowing it) or
   * any it holds by hand (`caseIds`). Each goes round-robin among collectors, never kept by the
   * agency; its episode is told.
   */
  async recall(r: { agencyId: string; placementId?: string; caseIds?: string[]; by: string; reason: string; at: string }): Promise<HandsResult> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      const current = await this.placedNow(em, r.agencyId, r.placementId ?? null);
      if (r.placementId && !(await placement(em, r.placementId, r.agencyId))) return { ok: false, reason: 'placement_not_found' };
      const wanted = r.caseIds ? [...new Set(r.caseIds)] : [...current.keys()];
      const changed: string[] = [];
      const refused: { caseId: string; reason: string }[] = [];
      const signals: string[] = [];
      for (const caseId of wanted) {
        const c = await get(em, caseId, true);
        if (!c || c.assigneeId !== r.agencyId || c.status === 'closed' || (r.placementId && !current.has(caseId))) {
          refused.push({ caseId, reason: 'not_with_agency' });
          continue;
        }
        const eventId = await event(em, caseId, r.at, 'recalled', r.agencyId, r.by, { reason: r.reason, ...(current.get(caseId) ? { placementId: current.get(caseId)!.placementId } : {}) });
        signals.push(await touch(em, c, eventId, r.by, r.at));
        // Round-robin never offers it to the agency again (only ops, placing it by hand, can).
        await em.execute(`update recovery_cases set declined_by = declined_by || ?::jsonb where id = ?`, [JSON.stringify([r.agencyId]), caseId]);
        await assign(em, caseId, r.at, r.agencyId, { keep: false, kind: 'collector' });
        await em.execute(`update agency_placement_cases set ended_at = ?, ended_as = 'recalled', ended_by = ?, end_reason = ? where case_id = ? and agency_id = ? and ended_at is null`, [r.at, r.by, r.reason, caseId, r.agencyId]);
        changed.push(caseId);
      }
      const waitingAssigned = changed.length > 0 ? await assignWaiting(em, r.at) : [];
      return { ok: true, changed, refused, signals: [...signals, ...waitingAssigned.map((a) => a.signalId)] };
    });
  }

  /** The cases the agency holds now, by the placement that gave each (of `placementId` only, if given), and whether it accepted each. */
  private async placedNow(em: EntityManager, agencyId: string, placementId: string | null): Promise<Map<string, { placementId: string; accepted: boolean }>> {
    const rows = await em.execute<Row[]>(
      `select pc.case_id, pc.placement_id, c.status from agency_placement_cases pc join recovery_cases c on c.id = pc.case_id
       where pc.agency_id = ? and (?::text is null or pc.placement_id = ?) and pc.ended_at is null and (${MOVED_ON}) is null
         and c.assignee_id = pc.agency_id and c.status <> 'closed'
       order by pc.placed_at, pc.case_id`,
      [agencyId, placementId, placementId],
    );
    return new Map(rows.map((r) => [String(r.case_id), { placementId: String(r.placement_id), accepted: r.status === 'accepted' }]));
  }

  /** The agency's answer on each case of its placement it holds (`caseIds`: only those; else `all` of them, or those `not_accepted`), by the case's own change. */
  private async answer(
    placementId: string,
    agencyId: string,
    caseIds: string[] | null,
    otherwise: 'all' | 'not_accepted',
    change: (cases: RecoveryCaseRepository, caseId: string) => Promise<CaseChange>,
    record: (em: EntityManager, caseId: string) => Promise<void>,
  ): Promise<HandsResult> {
    return this.em.transactional(async (em) => {
      await lockAssignments(em);
      if (!(await placement(em, placementId, agencyId))) return { ok: false, reason: 'placement_not_found' };
      const current = await this.placedNow(em, agencyId, placementId);
      const wanted = caseIds ? [...new Set(caseIds)] : [...current.entries()].filter(([, c]) => otherwise === 'all' || !c.accepted).map(([id]) => id);
      const cases = new RecoveryCaseRepository(em);
      const changed: string[] = [];
      const refused: { caseId: string; reason: string }[] = [];
      const signals: string[] = [];
      for (const caseId of wanted) {
        if (!current.has(caseId)) {
          refused.push({ caseId, reason: 'not_with_agency' });
          continue;
        }
        const result = await change(cases, caseId);
        if (!result.ok) {
          refused.push({ caseId, reason: result.reason });
          continue;
        }
        await record(em, caseId);
        changed.push(caseId);
        signals.push(...result.signals);
      }
      return { ok: true, changed, refused, signals };
    });
  }
}

/** Whether the agency is among the case's decliners because ops recalled it from them, not because they declined or rejected it. */
async function recalledLast(em: EntityManager, caseId: string, agencyId: string): Promise<boolean> {
  const [last] = await em.execute<Row[]>(`select kind from recovery_case_events where case_id = ? and assignee_id = ? and kind in ('declined', 'recalled') order by id desc limit 1`, [caseId, agencyId]);
  return last?.kind === 'recalled';
}

/** Candidates for a rule: open cases nobody accepted, not with this agency, matching, highest priority and oldest first. */
async function matching(em: EntityManager, agencyId: string, rule: PlacementRule, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const where: string[] = [`c.status = 'open'`, `c.assignee_id is distinct from ?`, `e.status = 'running'`];
  const params: unknown[] = [agencyId];
  const add = (sql: string, value: unknown) => {
    if (value === undefined) return;
    where.push(sql);
    params.push(value);
  };
  add('c.queue = ?', rule.queue);
  add('e.bucket in (select jsonb_array_elements_text(?::jsonb))', rule.buckets ? JSON.stringify(rule.buckets) : undefined);
  add('e.dpd >= ?', rule.minDpd);
  add('e.dpd <= ?', rule.maxDpd);
  add('e.currency = ?', rule.currency);
  add('e.outstanding_minor >= ?', rule.minBalanceMinor);
  add('e.outstanding_minor <= ?', rule.maxBalanceMinor);
  add('e.product = ?', rule.product);
  add('e.country = ?', rule.country);
  add('e.segment = ?', rule.segment);
  // Cases the agency could not take are left to round-robin, not listed as not placed: a rule asks for what fits.
  const rows = await em.execute<Row[]>(
    `select c.id from recovery_cases c join recovery_episodes e on e.workflow_id = c.workflow_id
     left join recovery_assignees h on h.id = c.assignee_id
     join recovery_assignees a on a.id = ?
     where ${where.join(' and ')} and (h.kind is null or h.kind <> 'agency') and a.skills @> c.skills and not c.declined_by @> jsonb_build_array(a.id)
     order by c.priority desc, c.opened_at, c.id limit ?`,
    [agencyId, ...params, limit],
  );
  return rows.map((r) => String(r.id));
}

async function placement(em: EntityManager, placementId: string, agencyId: string | null): Promise<PlacementView | null> {
  const [p] = await em.execute<Row[]>(`select * from agency_placements where id = ? and (?::text is null or agency_id = ?)`, [placementId, agencyId, agencyId]);
  if (!p) return null;
  const rows = await em.execute<Row[]>(
    `select pc.*, c.status as case_status, c.accepted_at as case_accepted_at, (${MOVED_ON}) as moved_at
     from agency_placement_cases pc join recovery_cases c on c.id = pc.case_id where pc.placement_id = ? order by pc.case_id`,
    [placementId],
  );
  return {
    placementId: String(p.id),
    agencyId: String(p.agency_id),
    placedBy: String(p.placed_by),
    placedAt: iso(p.placed_at)!,
    rule: (p.rule as PlacementRule | null) ?? null,
    notPlaced: p.not_placed as PlacementView['notPlaced'],
    cases: rows.map((r) => {
      const status: PlacedCase['status'] = r.ended_as ? (r.ended_as as 'rejected' | 'recalled') : r.moved_at ? 'moved_on' : r.case_status === 'accepted' ? 'accepted' : 'placed';
      return {
        caseId: String(r.case_id),
        loanId: String(r.loan_id),
        balanceMinor: Number(r.balance_minor),
        currency: String(r.currency),
        bucket: String(r.bucket),
        dpd: Number(r.dpd),
        status,
        // Accepted by the batch here, or on its own as a work item.
        acceptedAt: iso(r.accepted_at) ?? (status === 'accepted' ? iso(r.case_accepted_at) : null),
        endedAt: iso(r.ended_at) ?? iso(r.moved_at),
      };
    }),
  };
}
