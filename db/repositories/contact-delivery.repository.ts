// The contact log (contact_deliveries) and what providers report about each delivery. A delivery
// is claimed (status sending) before the provider is called; the claim succeeds only for a key
// that has not been sent, so a retried activity finds the earlier attempt instead of sending again.
// Provider events are kept once per event id and move the status forward only.
import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { DeliveryEvent } from '../../adapters/channels/contact-channels.js';
import type { Channel, PastContact } from '../../policies/compliance/rules.js';
import { textOrNull } from './row-values.js';

export interface DeliveryRecord {
  deliveryKey: string;
  requestKey: string;
  loanId: string;
  workflowId: string;
  kind: string;
  channel: Channel;
  template: string;
  templateVersion: number | null;
  language: string | null;
  tone: string | null;
  /** who wrote what was sent: `template`, or the drafting agent's `model` or `phrase_bank`; null when nothing was (and before the column) */
  composer: string | null;
  policyVersion: number | null;
  ruleId: string;
  stepIndex: number;
  /** `collector`: a person's call recorded from its outcome (recordCollectorCall), not a question to the gate */
  decision: 'allowed' | 'blocked' | 'skipped' | 'collector';
  jurisdiction: string | null;
  blockRule: string | null;
  blockCitation: string | null;
  blockReason: string | null;
  retryAt: string | null;
  disclosures: string[];
  optionsAllowed: string[];
  optionChosen: string;
  facts: Record<string, unknown>;
  subjectSealed: string | null;
  bodySealed: string | null;
  status: string;
  provider: string | null;
  externalId: string | null;
  attempts: number;
  lastError: string | null;
  conversation: boolean;
  contactAt: string;
  sentAt: string | null;
  /**
   * When it was last claimed for sending from a state in which nothing of it had left (recorded,
   * blocked, skipped), or resent once the provider had shown no earlier send of it: no send of it
   * can have reached a provider before. Kept while it stays sending, or is dead-lettered and
   * replayed. A resend moves it on because a provider whose records lag (SendGrid's activity
   * search) must count its lag from the send it may not show yet, not from one it has ruled out.
   * Rows claimed before the column: created_at.
   */
  claimedAt: string;
}

export type NewDelivery = Omit<DeliveryRecord, 'status' | 'provider' | 'externalId' | 'attempts' | 'lastError' | 'conversation' | 'sentAt' | 'claimedAt' | 'composer'> & { composer?: string | null };

/** A call a collector made by phone, as their outcome on the work item reports it. */
export interface CollectorCall {
  /** what makes the report of this call one report however often it is sent: the outcome request's key (Idempotency-Key, else request ID) */
  requestKey: string;
  caseId: string;
  loanId: string;
  workflowId: string;
  /** the collector (assignee ID) */
  by: string;
  outcome: string;
  /** the borrower was reached and the debt talked about */
  conversation: boolean;
  /** when the outcome was recorded, ISO 8601 */
  at: string;
}

/** The provider of a collector's call: a person, not a port; the gate was not asked about it. */
const COLLECTOR = 'collector';

/** Statuses a claim may start over from: the contact never left. */
const RECLAIMABLE = ['recorded', 'blocked', 'skipped'];
/** A later event never moves a delivery back (a late `sent` after `delivered`). */
const RANK: Record<string, number> = { recorded: 0, sending: 1, queued: 2, sent: 3, in_transit: 3, delivered: 4, answered: 4, no_answer: 4, busy: 4, opened: 5, completed: 5, clicked: 6, failed: 7, bounced: 7 };

type Row = Record<string, unknown>;

export class ContactDeliveryRepository {
  constructor(private readonly em: EntityManager) {}

  async find(deliveryKey: string): Promise<DeliveryRecord | null> {
    const [row] = await this.em.execute<Row[]>(`select * from contact_deliveries where delivery_key = ?`, [deliveryKey]);
    return row ? toRecord(row) : null;
  }

  async findByExternal(provider: string, externalId: string): Promise<DeliveryRecord | null> {
    const [row] = await this.em.execute<Row[]>(`select * from contact_deliveries where provider = ? and external_id = ?`, [provider, externalId]);
    return row ? toRecord(row) : null;
  }

  /** Every attempt of one workflow contact: its channel and the fallbacks, oldest first. */
  async attemptsOf(requestKey: string): Promise<DeliveryRecord[]> {
    const rows = await this.em.execute<Row[]>(`select * from contact_deliveries where request_key = ? order by created_at, delivery_key`, [requestKey]);
    return rows.map(toRecord);
  }

