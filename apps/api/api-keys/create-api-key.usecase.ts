// An admin creates a key for a machine: what it may do is checked here (an agency key names its
// agency), its hash is stored, and the key itself is answered this once.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { UnprocessableFieldsError } from '../errors.js';
import { newApiKey } from '../auth/api-key.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { Role } from '../auth/roles.js';
import { Database } from '../database.js';
import { viewOf, type ApiKeyView } from './api-key-view.js';

export interface CreateApiKeyCommand {
  name: string;
  roles: Role[];
  permissions: Permission[];
  agencyId?: string;
  by: Principal;
}

@Injectable()
export class CreateApiKeyUseCase {
  constructor(private readonly db: Database) {}

  async execute(command: CreateApiKeyCommand): Promise<ApiKeyView & { key: string }> {
    const errors: { field: string; message: string }[] = [];
    if (command.roles.length === 0 && command.permissions.length === 0) errors.push({ field: 'roles', message: 'a key needs at least one role or permission' });
    if (command.roles.includes('agency') && !command.agencyId) errors.push({ field: 'agencyId', message: 'a key with the agency role must name its agency' });
    if (!command.roles.includes('agency') && command.agencyId) errors.push({ field: 'agencyId', message: 'only a key with the agency role works for an agency' });
    if (errors.length > 0) throw new UnprocessableFieldsError(errors);
    const { key, prefix, hash } = newApiKey();
    const created = await this.db.apiKeys().create({
      id: randomUUID(),
      prefix,
      hash,
      name: command.name,
      roles: [...new Set(command.roles)],
      permissions: [...new Set(command.permissions)],
      agencyId: command.agencyId ?? null,
      createdBy: command.by.subject,
    });
    return { ...viewOf(created), key };
  }
}
