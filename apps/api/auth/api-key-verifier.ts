// A machine's API key: found by its prefix, its hash compared in constant time, refused when
// revoked. Looked up on every request (a primary-key read), so a revocation holds at once in
// every API process.
import { Injectable } from '@nestjs/common';
import { Database } from '../database.js';
import { prefixOf, sameHash } from './api-key.js';
import { UnauthenticatedError } from './auth-errors.js';
import { isPermission } from './permissions.js';
import type { Principal } from './principal.js';
import { isRole, permissionsOf } from './roles.js';

@Injectable()
export class ApiKeyVerifier {
  constructor(private readonly db: Database) {}

  async verify(key: string): Promise<Principal> {
    const prefix = prefixOf(key);
    if (!prefix) throw new UnauthenticatedError('malformed', 'the API key is not shaped like one (ck_ followed by 12 hex characters, _ and 43 base64url characters)');
    const stored = await this.db.apiKeys().findByPrefix(prefix);
    if (!stored || !sameHash(key, stored.hash)) throw new UnauthenticatedError('unknown_api_key', `there is no API key ${prefix} with that secret`);
    if (stored.revokedAt) throw new UnauthenticatedError('revoked_api_key', `the API key ${prefix} was revoked at ${stored.revokedAt}`);
    const roles = stored.roles.filter(isRole);
    return {
      kind: 'machine',
      subject: `api-key:${stored.prefix}`,
      roles,
      permissions: permissionsOf(roles, stored.permissions.filter(isPermission)),
      name: stored.name,
      ...(stored.agencyId ? { agencyId: stored.agencyId } : {}),
    };
  }
}