  /** The latest text or email of ours that went out for the loan: the message whose links a borrower follows (a call carries none). */
  async latestWithLinks(loanId: string): Promise<DeliveryRecord | null> {
    const [row] = await this.em.execute<Row[]>(
      `select * from contact_deliveries where loan_id = ? and sent_at is not null and channel in ('sms', 'whatsapp', 'email') order by contact_at desc, delivery_key desc limit 1`,
      [loanId],
    );
    return row ? toRecord(row) : null;
  }

  /** What the gate counts: every contact that left (or may have: sending), on any channel, collectors' calls included, with the disclosures each carried. */
  async history(loanId: string): Promise<PastContact[]> {
    const rows = await this.em.execute<Row[]>(
      `select channel, contact_at, conversation, provider = '${COLLECTOR}' as collector, disclosures from contact_deliveries where loan_id = ? and (sent_at is not null or status = 'sending') order by contact_at`,
      [loanId],
    );
    return rows.map((r) => ({
      channel: String(r.channel) as Channel,
      at: new Date(iso(r.contact_at)).getTime(),
      conversation: Boolean(r.conversation),
      ...(r.collector === true ? { collector: true } : {}),
      disclosures: (typeof r.disclosures === 'string' ? JSON.parse(r.disclosures) : (r.disclosures ?? [])) as string[],
    }));
  }

  /**
   * A collector's call, recorded from the outcome they logged on the work item, so the gate counts
   * it beside the contacts it let through. Keyed by the case and the outcome request's key (hashed:
   * a request key may be 255 characters, a delivery key 120): a retried request is one call.
   */
  async recordCollectorCall(call: CollectorCall): Promise<void> {
    const key = collectorCallKey(call.caseId, call.requestKey);
    await this.em.execute(
      `insert into contact_deliveries (${COLUMNS.join(', ')}, status, provider, external_id, attempts, conversation, sent_at, created_at, updated_at)
       values (${COLUMNS.map(() => '?').join(', ')}, ?, '${COLLECTOR}', ?, 1, ?, ?, now(), now()) on conflict do nothing`,
      [
        ...values({
          deliveryKey: key, requestKey: key, loanId: call.loanId, workflowId: call.workflowId, kind: 'call', channel: 'voice', template: 'collector_call',
          templateVersion: null, language: null, tone: null, policyVersion: null, ruleId: '(collector)', stepIndex: 0,
          decision: 'collector', jurisdiction: null, blockRule: null, blockCitation: null, blockReason: null, retryAt: null,
          disclosures: [], optionsAllowed: ['voice'], optionChosen: 'voice', facts: { caseId: call.caseId, outcome: call.outcome, by: call.by },
          subjectSealed: null, bodySealed: null, contactAt: call.at,
        }),
        // The call was made and is over; what came of it is the outcome (in facts) and whether it was a conversation.
        'completed',
        // (provider, external_id) is unique: the delivery key, since one request key may report calls on several cases.
        key,
        call.conversation,
        call.at,
      ],
    );
  }

  /** Logs a blocked (or skipped) attempt; a later block of the same key replaces it and both are kept as events. */
  async recordBlocked(delivery: NewDelivery, status: 'blocked' | 'skipped'): Promise<void> {
    const now = new Date().toISOString();
    await this.em.transactional(async (em) => {
      await em.execute(
        `insert into contact_deliveries (${COLUMNS.join(', ')}, status, attempts, created_at, updated_at) values (${COLUMNS.map(() => '?').join(', ')}, ?, 0, ?, ?)
         on conflict (delivery_key) do update set ${UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')}, status = excluded.status, updated_at = excluded.updated_at
         where contact_deliveries.status in (${RECLAIMABLE.map((s) => `'${s}'`).join(', ')})`,
        [...values(delivery), status, now, now],
      );
      await em.execute(
        `insert into contact_delivery_events (event_id, delivery_key, provider, external_id, status, permanent, error_code, detail, at, received_at) values (?, ?, 'gate', null, ?, false, null, ?, ?, ?) on conflict (event_id) do nothing`,
        [`gate:${delivery.deliveryKey}:${delivery.contactAt}`, delivery.deliveryKey, status, JSON.stringify({ decision: delivery.decision, rule: delivery.blockRule, reason: delivery.blockReason, retryAt: delivery.retryAt }), delivery.contactAt, now],
      );
    });
  }

