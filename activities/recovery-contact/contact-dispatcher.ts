// The one place an outbound borrower contact passes the compliance gate and leaves. For the step's
// channel and then each fallback in order: a block no wait can lift (opt-out, wrong number, no
// consent, no address) is logged and the next channel tried; a block with an instant it lifts
// (hours, caps) is logged and answered, so the workflow sleeps until then and asks again. An
// allowed contact is rendered (the gate's disclosures appended), recorded as sending, and only
// then handed to the provider; the same delivery key asked again never sends twice (a recorded
// send is answered as it was, an ambiguous one is looked up at the provider first). A provider
// whose circuit is open counts as down: the next channel is tried. Transient faults throw, for
// Temporal to retry with backoff; the last allowed attempt dead-letters the contact instead, the
// delivery's status and the dead letter in one transaction (neither stands without the other).
// A replay of a dead letter settles the letter in the transaction that records what the contact
// became (sent, dead-lettered anew), so the letter never says one thing and the contact another.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ContactRefused, SendNotYetKnown, type ContactChannel, type OutboundContact, type SendReceipt } from '../../adapters/channels/contact-channels.js';
import type { ContactLanguage } from '../../domain/application.js';
import { ContactDeadLetterRepository } from '../../db/repositories/contact-dead-letter.repository.js';
import { ContactDeliveryRepository, type DeliveryRecord, type NewDelivery } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository, type ContactLookupHasher, type ContactProfileRecord } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryTemplateRepository } from '../../db/repositories/recovery-template.repository.js';
import { checkContact, type GateDecision } from '../../policies/compliance/gate.js';
import { automatedByDefault, type BorrowerStanding, type Channel, type PastContact } from '../../policies/compliance/rules.js';
import { BorrowerNoticeRepository } from '../../db/repositories/borrower-notice.repository.js';
import { toIsoDate } from '../../domain/calendar.js';
import { noticeFigures } from '../../domain/recovery/validation-notice.js';
import { renderContact } from '../../policies/recovery/render-template.js';
import { isTemplateKey, templateKeyFor, toneForSegment } from '../../policies/recovery/template-keys.js';
import type { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import type { RecoveryIdentity } from '../../apps/shared/config.js';
import { OriginalCreditorRepository } from '../../db/repositories/original-creditor.repository.js';
import { CircuitBreaker, CircuitOpenError, type CircuitBreakerOptions } from '../shared/circuit-breaker.js';
import type { DeliverContactCommand, DeliverContactResult, DraftedMessage, TriedChannel } from './deliver-contact.command.js';
import { addressFor, gatherUrl, missingAddress, outboundContact, unsubscribeUrl, type ContactAddress, type ContactLinks } from './outbound-contact.js';
import { borrowerPageUrl } from './borrower-page-link.js';

/** Who the messages say is writing (config.recovery): the lender, its agent, the debt collector. */
export type DispatchConfig = ContactLinks & RecoveryIdentity;

export interface ContactDispatchDeps {
  orm: MikroORM;
  /** the port for each channel a provider is configured for */
  channels: Partial<Record<Channel, ContactChannel>>;
  cipher: FieldCipher;
  hasher: ContactLookupHasher;
  config: DispatchConfig;
  /** per provider; defaults: 5 failures in a row open it for 60 s */
  circuit?: Omit<CircuitBreakerOptions, 'isFailure'>;
}

export interface DispatchAttempt {
  /** 1-based, as Temporal counts */
  attempt: number;
  maxAttempts: number;
  /** ops replaying a dead letter: a dead-lettered key may go again, and the letter is settled with the outcome */
  replay?: ReplaySettlement;
  /**
   * Tells Temporal the attempt is alive (the activity's heartbeat): called at the start and between
   * the steps that wait on others (the claim, the provider's answer, the record), so a worker that
   * died mid-send is found out within the heartbeat timeout, not the whole start-to-close.
   */
  heartbeat?: (step: 'start' | 'claimed' | 'asked' | 'sent') => void;
}

/** Records a replayed dead letter's fate; run inside the transaction that records the contact's outcome. */
export interface ReplaySettlement {
  settle(em: EntityManager, outcome: DeliverContactResult): Promise<void>;
}

/** A transient fault: Temporal retries the activity. */
export class ContactDispatchRetry extends Error {
  override readonly name: string = 'ContactDispatchRetry';
}

/** Not a fault: the provider cannot tell yet whether an earlier send left, so the activity is retried at `retryAt` (epoch ms), not sooner. */
export class ContactDispatchWait extends ContactDispatchRetry {
  override readonly name = 'ContactDispatchWait';
  constructor(
    message: string,
    readonly retryAt: number,
  ) {
    super(message);
  }
}

/** Statuses of a contact that left (the provider accepted it). */
const LEFT = new Set(['sent', 'queued', 'in_transit', 'delivered', 'opened', 'clicked', 'answered', 'no_answer', 'busy', 'completed', 'bounced']);
export const SEAL_SUBJECT = 'contact_deliveries.subject';
export const SEAL_BODY = 'contact_deliveries.body';
/** The disclosure that gives the validation information (policies/compliance/rule-packs.ts). */
const VALIDATION_DISCLOSURE = 'us.reg-f.1006.34';

type Blocked = TriedChannel & { citation: string; retryAt: number | null };

export class ContactDispatcher {
  private readonly breakers = new Map<ContactChannel, CircuitBreaker>();

  constructor(private readonly deps: ContactDispatchDeps) {}

  async deliver(command: DeliverContactCommand, attempt: DispatchAttempt): Promise<DeliverContactResult> {
    attempt.heartbeat?.('start');
    const em = this.deps.orm.em.fork();
    const deliveries = new ContactDeliveryRepository(em);
    let earlier = await deliveries.attemptsOf(command.deliveryKey);
    const left = earlier.find((d) => LEFT.has(d.status) && d.externalId !== null);
    if (left) return this.finish(attempt, sent(left));
    const dead = earlier.find((d) => d.status === 'dead_lettered');
    if (dead && !attempt.replay) return { outcome: 'dead_lettered', channel: dead.channel, reason: dead.lastError ?? 'dead-lettered' };
    if (dead) {
      // Reopened as it stood: `sending` when it may have left (asked about first), else `recorded`.
      await deliveries.reopen(dead.deliveryKey);
      earlier = await deliveries.attemptsOf(command.deliveryKey);
    }

    const profile = await new ContactProfileRepository(em, this.deps.cipher, this.deps.hasher).find(command.loanId);
    const history = await deliveries.history(command.loanId);
    const blocks: Blocked[] = [];
    let down: string | null = null;
    const channels = [command.channel, ...command.fallbacks.filter((c, i, all) => c !== command.channel && all.indexOf(c) === i)];
    for (const [index, channel] of channels.entries()) {
      const key = index === 0 ? command.deliveryKey : `${command.deliveryKey}-${channel}`;
      const existing = earlier.find((d) => d.deliveryKey === key);
      const block = (b: Omit<Blocked, 'channel'>) => this.logBlock(deliveries, command, key, channel, b, 'blocked').then(() => void blocks.push({ channel, ...b }));
      if (existing?.status === 'failed') {
        blocks.push({ channel, rule: 'credence.provider-refused', citation: 'The provider refused this address', reason: existing.lastError ?? 'refused', retryAt: null });
        continue;
      }
      const port = this.deps.channels[channel];
      if (!profile) {
        await block({ rule: 'credence.no-profile', citation: 'Credence: a borrower is contacted only through a contact profile', reason: 'the loan has no contact profile', retryAt: null });
        continue;
      }
      const to = addressFor(channel, profile);
      if (to === null) {
        await block({ rule: 'credence.no-address', citation: 'Credence: no address on record for this channel', reason: missingAddress(channel), retryAt: null });
        continue;
      }
      if (!profile.consents.contact) {
        await block({ rule: 'credence.no-contact-consent', citation: 'Credence: the borrower did not consent to being contacted', reason: 'no consent to contact', retryAt: null });
        continue;
      }
      if (existing?.status === 'sending' && (!port || this.breaker(port).state === 'open')) {
        // An earlier send on this channel may have left, and its provider cannot be asked now: no
        // fallback (the borrower could get both); try again once the provider answers.
        return this.transient(new ContactDispatchRetry(`${channel}: an earlier send may have left and its provider cannot be asked now`), deliveries, key, command, attempt);
      }
      if (!port || this.breaker(port).state === 'open') {
        down = `${channel}: ${port ? 'the provider circuit is open' : 'no provider is configured'}`;
        await this.logBlock(deliveries, command, key, channel, { rule: 'credence.channel-down', citation: 'Credence: the channel is down', reason: down, retryAt: null }, 'skipped');
        continue;
      }
      let contact: OutboundContact;
      let disclosures: string[];
      /** who wrote it (contact_deliveries.composer) */
      let composer: string | null;
      /** this attempt's claim: the delivery's `attempts` once it claimed the send */
      let claimNo: number;
      if (existing?.status === 'sending') {
        // The answer to an earlier send was lost: whatever the gate says now, that contact was allowed and may have left.
        contact = this.storedContact(existing, to);
        disclosures = existing.disclosures;
        composer = existing.composer;
        let found: SendReceipt | null;
        try {
          found = await this.guarded(port, () => port.find(contact, existing.claimedAt));
        } catch (err) {
          // Not knowing whether it left, neither fall back nor send again: retry the question later
          // (when the provider's records can answer it, if that is what it is waiting for).
          const retry =
            err instanceof SendNotYetKnown ? new ContactDispatchWait(`${channel}: ${err.message}`, err.askAgainAt) : err instanceof CircuitOpenError ? new ContactDispatchRetry(`${channel}: the provider circuit is open`) : err;
          return this.transient(retry, deliveries, key, command, attempt);
        }
        attempt.heartbeat?.('asked');
        if (found) return this.finish(attempt, { outcome: 'sent', channel, deliveryKey: key, externalId: found.externalId, disclosures, ...composedBy(composer) }, (em) => new ContactDeliveryRepository(em).markSent(key, found));
        // It did not leave, so sending it now is a new contact: the gate judges it as one (an opt-out,
        // a dispute or the evening may have come since the first try).
        const again = this.gate(command, channel, profile.standing, history);
        if (!again.allowed) {
          await deliveries.release(key);
          await block({ rule: again.rule, citation: again.citation, reason: again.reason, retryAt: again.retryAt });
          if (again.retryAt !== null) break;
          continue;
        }
        const resend = await deliveries.countResend(key, existing.attempts);
        if (resend === null) throw new ContactDispatchRetry(`delivery ${key} was claimed again by another attempt`);
        claimNo = resend;
      } else {
        const decision = this.gate(command, channel, profile.standing, history);
        if (!decision.allowed) {
          await block({ rule: decision.rule, citation: decision.citation, reason: decision.reason, retryAt: decision.retryAt });
          if (decision.retryAt !== null) break;
          continue;
        }
        const prepared = await this.prepare(em, command, channel, key, to, profile, decision.disclosures.map((d) => d.id));
        if ('refused' in prepared) {
          await block(prepared.refused);
          continue;
        }
        disclosures = prepared.record.disclosures;
        composer = prepared.record.composer ?? null;
        contact = prepared.contact;
        const claim = await deliveries.claimSending({ ...prepared.record, jurisdiction: decision.jurisdiction });
        if (!claim.claimed) {
          if (LEFT.has(claim.record.status) && claim.record.externalId) return this.finish(attempt, sent(claim.record));
          throw new ContactDispatchRetry(`delivery ${key} is ${claim.record.status} in another attempt`);
        }
        claimNo = claim.record.attempts;
      }
      attempt.heartbeat?.('claimed');
      // A worker that stalled past the heartbeat timeout is retried elsewhere while it still runs: if
      // the retry has claimed the send since (found nothing at the provider and went again), this one
      // stands down rather than send a second time.
      if (!(await deliveries.stillClaimed(key, claimNo))) throw new ContactDispatchRetry(`delivery ${key} was claimed again by another attempt`);
      let receipt: SendReceipt;
      try {
        receipt = await this.guarded(port, () => port.send(contact));
      } catch (err) {
        if (err instanceof ContactRefused) {
          await deliveries.markFinal(key, 'failed', `${err.code}: ${err.message}`);
          blocks.push({ channel, rule: 'credence.provider-refused', citation: 'The provider refused this address', reason: `${err.code}: ${err.message}`, retryAt: null });
          continue;
        }
        if (err instanceof CircuitOpenError) {
          // The breaker refused before the provider was called: nothing left, and the address is not at fault.
          down = `${channel}: the provider circuit is open`;
          await deliveries.release(key);
          continue;
        }
        return this.transient(err, deliveries, key, command, attempt);
      }
      attempt.heartbeat?.('sent');
      // Outside the try: failing to record a send that left is not a failed send (it stays `sending`, and the provider is asked first next time).
      return this.finish(attempt, { outcome: 'sent', channel, deliveryKey: key, externalId: receipt.externalId, disclosures, ...composedBy(composer) }, (em) => new ContactDeliveryRepository(em).markSent(key, receipt));
    }
    const waiting = blocks.filter((b) => b.retryAt !== null);
    if (waiting.length > 0) {
      const first = waiting[0]!;
      return this.finish(attempt, { outcome: 'blocked', channel: first.channel, rule: first.rule, citation: first.citation, reason: first.reason, retryAt: Math.min(...waiting.map((b) => b.retryAt!)), tried: blocks.map(tried) });
    }
    // Nothing allowed and some channel only down: a fault that passes, not a refusal.
    if (down !== null) {
      const outcome = await this.transient(new ContactDispatchRetry(`no channel could take the contact (${down})`), deliveries, command.deliveryKey, command, attempt);
      if (outcome) return outcome;
    }
    const first = blocks[0]!;
    return this.finish(attempt, { outcome: 'blocked', channel: first.channel, rule: first.rule, citation: first.citation, reason: first.reason, retryAt: null, tried: blocks.map(tried) });
  }

  /**
   * Answers the outcome once what records it is written: `write` (the contact's last change, if
   * any) and, for a replay, the letter's settlement, in one transaction. Everything written before
   * it (a claim, a logged block) is a step a retry repeats to the same end.
   */
  private async finish(attempt: DispatchAttempt, outcome: DeliverContactResult, write?: (em: EntityManager) => Promise<void>): Promise<DeliverContactResult> {
    const { replay } = attempt;
    if (!write && !replay) return outcome;
    await this.deps.orm.em.fork().transactional(async (em) => {
      await write?.(em);
      await replay?.settle(em, outcome);
    });
    return outcome;
  }

  /** Per provider (one port serves its channels): opened by consecutive transient failures. */
  private breaker(port: ContactChannel): CircuitBreaker {
    let breaker = this.breakers.get(port);
    if (!breaker) {
      // A refusal and a provider whose records cannot tell yet are answers, not a provider failing.
      breaker = new CircuitBreaker(port.channels.join('+'), { failureThreshold: 5, coolDownMs: 60_000, ...this.deps.circuit, isFailure: (err) => !(err instanceof ContactRefused || err instanceof SendNotYetKnown) });
      this.breakers.set(port, breaker);
    }
    return breaker;
  }

  private guarded<T>(port: ContactChannel, call: () => Promise<T>): Promise<T> {
    return this.breaker(port).execute(call);
  }

  /**
   * The one question to the compliance gate for an outbound contact. Every text and call this engine
   * makes is automated (TCPA), whatever the step said of its own channel: a fallback from an email
   * to a text is an automated text; a letter never is. And the gate judges the moment the contact
   * leaves: the workflow's instant, or later when retries took time.
   */
  private gate(command: DeliverContactCommand, channel: Channel, standing: BorrowerStanding, history: PastContact[]): GateDecision {
    const automated = automatedByDefault(channel) || (channel === 'email' && command.automated);
    return checkContact(
      { channel, at: Math.max(command.at, Date.now()), automated, toThirdParty: false, threatensSuit: command.threatensSuit, ...(command.purpose ? { purpose: command.purpose } : {}) },
      { standing, history, weeklyCaps: command.weeklyCaps },
    );
  }

  /** Throws for Temporal to retry; on the last attempt dead-letters the contact and answers so. */
  private async transient(err: unknown, deliveries: ContactDeliveryRepository, key: string, command: DeliverContactCommand, attempt: DispatchAttempt): Promise<DeliverContactResult> {
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (attempt.attempt < attempt.maxAttempts) {
      await deliveries.noteAttemptError(key, reason);
      throw err instanceof Error ? err : new ContactDispatchRetry(reason);
    }
    const channel = (await deliveries.find(key))?.channel ?? command.channel;
    // Never a dead_lettered delivery without its letter (nothing would show ops the contact to replay), nor the other way round.
    return this.finish(attempt, { outcome: 'dead_lettered', channel, reason }, async (em) => {
      await new ContactDeliveryRepository(em).markFinal(key, 'dead_lettered', reason);
      await new ContactDeadLetterRepository(em).add({
        deliveryKey: command.deliveryKey,
        loanId: command.loanId,
        workflowId: command.workflowId,
        channel,
        template: command.template,
        // Without the draft: its text names the borrower and is not sealed here; a replay sends the template.
        command: { ...command, drafted: undefined },
        reason,
        attempts: attempt.attempt,
      });
    });
  }

  private async prepare(
    em: EntityManager,
    command: DeliverContactCommand,
    channel: Channel,
    key: string,
    to: ContactAddress,
    profile: ContactProfileRecord,
    gateDisclosures: string[],
  ): Promise<{ record: NewDelivery; contact: OutboundContact } | { refused: Omit<Blocked, 'channel'> }> {
    const drafted = draftToSend(command, channel, gateDisclosures);
    if (drafted) {
      const record: NewDelivery = {
        ...this.base(command, key, channel),
        templateVersion: null,
        language: drafted.language,
        tone: drafted.tone,
        composer: drafted.composer,
        decision: 'allowed',
        disclosures: drafted.disclosures,
        subjectSealed: drafted.subject === null ? null : this.deps.cipher.encrypt(drafted.subject, SEAL_SUBJECT),
        bodySealed: this.deps.cipher.encrypt(drafted.text, SEAL_BODY),
      };
      return { record, contact: outboundContact(channel, to, key, { subject: drafted.subject, text: drafted.text, twiml: null }, this.deps.config, command.template) };
    }
    if (!isTemplateKey(command.template)) throw new Error(`template ${command.template} is not in the catalogue`);
    const templateKey = templateKeyFor(command.template, channel);
    const language: ContactLanguage = profile.language;
    const tone = toneForSegment(command.segment);
    const template = await new RecoveryTemplateRepository(em).latest(templateKey, channel, language, tone);
    if (!template) throw new Error(`template ${templateKey} has no ${channel}/${language}/${tone} variant: seed the catalogue`);
    const { config } = this.deps;
    // Only the answer about the original creditor names it, from its record (a loan of ours: the lender).
    const originalCreditor = command.purpose === 'original_creditor' ? await new OriginalCreditorRepository(em).find(command.loanId, { name: config.lenderName, address: config.lenderAddress }) : null;
    // A letter is dated the day it is posted, and one that gives the validation information carries the notice itself (it cannot link it).
    const postedOn = toIsoDate(Math.max(command.at, Date.now()));
    let notice: Awaited<ReturnType<ContactDispatcher['letterNotice']>> = null;
    if (channel === 'letter' && gateDisclosures.includes(VALIDATION_DISCLOSURE)) {
      notice = await this.letterNotice(em, command.loanId, postedOn);
      if (!notice) return { refused: { rule: 'credence.no-loan-records', citation: 'Credence: a validation notice states the debt from the loan\'s records (12 CFR 1006.34(c)(2))', reason: 'the loan has no records to itemize the debt from', retryAt: null } };
    }
    const rendered = renderContact(
      template,
      {
        loanId: command.loanId,
        firstName: profile.name.trim().split(/\s+/)[0] ?? profile.name,
        currency: command.facts.currency,
        amountDueMinor: command.facts.amountDueMinor,
        outstandingMinor: command.facts.outstandingMinor,
        dueOn: command.facts.dueOn,
        lender: { name: config.lenderName, agent: config.agentName },
        collector: { name: config.collector.legalName, address: config.collector.mailingAddress, phone: config.collector.phone, hours: config.collector.hours },
        ...(originalCreditor?.known ? { originalCreditor: { name: originalCreditor.name, address: originalCreditor.address } } : {}),
        links: { pay: borrowerPageUrl(this.deps.hasher, config.publicBaseUrl, 'pay', command.loanId), validation: borrowerPageUrl(this.deps.hasher, config.publicBaseUrl, 'validation', command.loanId) },
        ...(notice ? { notice } : {}),
      },
      { channel, language, country: profile.country, disclosures: gateDisclosures, unsubscribeUrl: unsubscribeUrl(config, key), gatherUrl: gatherUrl(config, key), on: postedOn },
    );
    const record: NewDelivery = {
      ...this.base(command, key, channel),
      templateVersion: template.version,
      language,
      tone,
      composer: 'template',
      decision: 'allowed',
      disclosures: rendered.disclosures,
      subjectSealed: rendered.subject === null ? null : this.deps.cipher.encrypt(rendered.subject, SEAL_SUBJECT),
      // What left is what is kept: a call's TwiML, a letter's document, a message's text.
      bodySealed: this.deps.cipher.encrypt(rendered.twiml ?? rendered.html ?? rendered.text, SEAL_BODY),
    };
    return { record, contact: outboundContact(channel, to, key, rendered, config, command.template) };
  }

  /** The validation notice's figures for a letter: the loan's itemization, the validation period counted from the day it is posted (unless a message gave it before). */
  private async letterNotice(em: EntityManager, loanId: string, postedOn: string) {
    const records = await new BorrowerNoticeRepository(em).find(loanId);
    if (!records) return null;
    const { itemization, validationEndsOn } = noticeFigures({ ...records, firstCommunicationOn: records.firstCommunicationOn ?? postedOn });
    return { ...itemization, validationEndsOn: validationEndsOn! };
  }

  private storedContact(record: DeliveryRecord, to: ContactAddress): OutboundContact {
    const body = record.bodySealed === null ? '' : this.deps.cipher.decrypt(record.bodySealed, SEAL_BODY);
    const subject = record.subjectSealed === null ? null : this.deps.cipher.decrypt(record.subjectSealed, SEAL_SUBJECT);
    return outboundContact(record.channel, to, record.deliveryKey, { subject, text: body, twiml: body, html: body }, this.deps.config, record.template);
  }

  private async logBlock(deliveries: ContactDeliveryRepository, command: DeliverContactCommand, key: string, channel: Channel, block: Omit<Blocked, 'channel'>, status: 'blocked' | 'skipped'): Promise<void> {
    await deliveries.recordBlocked(
      {
        ...this.base(command, key, channel),
        templateVersion: null,
        language: null,
        tone: null,
        decision: status === 'skipped' ? 'skipped' : 'blocked',
        blockRule: block.rule,
        blockCitation: block.citation,
        blockReason: block.reason,
        retryAt: block.retryAt === null ? null : new Date(block.retryAt).toISOString(),
        disclosures: [],
        subjectSealed: null,
        bodySealed: null,
      },
      status,
    );
  }

  private base(command: DeliverContactCommand, key: string, channel: Channel) {
    return {
      deliveryKey: key,
      requestKey: command.deliveryKey,
      loanId: command.loanId,
      workflowId: command.workflowId,
      kind: command.kind,
      channel,
      template: command.template,
      policyVersion: command.policy.version,
      ruleId: command.policy.ruleId,
      stepIndex: command.policy.stepIndex,
      jurisdiction: null,
      blockRule: null,
      blockCitation: null,
      blockReason: null,
      retryAt: null,
      optionsAllowed: command.options.allowed,
      optionChosen: command.options.chosen,
      facts: command.facts,
      contactAt: new Date(command.at).toISOString(),
    };
  }
}

/**
 * The drafted message, when it may go as it is: on the channel it was written for (a fallback
 * channel gets its own template) and carrying every disclosure the gate asks for now (an opt-out
 * or the validation period may have come since it was drafted). Otherwise the template goes.
 */
function draftToSend(command: DeliverContactCommand, channel: Channel, gateDisclosures: string[]): DraftedMessage | null {
  const drafted = command.drafted;
  if (!drafted || channel !== command.channel) return null;
  return gateDisclosures.every((d) => drafted.disclosures.includes(d)) ? drafted : null;
}

function sent(record: DeliveryRecord): DeliverContactResult {
  return { outcome: 'sent', channel: record.channel, deliveryKey: record.deliveryKey, externalId: record.externalId!, disclosures: record.disclosures, ...composedBy(record.composer) };
}

/** Named in the answer only when known: deliveries recorded before the column answer as they did. */
function composedBy(composer: string | null): { composer?: string } {
  return composer === null ? {} : { composer };
}

function tried(b: Blocked): TriedChannel {
  return { channel: b.channel, rule: b.rule, reason: b.reason };
}
