// An API key for a machine. Only its SHA-256 is kept (the key is shown once, when created); its
// prefix (`ck_` and 12 hex characters, the start of the key itself) finds it, and names it in
// lists and logs. What it may do is its roles and permissions; revoked is for good.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.uuid().primary(),
    prefix: p.string().length(15).unique(),
    /** SHA-256 of the whole key, hex */
    hash: p.string().length(64),
    name: p.string().length(100),
    roles: p.json<string[]>(),
    permissions: p.json<string[]>(),
    agencyId: p.string().length(64).nullable(),
    /** the subject of the person who created it */
    createdBy: p.string().length(255),
    createdAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.string().length(255).nullable(),
  },
});

export type IApiKey = InferEntity<typeof ApiKey>;
