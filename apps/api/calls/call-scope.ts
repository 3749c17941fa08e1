// Whose call may be assisted: ops and admins any case; a collector or an agency (a person or its
// API key) only a case it holds now, the case's assignee being the collector's subject or the
// agency's ID. A loan with no hand-off case is no collector's to call.
import type { Principal } from '../auth/principal.js';

export function mayAssist(principal: Principal, assigneeId: string | null): boolean {
  if (principal.roles.includes('admin') || principal.roles.includes('ops')) return true;
  if (assigneeId === null) return false;
  return principal.subject === assigneeId || (principal.agencyId !== undefined && principal.agencyId === assigneeId);
}
