// The recovery inbox: verified provider callbacks (the API's webhook controllers hand them here,
// as ContactEvents) recorded once each, applied to the borrower's standing in the same transaction,
// then told to the running recovery workflow. A replayed callback changes nothing; one whose
// signal could not be sent (Temporal down) stays pending and is signalled when it comes again.
// HELP is not answered here: it is passed to the workflow, which sends `help_reply` through the
// dispatch like any other contact, so the answer too passes the gate.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ContactEvents, DeliveryEvent, InboundContact, KeyPress } from '../../adapters/channels/contact-channels.js';
import type { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { addDays, type IsoDate } from '../../domain/calendar.js';
import { minorUnits } from '../../domain/currency.js';
import { understandReply, type ReplyIntent } from '../../domain/recovery/inbound-reply.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactInboundRepository, type NewInbound } from '../../db/repositories/contact-inbound.repository.js';
import { ContactProfileRepository, type ContactLookupHasher, type StandingChange, type StandingChangeOrigin } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryEpisodeRepository } from '../../db/repositories/recovery-episode.repository.js';
import type { Channel } from '../../policies/compliance/rules.js';
import { understandKeyPress } from '../../domain/recovery/ivr-keys.js';
import { deliveryFailedSignal, replySignal } from '../../workflows/recovery/definitions.js';
import type { RecoveryNotifier } from './recovery-notifier.js';

export interface RecoveryInboxDeps {
  orm: MikroORM;
  cipher: FieldCipher;
  hasher: ContactLookupHasher;
  notifier: RecoveryNotifier;
}

/** Days a promise made by pressing 1 in the IVR runs. */
export const IVR_PROMISE_DAYS = 7;

export const SEAL_SENDER = 'contact_inbound.sender';
export const SEAL_BODY = 'contact_inbound.body';

export class RecoveryInbox implements ContactEvents {
  constructor(private readonly deps: RecoveryInboxDeps) {}

  async delivery(event: DeliveryEvent): Promise<void> {
    const failed = await this.deps.orm.em.fork().transactional(async (em) => {
      const { fresh, delivery } = await new ContactDeliveryRepository(em).applyEvent(event);
      if (!fresh || !delivery || !event.permanent || !['failed', 'bounced'].includes(event.status)) return null;
      // The address does not reach the borrower: that channel is not used for them again.
      // (only that channel: a number not on WhatsApp may still take texts and calls)
      await this.profiles(em).recordStandingChange(delivery.loanId, { change: 'wrong_number', channel: delivery.channel }, {
        source: 'delivery_event',
        sourceRef: `${event.provider}:${event.eventId}`,
        actor: null,
        reason: `${event.status}${event.errorCode ? ` (${event.errorCode})` : ''}`,
        at: event.at,
      });
      return delivery;
    });
    if (failed) {
      await this.deps.notifier.signal(failed.workflowId, deliveryFailedSignal, { deliveryKey: failed.deliveryKey, channel: failed.channel, reason: `${event.status}${event.errorCode ? `: ${event.errorCode}` : ''}` });
    }
  }

  async inbound(message: InboundContact): Promise<void> {
    const receivedOn = message.receivedAt.slice(0, 10);
    await this.record(
      { provider: message.provider, kind: 'message', channel: message.channel, externalId: message.externalId, from: message.from, body: message.body, deliveryKey: null, receivedAt: message.receivedAt },
      async (em) => {
        const profiles = this.profiles(em);
        const loanIds = message.channel === 'email' ? await profiles.byEmail(message.from) : await profiles.byPhone(message.from);
        const currency = loanIds[0] ? await currencyOf(em, loanIds[0]) : null;
        const intent = understandReply(message.body, receivedOn, currency ? 10 ** minorUnits(currency) : 100);
        const all = /^\s*(stop\s*all|stopall|unsubscribe\s+all)\s*$/i.test(message.body);
        const changes: StandingChange[] = [];
        // STOP to a text stops texts to that number (SMS and WhatsApp alike: the borrower sees one
        // phone); a wrong number is wrong for every channel that rings or texts it.
        if (intent.kind === 'stop') changes.push(...(all ? [{ change: 'opt_out_all' } as const] : sameAddress(message.channel, TEXT_CHANNELS).map((channel) => ({ change: 'opt_out', channel }) as const)));
        if (intent.kind === 'wrong_number') changes.push(...sameAddress(message.channel, PHONE_CHANNELS).map((channel) => ({ change: 'wrong_number', channel }) as const));
        if (intent.kind === 'dispute') changes.push({ change: 'dispute_opened' });
        return { loanIds, intent, changes, source: 'inbound' };
      },
    );
  }

