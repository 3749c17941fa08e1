// An API key as the API shows it: never its hash, and its secret only once, when it is created.
import type { SchemaObject } from '@nestjs/swagger';
import type { ApiKeyRecord } from '../../../db/repositories/api-key.repository.js';

export type ApiKeyView = Omit<ApiKeyRecord, 'hash'>;

export function viewOf({ hash: _hash, ...key }: ApiKeyRecord): ApiKeyView {
  return key;
}

const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

export const API_KEY_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['id', 'prefix', 'name', 'roles', 'permissions', 'agencyId', 'createdBy', 'createdAt', 'revokedAt', 'revokedBy'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    prefix: { type: 'string', example: 'ck_3f9a1c07b2e4', description: 'The start of the key, to know it by' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    permissions: { type: 'array', items: { type: 'string' } },
    agencyId: nullable({ type: 'string' }),
    createdBy: { type: 'string', description: 'Who created it (their subject)' },
    createdAt: { type: 'string', format: 'date-time' },
    revokedAt: nullable({ type: 'string', format: 'date-time' }),
    revokedBy: nullable({ type: 'string' }),
  },
};

export const CREATED_API_KEY_SCHEMA: SchemaObject = {
  ...API_KEY_SCHEMA,
  required: [...(API_KEY_SCHEMA.required ?? []), 'key'],
  properties: {
    ...API_KEY_SCHEMA.properties,
    key: { type: 'string', example: 'ck_3f9a1c07b2e4_Jm2v0cX9dKq8rT4yW1eL6nB3pZ7sA5fH0uG9iO2kQ4w', description: 'The key itself: shown this once, never again (only its hash is kept)' },
  },
};
