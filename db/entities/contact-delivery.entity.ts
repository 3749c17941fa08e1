// The contact log: every outbound contact attempt, sent or blocked, under the delivery key the
// workflow derived (`<workflowId>-<seq>`, a fallback channel's attempt `-<channel>` after it).
// Recorded before the provider is called, so a crash between the two is found and reconciled
// instead of sent twice. The gate's decision, the disclosures it added, the options the step
// allowed and the one chosen sit beside it; the rendered text is sealed by the field cipher.
// A collector's own call is logged here too, from the outcome they record on the work item
// (provider and decision `collector`, keyed by the outcome's case event), so the gate counts it.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ContactDelivery = defineEntity({
  name: 'ContactDelivery',
  tableName: 'contact_deliveries',
  uniques: [{ properties: ['provider', 'externalId'] }],
  indexes: [{ properties: ['loanId', 'contactAt'] }, { properties: ['workflowId'] }, { properties: ['requestKey'] }],
  properties: {
    deliveryKey: p.string().length(120).primary(),
    /** the workflow's key for the contact; equal to deliveryKey except on fallback attempts */
    requestKey: p.string().length(120),
    loanId: p.uuid(),
    workflowId: p.string().length(80),
    kind: p.string().length(8),
    channel: p.string().length(16),
    template: p.string().length(64),
    templateVersion: p.integer().nullable(),
    language: p.string().length(2).nullable(),
    tone: p.string().length(16).nullable(),
    // Who wrote what was sent: `template`, or the drafting agent's `model` or `phrase_bank`; null for what was not sent and rows before the column.
    composer: p.string().length(16).nullable(),
    policyVersion: p.integer().nullable(),
    ruleId: p.string().length(100),
    stepIndex: p.integer(),
    /** allowed | blocked | skipped (no gate question: the channel was down) | collector (a person's call, not a gate question) */
    decision: p.string().length(16),
    jurisdiction: p.string().length(16).nullable(),
    blockRule: p.string().length(100).nullable(),
    blockCitation: p.text().nullable(),
    blockReason: p.text().nullable(),
    retryAt: p.datetime().nullable(),
    disclosures: p.json<string[]>(),
    optionsAllowed: p.json<string[]>(),
    optionChosen: p.string().length(16),
    /** amounts and dates the message was built from (no personal data) */
    facts: p.json<Record<string, unknown>>(),
    subjectSealed: p.text().nullable(),
    bodySealed: p.text().nullable(),
    /** recorded | sending | sent | delivered | failed | bounced | ... | blocked | dead_lettered */
    status: p.string().length(16),
    provider: p.string().length(16).nullable(),
    externalId: p.string().length(255).nullable(),
    attempts: p.integer().default(0),
    lastError: p.text().nullable(),
    /** a call that reached the borrower (answered, or a key pressed): a conversation for Reg F */
    conversation: p.boolean().default(false),
    /** the workflow's instant the contact was judged at (its clock, not the wall's); a collector's call: when its outcome was recorded */
    contactAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    /** when this delivery was last claimed for sending from a state in which it had not left: nothing of it can have reached a provider before */
    claimedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type IContactDelivery = InferEntity<typeof ContactDelivery>;
