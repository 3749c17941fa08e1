// Exactly-once hand-off of provider callbacks. The event's row is inserted and the hand-off runs
// inside one transaction: a replay finds the row (or waits on the first delivery's uncommitted
// insert, then finds it) and is not handed on; a hand-off that throws rolls the row back, so the
// provider's retry is handed on afresh.
import type { EntityManager } from '@mikro-orm/postgresql';

export type WebhookProvider = 'twilio' | 'sendgrid';

export class ProviderWebhookEventRepository {
  constructor(private readonly em: EntityManager) {}

  /** Runs `handOff` unless (provider, eventId) was handed on before; true when it ran. */
  async once(provider: WebhookProvider, eventId: string, kind: string, handOff: () => Promise<void>): Promise<boolean> {
    return this.em.transactional(async (tx) => {
      const inserted = await tx.execute<{ affectedRows: number }>(
        `insert into provider_webhook_events (provider, event_id, kind, received_at) values (?, ?, ?, now()) on conflict (provider, event_id) do nothing`,
        [provider, eventId, kind],
        'run',
      );
      if (inserted.affectedRows === 0) return false;
      await handOff();
      return true;
    });
  }

  async count(provider: WebhookProvider, eventId: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*) as n from provider_webhook_events where provider = ? and event_id = ?`, [provider, eventId]);
    return Number(row?.n ?? 0);
  }
}
