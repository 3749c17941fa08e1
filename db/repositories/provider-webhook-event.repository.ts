// Replayed provider callbacks are not handed on twice. The event's row is claimed first (its own
// statement), then the hand-off runs, outside any transaction here: the inbox opens its own, and a
// transaction held across it would hold a pooled connection while the inbox waits for another
// (with four callbacks at once and a pool of four, nothing moves). A hand-off that throws gives
// the claim back, so the provider's retry is handed on afresh. The inbox is itself idempotent per
// event, so this table is the fast path that keeps a replay from reaching it at all.
import type { EntityManager } from '@mikro-orm/postgresql';

export type WebhookProvider = 'twilio' | 'sendgrid';

export class ProviderWebhookEventRepository {
  constructor(private readonly em: EntityManager) {}

  /** Runs `handOff` unless (provider, eventId) was handed on before; true when it ran. */
  async once(provider: WebhookProvider, eventId: string, kind: string, handOff: () => Promise<void>): Promise<boolean> {
    const claimed = await this.em.execute<{ affectedRows: number }>(
      `insert into provider_webhook_events (provider, event_id, kind, received_at) values (?, ?, ?, now()) on conflict (provider, event_id) do nothing`,
      [provider, eventId, kind],
      'run',
    );
    if (claimed.affectedRows === 0) return false;
    try {
      await handOff();
    } catch (err) {
      await this.em.execute(`delete from provider_webhook_events where provider = ? and event_id = ?`, [provider, eventId]);
      throw err;
    }
    return true;
  }

  async count(provider: WebhookProvider, eventId: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*) as n from provider_webhook_events where provider = ? and event_id = ?`, [provider, eventId]);
    return Number(row?.n ?? 0);
  }
}