  /** Records the contact as about to leave; answers the row as it now stands and whether this call claimed it. */
  async claimSending(delivery: NewDelivery): Promise<{ claimed: boolean; record: DeliveryRecord }> {
    const now = new Date().toISOString();
    const rows = await this.em.execute<Row[]>(
      `insert into contact_deliveries (${COLUMNS.join(', ')}, status, attempts, created_at, updated_at, claimed_at) values (${COLUMNS.map(() => '?').join(', ')}, 'sending', 1, ?, ?, ?)
       on conflict (delivery_key) do update set ${UPDATABLE.map((c) => `${c} = excluded.${c}`).join(', ')}, status = 'sending', attempts = contact_deliveries.attempts + 1, last_error = null, updated_at = excluded.updated_at, claimed_at = excluded.claimed_at
       where contact_deliveries.status in (${RECLAIMABLE.map((s) => `'${s}'`).join(', ')})
       returning *`,
      [...values(delivery), now, now, now],
    );
    if (rows[0]) return { claimed: true, record: toRecord(rows[0]) };
    return { claimed: false, record: (await this.find(delivery.deliveryKey))! };
  }

  /** A dead-lettered contact replayed by ops starts over as sending. */
  /**
   * A dead letter replayed. One that reached the provider at least once (a send whose answer was
   * lost, then retries that failed) goes back to `sending`, so the provider is asked about it before
   * anything is sent again; one that never left goes back to `recorded`.
   */
  async reopen(deliveryKey: string): Promise<void> {
    await this.em.execute(`update contact_deliveries set status = case when attempts > 0 then 'sending' else 'recorded' end, updated_at = now() where delivery_key = ? and status = 'dead_lettered'`, [deliveryKey]);
  }

  /** A contact that did not leave (the provider has no record of it, or the breaker refused before asking): back to recorded, so it counts as no contact and is judged afresh. */
  async release(deliveryKey: string): Promise<void> {
    await this.em.execute(`update contact_deliveries set status = 'recorded', updated_at = now() where delivery_key = ? and status = 'sending'`, [deliveryKey]);
  }

  async markSent(deliveryKey: string, receipt: { provider: string; externalId: string; at: string }): Promise<void> {
    await this.em.execute(`update contact_deliveries set status = case when status = 'sending' then 'sent' else status end, provider = ?, external_id = ?, sent_at = coalesce(sent_at, ?), updated_at = now() where delivery_key = ?`, [
      receipt.provider,
      receipt.externalId,
      receipt.at,
      deliveryKey,
    ]);
  }

  /** A try that failed and will be retried: the delivery stays sending (the provider may still have it). */
  async noteAttemptError(deliveryKey: string, error: string): Promise<void> {
    await this.em.execute(`update contact_deliveries set last_error = ?, updated_at = now() where delivery_key = ?`, [error.slice(0, 2000), deliveryKey]);
  }

