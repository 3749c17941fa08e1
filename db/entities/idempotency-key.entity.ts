// Client Idempotency-Key records: the same key with the same request answers with the same
// loan; the same key with a different request is refused.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: {
    scope: p.string().length(64).primary(),
    key: p.string().length(255).primary(),
    requestHash: p.string().length(64),
    resourceId: p.uuid(),
    createdAt: p.datetime(),
  },
});

export type IIdempotencyKey = InferEntity<typeof IdempotencyKey>;
