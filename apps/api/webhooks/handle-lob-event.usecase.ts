// Lob's signed webhook: verified first (HMAC-SHA256 under LOB_WEBHOOK_SECRET over the timestamp
// and the raw body, the timestamp within five minutes), refused with 401 otherwise and nothing
// handed on. A letter's event goes to the recovery inbox once, by Lob's event ID (a replay within
// the window is acknowledged and dropped); events recovery does not track are acknowledged too, so
// Lob stops retrying them.
import { Inject, Injectable } from '@nestjs/common';
import { MalformedLobEventError, parseLobEvent, verifyLobSignature, type LobEvent } from '../../../adapters/lob/lob-webhooks.js';
import type { ContactEvents } from '../../../adapters/channels/contact-channels.js';
import type { CredenceConfig } from '../../shared/config.js';
import { Database } from '../database.js';
import { InvalidWebhookSignatureError, MalformedWebhookError } from '../errors.js';
import { CONFIG, CONTACT_EVENTS } from '../tokens.js';
import type { HandleLobEventCommand } from './handle-lob-event.command.js';

export interface LobEventOutcome {
  eventId: string;
  /** the event type Lob sent (letter.mailed, …) */
  type: string;
  /** false: a replay of an event already handed on, or a type recovery does not track */
  handedOn: boolean;
}

@Injectable()
export class HandleLobEventUseCase {
  constructor(
    private readonly db: Database,
    @Inject(CONFIG) private readonly config: CredenceConfig,
    @Inject(CONTACT_EVENTS) private readonly events: ContactEvents,
  ) {}

  async execute({ rawBody, signature, timestamp }: HandleLobEventCommand): Promise<LobEventOutcome> {
    const check = verifyLobSignature(this.config.lob.webhookSecret, rawBody, signature, timestamp);
    if (!check.valid) throw new InvalidWebhookSignatureError(`the Lob-Signature is ${check.reason}`);
    const parsed = parse(rawBody);
    if (parsed.kind === 'ignored') return { eventId: parsed.eventId, type: parsed.type, handedOn: false };
    const { event } = parsed;
    const handedOn = await this.db.providerWebhookEvents().once('lob', event.eventId, 'event', () => this.events.delivery(event));
    return { eventId: event.eventId, type: typeOf(rawBody), handedOn };
  }
}

function parse(rawBody: string): LobEvent {
  try {
    return parseLobEvent(rawBody);
  } catch (err) {
    if (err instanceof MalformedLobEventError) throw new MalformedWebhookError(err.message);
    throw err;
  }
}

/** The parsed event's type, as Lob named it (parseLobEvent has checked the body). */
function typeOf(rawBody: string): string {
  return String((JSON.parse(rawBody) as { event_type: { id: string } }).event_type.id);
}
