// Lendable capital per currency. Disbursement reserves from it before any money moves, so two
// loans can never both be funded from the last of a pool.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const CapitalPool = defineEntity({
  name: 'CapitalPool',
  tableName: 'capital_pools',
  checks: [{ name: 'capital_pools_available_non_negative', expression: 'available >= 0' }],
  properties: {
    currency: p.string().length(3).primary(),
    available: p.bigint('number'),
    reserved: p.bigint('number').default(0),
    updatedAt: p.datetime(),
  },
});

export type ICapitalPool = InferEntity<typeof CapitalPool>;