  /**
   * The recorded contact goes to the provider again (it had no record of the earlier try): `attempts`
   * counts sends, and the claim is this send's. Compare-and-set on the attempts the caller saw, so of
   * two attempts that both found nothing (a stalled worker's and its retry's) only one resends;
   * answers this claim's attempt number, or null when another attempt claimed it first.
   */
  async countResend(deliveryKey: string, seenAttempts: number): Promise<number | null> {
    const rows = await this.em.execute<{ attempts: number }[]>(
      `update contact_deliveries set attempts = attempts + 1, claimed_at = ?, updated_at = now() where delivery_key = ? and status = 'sending' and attempts = ? returning attempts`,
      [new Date().toISOString(), deliveryKey, seenAttempts],
    );
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  /** Whether the claim numbered `attempts` is still the delivery's latest and it is still sending: checked just before a send leaves. */
  async stillClaimed(deliveryKey: string, attempts: number): Promise<boolean> {
    const rows = await this.em.execute<{ n: number }[]>(`select 1 as n from contact_deliveries where delivery_key = ? and status = 'sending' and attempts = ?`, [deliveryKey, attempts]);
    return rows.length > 0;
  }

  async markFinal(deliveryKey: string, status: 'failed' | 'dead_lettered', error: string): Promise<void> {
    await this.em.execute(`update contact_deliveries set status = ?, last_error = ?, updated_at = now() where delivery_key = ?`, [status, error.slice(0, 2000), deliveryKey]);
  }

  async markConversation(deliveryKey: string): Promise<void> {
    await this.em.execute(`update contact_deliveries set conversation = true, updated_at = now() where delivery_key = ?`, [deliveryKey]);
  }

  /**
   * Keeps a provider event once (by its event id) and moves the delivery's status forward. `fresh`
   * is false for a replayed event; `delivery` is the delivery it belongs to, if we know it.
   */
  async applyEvent(event: DeliveryEvent): Promise<{ fresh: boolean; delivery: DeliveryRecord | null }> {
    return this.em.transactional(async (em) => {
      const repo = new ContactDeliveryRepository(em);
      const delivery = (event.deliveryKey ? await repo.find(event.deliveryKey) : null) ?? (await repo.findByExternal(event.provider, event.externalId));
      const inserted = await em.execute<Row[]>(
        `insert into contact_delivery_events (event_id, delivery_key, provider, external_id, status, permanent, error_code, detail, at, received_at) values (?, ?, ?, ?, ?, ?, ?, null, ?, now())
         on conflict (event_id) do nothing returning id`,
        [`${event.provider}:${event.eventId}`, delivery?.deliveryKey ?? event.deliveryKey, event.provider, event.externalId, event.status, event.permanent, event.errorCode, event.at],
      );
      if (inserted.length === 0) return { fresh: false, delivery };
      if (delivery && (RANK[event.status] ?? 0) >= (RANK[delivery.status] ?? 0)) {
        await em.execute(
          `update contact_deliveries set status = ?, external_id = coalesce(external_id, ?), provider = coalesce(provider, ?), conversation = conversation or ?, last_error = coalesce(?, last_error), updated_at = now() where delivery_key = ?`,
          [event.status, event.externalId, event.provider, event.status === 'answered' || event.status === 'completed', event.errorCode, delivery.deliveryKey],
        );
      }
      return { fresh: true, delivery };
    });
  }
}

/** The contact-log key of a collector's call reported by one outcome request on one case. */
export function collectorCallKey(caseId: string, requestKey: string): string {
  return `${caseId}-call-${createHash('sha256').update(requestKey).digest('hex').slice(0, 32)}`;
}

const COLUMNS = [
  'delivery_key', 'request_key', 'loan_id', 'workflow_id', 'kind', 'channel', 'template', 'template_version', 'language', 'tone', 'composer', 'policy_version', 'rule_id', 'step_index',
  'decision', 'jurisdiction', 'block_rule', 'block_citation', 'block_reason', 'retry_at', 'disclosures', 'options_allowed', 'option_chosen', 'facts', 'subject_sealed', 'body_sealed', 'contact_at',
];
const UPDATABLE = COLUMNS.filter((c) => !['delivery_key', 'request_key', 'loan_id', 'workflow_id'].includes(c));

function values(d: NewDelivery): unknown[] {
  return [
    d.deliveryKey, d.requestKey, d.loanId, d.workflowId, d.kind, d.channel, d.template, d.templateVersion, d.language, d.tone, d.composer ?? null, d.policyVersion, d.ruleId, d.stepIndex,
    d.decision, d.jurisdiction, d.blockRule, d.blockCitation, d.blockReason, d.retryAt, JSON.stringify(d.disclosures), JSON.stringify(d.optionsAllowed), d.optionChosen, JSON.stringify(d.facts),
    d.subjectSealed, d.bodySealed, d.contactAt,
  ];
}

function toRecord(r: Row): DeliveryRecord {
  const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  const str = textOrNull;
  return {
    deliveryKey: String(r.delivery_key),
    requestKey: String(r.request_key),
    loanId: String(r.loan_id),
    workflowId: String(r.workflow_id),
    kind: String(r.kind),
    channel: String(r.channel) as Channel,
    template: String(r.template),
    templateVersion: r.template_version === null ? null : Number(r.template_version),
    language: str(r.language),
    tone: str(r.tone),
    composer: str(r.composer),
    policyVersion: r.policy_version === null ? null : Number(r.policy_version),
    ruleId: String(r.rule_id),
    stepIndex: Number(r.step_index),
    decision: String(r.decision) as DeliveryRecord['decision'],
    jurisdiction: str(r.jurisdiction),
    blockRule: str(r.block_rule),
    blockCitation: str(r.block_citation),
    blockReason: str(r.block_reason),
    retryAt: r.retry_at === null ? null : iso(r.retry_at),
    disclosures: json<string[]>(r.disclosures),
    optionsAllowed: json<string[]>(r.options_allowed),
    optionChosen: String(r.option_chosen),
    facts: json<Record<string, unknown>>(r.facts),
    subjectSealed: str(r.subject_sealed),
    bodySealed: str(r.body_sealed),
    status: String(r.status),
    provider: str(r.provider),
    externalId: str(r.external_id),
    attempts: Number(r.attempts),
    lastError: str(r.last_error),
    conversation: Boolean(r.conversation),
    contactAt: iso(r.contact_at),
    sentAt: r.sent_at === null ? null : iso(r.sent_at),
    claimedAt: iso(r.claimed_at ?? r.created_at),
  };
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
