// Who the audit trail says acted: read from the request in this one place. Authentication leaves
// its principal on the request (`req.principal`: a person's token subject and roles, or an API
// key's); a route anyone may call (a provider's signed webhook, a borrower's signed page) has none
// and is recorded as anonymous, with the address it came from.
import type { ActorKind } from '../../../db/repositories/audit-log.repository.js';
import type { ApiRequest } from '../http/request-context.js';

export interface Actor {
  id: string;
  kind: ActorKind;
  roles: readonly string[];
  agencyId?: string;
}

/** What is read of the authenticated principal (apps/api/auth/principal.ts). */
interface PrincipalShape {
  kind: 'person' | 'machine';
  subject: string;
  roles: readonly string[];
  agencyId?: string;
}

export const ANONYMOUS: Actor = { id: 'anonymous', kind: 'anonymous', roles: [] };

export function actorOf(req: ApiRequest): Actor {
  const principal = (req as ApiRequest & { principal?: PrincipalShape }).principal;
  if (!principal) return ANONYMOUS;
  return {
    id: principal.subject,
    kind: principal.kind === 'machine' ? 'api-key' : 'person',
    roles: [...principal.roles].sort(),
    ...(principal.agencyId ? { agencyId: principal.agencyId } : {}),
  };
}
