// Which hand-off cases a reader may see, as SQL: enforced in the query of every read of cases, their
// episodes, timelines, events and borrowers' standing, never by filtering rows after the fact.
// An agency sees the cases placed with it now (recovery_cases.assignee_id is the agency's ID: the
// one definition of a placement); a collector the cases they hold and the waiting cases they may
// pick up (eligible: active, every skill, not declined by them, room under their capacity).
// Everyone else reads the whole book (`all`). A case outside the scope reads as absent: 404.

export type CaseScope = { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'collector'; assigneeId: string };

export const ALL_CASES: CaseScope = { kind: 'all' };

/**
 * Whether assignee `a` may take the case aliased `c` now: active, every skill the case needs, has
 * not declined it, and holds fewer open cases than their capacity (this case aside, for the one who
 * holds it). The one test round-robin, the waiting cases given out and a collector's pick-up use.
 */
export function eligible(c = 'c'): string {
  return `a.active and a.skills @> ${c}.skills and not ${c}.declined_by @> jsonb_build_array(a.id)
  and (select count(*) from recovery_cases o where o.assignee_id = a.id and o.status <> 'closed' and o.id <> ${c}.id) < a.capacity`;
}

/**
 * A waiting case (open, nobody holds it) aliased `c` that the assignee `?` may pick up: active,
 * every skill, room under their capacity. Round-robin gives every waiting case out the moment
 * someone eligible has room, and never back to one who declined it; so what waits for a person to
 * choose is a case each eligible assignee with room declined, and one who declined it may still
 * take it by choice (a pick-up is not round-robin).
 */
export function pickableBy(c = 'c'): string {
  return `${c}.status = 'open' and ${c}.assignee_id is null and exists (select 1 from recovery_assignees a where a.id = ? and a.active and a.skills @> ${c}.skills
    and (select count(*) from recovery_cases o where o.assignee_id = a.id and o.status <> 'closed' and o.id <> ${c}.id) < a.capacity)`;
}

/** The condition on the case aliased `alias` (recovery_cases) for `scope`, and its parameters. */
export function caseVisible(scope: CaseScope, alias = 'c'): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'true', params: [] };
  if (scope.kind === 'agency') return { sql: `${alias}.assignee_id = ?`, params: [scope.agencyId] };
  return { sql: `(${alias}.assignee_id = ? or (${pickableBy(alias)}))`, params: [scope.assigneeId, scope.assigneeId] };
}

/**
 * The condition that a row keyed by a loan (aliased column `loanColumn`) belongs to a case in
 * `scope`: a borrower's standing, a loan's promise. For `all`, every row.
 */
export function loanVisible(scope: CaseScope, loanColumn: string): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'true', params: [] };
  const visible = caseVisible(scope, 'sc');
  return { sql: `exists (select 1 from recovery_cases sc where sc.loan_id = ${loanColumn} and sc.status <> 'closed' and ${visible.sql})`, params: visible.params };
}

/** The same for an episode (its workflow ID in `workflowColumn`). */
export function episodeVisible(scope: CaseScope, workflowColumn: string): { sql: string; params: unknown[] } {
  if (scope.kind === 'all') return { sql: 'true', params: [] };
  const visible = caseVisible(scope, 'sc');
  return { sql: `exists (select 1 from recovery_cases sc where sc.workflow_id = ${workflowColumn} and ${visible.sql})`, params: visible.params };
}