  async keyPress(press: KeyPress): Promise<void> {
    const receivedOn = press.receivedAt.slice(0, 10);
    await this.record(
      { provider: press.provider, kind: 'key_press', channel: 'voice', externalId: `${press.callExternalId}:gather:${press.digits}`, from: press.from, body: press.digits, deliveryKey: press.deliveryKey, receivedAt: press.receivedAt },
      async (em) => {
        const deliveries = new ContactDeliveryRepository(em);
        const call = (press.deliveryKey ? await deliveries.find(press.deliveryKey) : null) ?? (await deliveries.findByExternal(press.provider, press.callExternalId));
        if (!call) return { loanIds: [], intent: { kind: 'unknown' }, changes: [], source: 'key_press' };
        // A key pressed means the borrower was reached about the debt (Reg F counts it as a conversation).
        await deliveries.markConversation(call.deliveryKey);
        const intent = keyIntent(press.digits, Number(call.facts.amountDueMinor), receivedOn);
        // 9 stops these calls; 3 disputes the debt (the same as a dispute by text: collection pauses until it is verified).
        const changes: StandingChange[] = intent.kind === 'stop' ? [{ change: 'opt_out', channel: 'voice' }] : intent.kind === 'dispute' ? [{ change: 'dispute_opened' }] : [];
        return { loanIds: [call.loanId], intent, changes, source: 'key_press', workflowId: call.workflowId };
      },
    );
  }

  /**
   * The one-click unsubscribe (RFC 8058) in an email we sent: an email opt-out for that delivery's
   * loan, recorded once per delivery key, and a stop told to the loan's running episode, as an
   * unsubscribe reported by SendGrid is. False for a key that is not one of our emails (the caller
   * answers alike either way: RFC 8058 says not to reveal which addresses are known).
   */
  async unsubscribe(click: { deliveryKey: string; receivedAt: string }): Promise<boolean> {
    const em = this.deps.orm.em.fork();
    const delivery = await new ContactDeliveryRepository(em).find(click.deliveryKey);
    if (!delivery || delivery.channel !== 'email') return false;
    const profile = await this.profiles(em).find(delivery.loanId);
    if (!profile) return false;
    await this.record(
      // Our own event, not a provider's: one per delivery key, so a second click changes nothing.
      { provider: 'credence', kind: 'unsubscribe', channel: 'email', externalId: `unsubscribe:${click.deliveryKey}`, from: profile.email ?? click.deliveryKey, body: 'List-Unsubscribe=One-Click', deliveryKey: click.deliveryKey, receivedAt: click.receivedAt },
      () => Promise.resolve({ loanIds: [delivery.loanId], intent: { kind: 'stop' }, changes: [{ change: 'opt_out', channel: 'email' }], source: 'inbound', reason: 'one-click unsubscribe' }),
    );
    return true;
  }

  /**
   * What the borrower sent from the validation notice's form: a dispute, a request for the original
   * creditor's name and address (12 CFR 1006.38(c)), or both. Recorded once per reference the page
   * issued, opening a dispute and the request in the standing (each holds collection at the gate),
   * and told to the running episode as a reply on the channel of the latest text or email we sent,
   * the message whose link leads to the page (the episode knows replies by the channels it sends
   * on): it pauses, and answers the request. With no such message there is no reply to tell: the
   * standing still holds every contact at the gate, and an episode that starts later starts paused.
   * A request made after the validation period is honoured the same way: stopping until the
   * answer is sent is never wrong, and the answer goes at once when the creditor is known.
   * False when the loan has no contact profile.
   */
  async fromNotice(form: { loanId: string; reference: string; reasons: string[]; originalCreditor: boolean; receivedAt: string }): Promise<boolean> {
    const em = this.deps.orm.em.fork();
    const profile = await this.profiles(em).find(form.loanId);
    if (!profile) return false;
    const carrier = await new ContactDeliveryRepository(em).latestWithLinks(form.loanId);
    const from = (carrier?.channel === 'email' ? profile.email : profile.phone) ?? profile.email ?? profile.phone ?? form.loanId;
    const disputes = form.reasons.length > 0;
    const asks = 'asks for the name and address of the original creditor';
    const body = disputes ? `disputed on the validation notice: ${form.reasons.join(', ')}${form.originalCreditor ? `; ${asks}` : ''}` : `on the validation notice: ${asks}`;
    const intent: ReplyIntent = disputes ? { kind: 'dispute', ...(form.originalCreditor ? { originalCreditor: true as const } : {}) } : { kind: 'original_creditor' };
    const changes: StandingChange[] = [...(disputes ? [{ change: 'dispute_opened' } as const] : []), ...(form.originalCreditor ? [{ change: 'original_creditor_requested' } as const] : [])];
    await this.record(
      { provider: 'credence', kind: disputes ? 'notice_dispute' : 'notice_request', channel: 'web', tellAs: carrier?.channel ?? null, externalId: `notice-dispute:${form.reference}`, from, body, deliveryKey: carrier?.deliveryKey ?? null, receivedAt: form.receivedAt },
      () => Promise.resolve({ loanIds: [form.loanId], intent, changes, source: 'inbound', reason: disputes ? 'disputed on the validation notice' : 'asked on the validation notice for the original creditor' }),
    );
    return true;
  }

  private profiles(em: EntityManager): ContactProfileRepository {
    return new ContactProfileRepository(em, this.deps.cipher, this.deps.hasher);
  }

