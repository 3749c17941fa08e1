// A contact whose sends exhausted their retries: the dispatch command (no personal data: keys,
// template, amounts) kept for ops to look at and replay. A replay runs the same dispatch under the
// same delivery key, gate included; `status` makes it happen once.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactDeadLetter = defineEntity({
  name: 'ContactDeadLetter',
  tableName: 'contact_dead_letters',
  uniques: [{ properties: ['deliveryKey', 'generation'] }],
  indexes: [{ properties: ['createdAt', 'id'] }, { properties: ['status', 'channel'] }],
  properties: {
    id: p.uuid().primary(),
    deliveryKey: p.string().length(120),
    /** 0 for the first dead letter of a key, n for the one its nth replay left */
    generation: p.integer(),
    loanId: p.uuid(),
    workflowId: p.string().length(80),
    channel: p.string().length(16),
    template: p.string().length(64),
    command: p.json<Record<string, unknown>>(),
    reason: p.text(),
    attempts: p.integer(),
    /** open | replaying | replayed */
    status: p.string().length(16),
    replayedAt: p.datetime().nullable(),
    replayedBy: p.string().length(100).nullable(),
    replayOutcome: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime(),
  },
});

export type IContactDeadLetter = InferEntity<typeof ContactDeadLetter>;
