// What borrowers send back: texts, email unsubscribes and IVR key presses, each once per provider
// message (a replayed webhook finds its row and does nothing). The body and the sender are
// sealed; the sender's keyed hash is what found the loans. `outcome` says what became of it.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactInbound = defineEntity({
  name: 'ContactInbound',
  tableName: 'contact_inbound',
  uniques: [{ properties: ['provider', 'externalId'] }],
  indexes: [{ properties: ['receivedAt'] }],
  properties: {
    id: p.uuid().primary(),
    provider: p.string().length(16),
    /** message | key_press | unsubscribe | notice_dispute | notice_request */
    kind: p.string().length(16),
    channel: p.string().length(16),
    externalId: p.string().length(255),
    senderHash: p.string().length(64),
    senderSealed: p.text(),
    bodySealed: p.text(),
    deliveryKey: p.string().length(120).nullable(),
    loanIds: p.json<string[]>(),
    intent: p.json<Record<string, unknown>>().nullable(),
    /** pending (the workflow not told yet) | signalled | recorded (no running episode) | unknown_sender */
    outcome: p.string().length(16),
    reason: p.text().nullable(),
    workflowIds: p.json<string[]>(),
    receivedAt: p.datetime(),
    createdAt: p.datetime(),
  },
});

export type IContactInbound = InferEntity<typeof ContactInbound>;
