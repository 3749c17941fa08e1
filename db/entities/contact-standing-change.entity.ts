// Every change to a borrower's standing (an opt-out, a wrong number, a dispute opened or verified,
// a flag), with who or what made it and why: the inbound message, the provider event, the
// collector or the API call. Written in the same transaction that applies it to the profile.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactStandingChange = defineEntity({
  name: 'ContactStandingChange',
  tableName: 'contact_standing_changes',
  // (change, at, id): the opt-out and dispute lists (compliance-lists.repository.ts) read one kind of
  // change newest first by (at, id) a page at a time; without it each page sorts every change.
  indexes: [{ properties: ['loanId', 'at'] }, { properties: ['change', 'at', 'id'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    loanId: p.uuid(),
    change: p.string().length(32),
    channel: p.string().length(16).nullable(),
    /** inbound | delivery_event | key_press | collector | api | import | recovery */
    source: p.string().length(32),
    /** the inbound message, provider event or request behind it */
    sourceRef: p.string().length(255).nullable(),
    actor: p.string().length(100).nullable(),
    reason: p.text().nullable(),
    at: p.datetime(),
  },
});

export type IContactStandingChange = InferEntity<typeof ContactStandingChange>;
