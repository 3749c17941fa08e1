// SendGrid's signed event webhook: verified first (ECDSA over the timestamp and the raw body, the
// timestamp within five minutes), refused with 401 otherwise and nothing handed on. Each event of
// the batch is handed to the recovery inbox once, by sg_event_id: delivery events as deliveries,
// unsubscribes and spam reports as the borrower saying stop. Events we do not track are counted.
import { Inject, Injectable } from '@nestjs/common';
import { MalformedSendGridEventError, parseSendGridEvents, verifySendGridSignature, type SendGridEvent } from '../../../adapters/sendgrid/sendgrid-events.js';
import type { ContactEvents } from '../../../adapters/channels/contact-channels.js';
import type { CredenceConfig } from '../../shared/config.js';
import { Database } from '../database.js';
import { InvalidWebhookSignatureError, MalformedWebhookError } from '../errors.js';
import { CONFIG, CONTACT_EVENTS } from '../tokens.js';
import type { HandleSendGridEventsCommand } from './handle-sendgrid-events.command.js';

export interface SendGridEventsOutcome {
  received: number;
  handedOn: number;
  replayed: number;
  ignored: number;
}

@Injectable()
export class HandleSendGridEventsUseCase {
  constructor(
    private readonly db: Database,
    @Inject(CONFIG) private readonly config: CredenceConfig,
    @Inject(CONTACT_EVENTS) private readonly events: ContactEvents,
  ) {}

  async execute({ rawBody, signature, timestamp }: HandleSendGridEventsCommand): Promise<SendGridEventsOutcome> {
    const check = verifySendGridSignature(this.config.sendgrid.eventWebhookPublicKey, rawBody, signature, timestamp);
    if (!check.valid) throw new InvalidWebhookSignatureError(`the event webhook signature is ${check.reason}`);
    const events = parse(rawBody);
    const outcome: SendGridEventsOutcome = { received: events.length, handedOn: 0, replayed: 0, ignored: 0 };
    const repo = this.db.providerWebhookEvents();
    // In order: SendGrid's batch is in the order things happened to each message.
    for (const e of events) {
      if (e.kind === 'ignored') {
        outcome.ignored++;
        continue;
      }
      const handedOn =
        e.kind === 'delivery' ? await repo.once('sendgrid', e.event.eventId, 'event', () => this.events.delivery(e.event)) : await repo.once('sendgrid', e.eventId, 'event', () => this.events.inbound(e.message));
      if (handedOn) outcome.handedOn++;
      else outcome.replayed++;
    }
    return outcome;
  }
}

function parse(rawBody: string): SendGridEvent[] {
  try {
    return parseSendGridEvents(rawBody);
  } catch (err) {
    if (err instanceof MalformedSendGridEventError) throw new MalformedWebhookError(err.message);
    throw err;
  }
}
