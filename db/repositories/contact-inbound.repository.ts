// What borrowers send back, each provider message once: recording it again (a replayed webhook)
// finds the first row and reports it was not new, so nothing downstream happens twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';

export interface NewInbound {
  provider: string;
  /** unsubscribe: the one-click link in one of our emails; notice_dispute and notice_request: the form on the validation notice page (a dispute, or only a request for the original creditor) */
  kind: 'message' | 'key_press' | 'unsubscribe' | 'notice_dispute' | 'notice_request';
  channel: string;
  externalId: string;
  senderHash: string;
  senderSealed: string;
  bodySealed: string;
  deliveryKey: string | null;
  loanIds: string[];
  intent: Record<string, unknown> | null;
  /** pending until the workflow has been told (a replayed callback finds it pending and tells it) */
  outcome: 'pending' | 'signalled' | 'recorded' | 'unknown_sender';
  reason: string | null;
  workflowIds: string[];
  receivedAt: string;
}

type Row = Record<string, unknown>;

export class ContactInboundRepository {
  constructor(private readonly em: EntityManager) {}

  /** The row's ID, and whether this call created it. */
  async recordOnce(inbound: NewInbound): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    const rows = await this.em.execute<Row[]>(
      `insert into contact_inbound (id, provider, kind, channel, external_id, sender_hash, sender_sealed, body_sealed, delivery_key, loan_ids, intent, outcome, reason, workflow_ids, received_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) on conflict (provider, external_id) do nothing returning id`,
      [
        id, inbound.provider, inbound.kind, inbound.channel, inbound.externalId, inbound.senderHash, inbound.senderSealed, inbound.bodySealed, inbound.deliveryKey,
        JSON.stringify(inbound.loanIds), inbound.intent === null ? null : JSON.stringify(inbound.intent), inbound.outcome, inbound.reason, JSON.stringify(inbound.workflowIds), inbound.receivedAt,
      ],
    );
    if (rows[0]) return { id: String(rows[0].id), created: true };
    const [existing] = await this.em.execute<Row[]>(`select id from contact_inbound where provider = ? and external_id = ?`, [inbound.provider, inbound.externalId]);
    return { id: String(existing!.id), created: false };
  }

  async find(provider: string, externalId: string): Promise<{ id: string; outcome: NewInbound['outcome']; loanIds: string[]; intent: Record<string, unknown> | null; workflowIds: string[] } | null> {
    const [row] = await this.em.execute<Row[]>(`select id, outcome, loan_ids, intent, workflow_ids from contact_inbound where provider = ? and external_id = ?`, [provider, externalId]);
    if (!row) return null;
    const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
    return { id: String(row.id), outcome: String(row.outcome) as NewInbound['outcome'], loanIds: json<string[]>(row.loan_ids), intent: row.intent === null ? null : json<Record<string, unknown>>(row.intent), workflowIds: json<string[]>(row.workflow_ids) };
  }

  async setOutcome(id: string, outcome: NewInbound['outcome'], workflowIds: string[], reason: string | null): Promise<void> {
    await this.em.execute(`update contact_inbound set outcome = ?, workflow_ids = ?, reason = ? where id = ?`, [outcome, JSON.stringify(workflowIds), reason, id]);
  }
}
