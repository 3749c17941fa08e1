// Who is calling, once their credential checked out: a person (an OIDC token) or a machine (an
// API key), and what they may do.
import type { Permission } from './permissions.js';
import type { Role } from './roles.js';

export interface Principal {
  kind: 'person' | 'machine';
  /** the token's `sub`, or `api-key:<prefix>` */
  subject: string;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** the agency an agency user or key works for */
  agencyId?: string;
  /** a person's name from their token, or the key's name */
  name?: string;
}