  /**
   * Records what arrived once, with the standing changes it makes, in one transaction; then
   * signals each loan's running episode (or the call's own workflow) and records the outcome.
   */
  private async record(
    arrival: Arrival,
    understand: (em: EntityManager) => Promise<{ loanIds: string[]; intent: ReplyIntent; changes: StandingChange[]; source: StandingChangeOrigin['source']; workflowId?: string; reason?: string }>,
  ): Promise<void> {
    const { cipher, hasher } = this.deps;
    const byEmail = arrival.channel === 'email' || (arrival.channel === 'web' && arrival.from.includes('@'));
    const senderHash = byEmail ? hasher.emailHash(arrival.from) : hasher.phoneHash(arrival.from);
    const recorded = await this.deps.orm.em.fork().transactional(async (em) => {
      const inbox = new ContactInboundRepository(em);
      const existing = await inbox.find(arrival.provider, arrival.externalId);
      if (existing) return existing.outcome === 'pending' ? { id: existing.id, loanIds: existing.loanIds, intent: existing.intent as ReplyIntent, workflowId: existing.workflowIds[0] } : null;
      const { loanIds, intent, changes, source, workflowId, reason } = await understand(em);
      const known = loanIds.length > 0;
      const { id } = await inbox.recordOnce({
        provider: arrival.provider,
        kind: arrival.kind,
        channel: arrival.channel,
        externalId: arrival.externalId,
        senderHash,
        senderSealed: cipher.encrypt(arrival.from, SEAL_SENDER),
        bodySealed: cipher.encrypt(arrival.body, SEAL_BODY),
        deliveryKey: arrival.deliveryKey,
        loanIds,
        intent: known ? intent : null,
        outcome: known ? 'pending' : 'unknown_sender',
        reason: known ? null : arrival.kind === 'key_press' ? 'no call of ours has this call ID or delivery key' : 'no contact profile has this sender',
        workflowIds: workflowId ? [workflowId] : [],
        receivedAt: arrival.receivedAt,
      });
      const profiles = this.profiles(em);
      for (const loanId of loanIds) for (const change of changes) await profiles.recordStandingChange(loanId, change, { source, sourceRef: id, actor: null, reason: reason ?? `${arrival.kind === 'key_press' ? 'pressed' : 'replied'} ${intent.kind}`, at: arrival.receivedAt });
      return known ? { id, loanIds, intent, workflowId } : null;
    });
    if (!recorded) return;
    const em = this.deps.orm.em.fork();
    const replyChannel = arrival.channel === 'web' ? arrival.tellAs : arrival.channel;
    if (replyChannel === null) {
      await new ContactInboundRepository(em).setOutcome(recorded.id, 'recorded', [], 'no text or email of ours led here, so no reply to tell an episode; the standing holds collection');
      return;
    }
    const targets = recorded.workflowId ? [recorded.workflowId] : (await Promise.all(recorded.loanIds.map((loanId) => new RecoveryEpisodeRepository(em).running(loanId)))).flatMap((e) => (e ? [e.workflowId] : []));
    const signalled: string[] = [];
    for (const workflowId of targets) {
      if (await this.deps.notifier.signal(workflowId, replySignal, { channel: replyChannel, intent: recorded.intent, inboundId: recorded.id, receivedAt: arrival.receivedAt })) signalled.push(workflowId);
    }
    await new ContactInboundRepository(em).setOutcome(recorded.id, signalled.length > 0 ? 'signalled' : 'recorded', signalled, signalled.length > 0 ? null : 'no running recovery episode');
  }
}

/**
 * What arrived, once. From a provider it came on one of our channels; from one of our own pages
 * (`web`) it is told to the episode as a reply on `tellAs`, the channel whose message led there,
 * or to none.
 */
type Arrival = { provider: string; kind: NewInbound['kind']; externalId: string; from: string; body: string; deliveryKey: string | null; receivedAt: string } & (
  | { channel: Channel }
  | { channel: 'web'; tellAs: Channel | null }
);

/** The IVR's one key map (domain/recovery/ivr-keys.ts), with a promise's amount (due now) and day (7 days out) filled in. */
export function keyIntent(digits: string, amountDueMinor: number, receivedOn: IsoDate): ReplyIntent {
  const intent = understandKeyPress(digits);
  if (intent.kind !== 'promise') return intent;
  return { kind: 'promise', amountMinor: Number.isSafeInteger(amountDueMinor) && amountDueMinor > 0 ? amountDueMinor : null, on: addDays(receivedOn, IVR_PROMISE_DAYS) };
}

async function currencyOf(em: EntityManager, loanId: string): Promise<string | null> {
  const episode = await new RecoveryEpisodeRepository(em).running(loanId);
  if (episode) return episode.currency;
  const [row] = await em.execute<{ currency: string }[]>(`select currency from loans where loan_id = ?`, [loanId]);
  return row?.currency ?? null;
}

const TEXT_CHANNELS: readonly Channel[] = ['sms', 'whatsapp'];
const PHONE_CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'voice'];

/** The channels that reach the same address as `channel` within `group` (just `channel` when it is not in the group). */
function sameAddress(channel: Channel, group: readonly Channel[]): Channel[] {
  return group.includes(channel) ? [...group] : [channel];
}
