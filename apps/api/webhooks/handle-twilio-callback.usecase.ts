// Twilio's callbacks: the signature is checked first, over the URL as Twilio saw it
// (publicWebhookBase + path + query) and the form fields; a forged one is refused with 403 and
// nothing is handed on. A verified callback is parsed by the adapter and handed to the recovery
// inbox once: a replay (the same idempotency token, or SID and status) is acknowledged and dropped.
// A reply asking for a repayment plan also proposes one (arrangements/plan-from-reply.usecase.ts).
import { Inject, Injectable } from '@nestjs/common';
import { MalformedTwilioCallbackError, parseGather, parseInboundMessage, parseStatusCallback, verifyTwilioSignature, type TwilioCallback } from '../../../adapters/twilio/twilio-webhooks.js';
import { sayTwiml } from '../../../adapters/twilio/twiml-say.js';
import type { ContactEvents } from '../../../adapters/channels/contact-channels.js';
import { keyPressConfirmation, understandKeyPress } from '../../../domain/recovery/ivr-keys.js';
import type { CredenceConfig } from '../../shared/config.js';
import { ProposePlanFromReplyUseCase } from '../arrangements/plan-from-reply.usecase.js';
import { Database } from '../database.js';
import { ForgedCallbackError, MalformedWebhookError } from '../errors.js';
import { CONFIG, CONTACT_EVENTS } from '../tokens.js';
import type { HandleTwilioCallbackCommand } from './handle-twilio-callback.command.js';

export interface TwilioCallbackOutcome {
  eventId: string;
  /** false: a replay, acknowledged and not handed on again */
  handedOn: boolean;
  /** for a Gather: what the call says next */
  twiml?: string;
}

@Injectable()
export class HandleTwilioCallbackUseCase {
  constructor(
    private readonly db: Database,
    @Inject(CONFIG) private readonly config: CredenceConfig,
    @Inject(CONTACT_EVENTS) private readonly events: ContactEvents,
    private readonly plans: ProposePlanFromReplyUseCase,
  ) {}

  async execute(command: HandleTwilioCallbackCommand): Promise<TwilioCallbackOutcome> {
    const callback: TwilioCallback = {
      url: `${this.config.twilio.publicWebhookBase}${command.originalUrl}`,
      params: command.params,
      signature: command.signature,
      idempotencyToken: command.idempotencyToken,
      receivedAt: new Date().toISOString(),
    };
    if (!verifyTwilioSignature(this.config.twilio.authToken, callback)) throw new ForgedCallbackError('X-Twilio-Signature is missing or does not match this URL and these fields');
    const repo = this.db.providerWebhookEvents();
    const parsed = parse(command.kind, callback);
    switch (parsed.kind) {
      case 'status': {
        const { event } = parsed;
        return { eventId: event.eventId, handedOn: await repo.once('twilio', event.eventId, 'status', () => this.events.delivery(event)) };
      }
      case 'inbound': {
        const { eventId, ...message } = parsed.message;
        const handedOn = await repo.once('twilio', eventId, 'inbound', () => this.events.inbound(message));
        // A reply asking for a plan proposes one; on a retry too (it proposes once), so a try that failed is made again.
        await this.plans.execute(message);
        return { eventId, handedOn };
      }
      case 'gather': {
        const { eventId, ...press } = parsed.press;
        const handedOn = await repo.once('twilio', eventId, 'gather', () => this.events.keyPress(press));
        // A replay hears the same answer: what the key means does not depend on the first delivery.
        return { eventId, handedOn, twiml: sayTwiml(keyPressConfirmation(understandKeyPress(press.digits))) };
      }
    }
  }
}

function parse(kind: HandleTwilioCallbackCommand['kind'], callback: TwilioCallback) {
  try {
    if (kind === 'status') return { kind, event: parseStatusCallback(callback) } as const;
    if (kind === 'inbound') return { kind, message: parseInboundMessage(callback) } as const;
    return { kind, press: parseGather(callback) } as const;
  } catch (err) {
    if (err instanceof MalformedTwilioCallbackError) throw new MalformedWebhookError(err.message);
    throw err;
  }
}
