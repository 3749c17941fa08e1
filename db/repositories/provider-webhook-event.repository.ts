// Replayed provider callbacks are not handed on twice. The hand-off runs first, outside any
// transaction here (the inbox opens its own; a transaction held across it would hold a pooled
// connection while the inbox waits for another), and the event is recorded once it succeeded. A
// crash between the two, or two deliveries of one event at once, hand it on twice: the inbox is
// idempotent per provider event (it records each once), so that changes nothing, whereas a claim
// taken before the hand-off would have acknowledged a retry of a STOP that never reached it.
import type { EntityManager } from '@mikro-orm/postgresql';

export type WebhookProvider = 'twilio' | 'sendgrid' | 'lob';

export class ProviderWebhookEventRepository {
  constructor(private readonly em: EntityManager) {}

  /** Runs `handOff` unless (provider, eventId) was handed on before; true when it ran. */
  async once(provider: WebhookProvider, eventId: string, kind: string, handOff: () => Promise<void>): Promise<boolean> {
    const [seen] = await this.em.execute<{ n: string }[]>(`select count(*) as n from provider_webhook_events where provider = ? and event_id = ?`, [provider, eventId]);
    if (Number(seen?.n ?? 0) > 0) return false;
    await handOff();
    await this.em.execute(`insert into provider_webhook_events (provider, event_id, kind, received_at) values (?, ?, ?, now()) on conflict (provider, event_id) do nothing`, [provider, eventId, kind]);
    return true;
  }

  async count(provider: WebhookProvider, eventId: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(`select count(*) as n from provider_webhook_events where provider = ? and event_id = ?`, [provider, eventId]);
    return Number(row?.n ?? 0);
  }
}
