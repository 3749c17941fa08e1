// Whose call may be assisted: ops and admins any case; a collector or an agency (a person or its
// API key) only a case it holds now, the case's assignee being the collector's subject or the
// agency's ID. A loan with no hand-off case is no collector's to call, and neither is a closed
// case: closing keeps its last assignee on the row (recovery_cases.assignee_id), but whoever
// held it then holds it no longer, as every scoped read agrees (case-scope.ts, loanVisible).
import type { Principal } from '../auth/principal.js';

export function mayAssist(principal: Principal, assigneeId: string | null): boolean {
  if (principal.roles.includes('admin') || principal.roles.includes('ops')) return true;
  if (assigneeId === null) return false;
  return principal.subject === assigneeId || (principal.agencyId !== undefined && principal.agencyId === assigneeId);
}

/** Who holds a work item now: its assignee while it is open or accepted, nobody once it is closed. */
export function holderOf(workItem: { assigneeId: string | null; status: string } | null): string | null {
  return workItem && workItem.status !== 'closed' ? workItem.assigneeId : null;
}
