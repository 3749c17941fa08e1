// What happened to a delivery after it left: the providers' verified status callbacks (deduped by
// their event id, so a replayed callback changes nothing) and the gate's blocks of a contact the
// workflow asked for again later (each kept, where the delivery row only holds the latest).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactDeliveryEvent = defineEntity({
  name: 'ContactDeliveryEvent',
  tableName: 'contact_delivery_events',
  uniques: [{ properties: ['eventId'] }],
  indexes: [{ properties: ['deliveryKey'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    /** `<provider>:<their event id>`, or `gate:<deliveryKey>:<instant>` */
    eventId: p.string().length(255),
    deliveryKey: p.string().length(120).nullable(),
    provider: p.string().length(16),
    externalId: p.string().length(255).nullable(),
    status: p.string().length(16),
    permanent: p.boolean().default(false),
    errorCode: p.string().length(64).nullable(),
    detail: p.json<Record<string, unknown>>().nullable(),
    at: p.datetime(),
    receivedAt: p.datetime(),
  },
});

export type IContactDeliveryEvent = InferEntity<typeof ContactDeliveryEvent>;
