// Which agency a caller's reads and answers are narrowed to: an agency's user or key works for the
// agency its credential names, and never sees or answers for another, whatever a parameter says.
// Staff who are not an agency's (ops, compliance) are narrowed to none.
import type { Principal } from '../auth/principal.js';
import { ProblemException } from '../http/problem.js';

/** The agency the caller works for, or null when they are staff who see every agency. */
export function agencyOf(caller: Principal): string | null {
  return caller.agencyId ?? null;
}

/**
 * The agency a read concerns: the one asked for (or every one, null), narrowed to the caller's own.
 * An agency asking for another's is answered as though there were no such agency.
 */
export function agencyToRead(caller: Principal, asked: string | undefined): string | null {
  const own = agencyOf(caller);
  if (own === null) return asked ?? null;
  if (asked !== undefined && asked !== own) throw new ProblemException('agencyNotFound', `there is no agency ${asked}`);
  return own;
}

/**
 * A placement as the caller may see it: an agency does not see the cases ops asked for that were
 * not placed with it (their IDs name other borrowers' loans, and why, such as being with another
 * agency); ops and compliance see the whole record.
 */
export function placementFor<T extends { notPlaced: unknown[] }>(caller: Principal, placement: T): T {
  return agencyOf(caller) === null ? placement : { ...placement, notPlaced: [] };
}
