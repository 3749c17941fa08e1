// A revoked key is refused from the next request on, in every API process (keys are looked up on
// each use). Revoking again answers the key as it is: the first revocation's time and person stand.
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { Database } from '../database.js';
import { ApiKeyNotFoundError } from '../errors.js';
import { viewOf, type ApiKeyView } from './api-key-view.js';

@Injectable()
export class RevokeApiKeyUseCase {
  constructor(private readonly db: Database) {}

  async execute(command: { id: string; by: Principal }): Promise<ApiKeyView> {
    const revoked = await this.db.apiKeys().revoke(command.id, command.by.subject);
    if (!revoked) throw new ApiKeyNotFoundError(command.id);
    return viewOf(revoked);
  }
}
