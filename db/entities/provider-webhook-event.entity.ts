// Provider callbacks already handed on (Twilio's I-Twilio-Idempotency-Token or SID and status,
// SendGrid's sg_event_id): a redelivered callback finds its row and is acknowledged without being
// handed on again. Written in the same transaction as the hand-off, so a failed hand-off leaves no
// row and the provider's retry is handled afresh.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ProviderWebhookEvent = defineEntity({
  name: 'ProviderWebhookEvent',
  tableName: 'provider_webhook_events',
  indexes: [{ properties: ['receivedAt'] }],
  properties: {
    provider: p.string().length(16).primary(),
    eventId: p.string().length(255).primary(),
    /** status, inbound, gather or event */
    kind: p.string().length(16),
    receivedAt: p.datetime(),
  },
});

export type IProviderWebhookEvent = InferEntity<typeof ProviderWebhookEvent>;
