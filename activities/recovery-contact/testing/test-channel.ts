// An in-process ContactChannel for the dispatch and inbox tests: it records what it is asked to
// send and can be told to fail transiently, refuse, or lose its answer (accept the send, then
// fail before the caller hears of it). find() answers as the real adapters do: only a send
// accepted since the delivery's claim is found, and with `recordsLagMs` (a provider whose records
// lag, as SendGrid's activity search does) a send shows only that long after it was accepted, and
// "not found" is not said before that long after the claim. The real Twilio and SendGrid adapters
// are tested against their sandboxes by their own tests.
import { randomBytes } from 'node:crypto';
import { ContactRefused, SendNotYetKnown, type ContactChannel, type OutboundContact, type SendReceipt } from '../../../adapters/channels/contact-channels.js';
import type { Channel } from '../../../policies/compliance/rules.js';

export type TestChannelMode = 'ok' | 'transient' | 'refuse' | 'lose_answer';

export class TestChannel implements ContactChannel {
  /** what the provider accepted, by delivery key (the latest send of each) */
  readonly accepted = new Map<string, { contact: OutboundContact; receipt: SendReceipt }>();
  readonly calls: { op: 'send' | 'find'; deliveryKey: string; claimedAt?: string }[] = [];
  private plan: TestChannelMode[] = [];

  constructor(
    readonly channels: readonly Channel[],
    readonly provider: 'twilio' | 'sendgrid',
    private readonly options: { recordsLagMs?: number } = {},
  ) {}

  /** The next calls' behaviour, in order; after them, `ok`. */
  willBehave(...modes: TestChannelMode[]): void {
    this.plan = modes;
  }

  sends(): OutboundContact[] {
    return [...this.accepted.values()].map((a) => a.contact);
  }

  async send(contact: OutboundContact): Promise<SendReceipt> {
    this.calls.push({ op: 'send', deliveryKey: contact.deliveryKey });
    const mode = this.plan.shift() ?? 'ok';
    await Promise.resolve();
    if (mode === 'transient') throw new Error('503 from the provider');
    if (mode === 'refuse') throw new ContactRefused('the number is not a mobile number', '21614');
    const receipt = { provider: this.provider, externalId: `${this.provider === 'twilio' ? 'SM' : 'sg'}${randomBytes(8).toString('hex')}`, at: new Date().toISOString() };
    this.accepted.set(contact.deliveryKey, { contact, receipt });
    if (mode === 'lose_answer') throw new Error('socket hang up');
    return receipt;
  }

  async find(contact: OutboundContact, claimedAt: string): Promise<SendReceipt | null> {
    this.calls.push({ op: 'find', deliveryKey: contact.deliveryKey, claimedAt });
    await Promise.resolve();
    const lag = this.options.recordsLagMs ?? 0;
    const now = Date.now();
    const claimed = Date.parse(claimedAt);
    const accepted = this.accepted.get(contact.deliveryKey)?.receipt;
    const at = accepted ? Date.parse(accepted.at) : NaN;
    if (accepted && at >= claimed && now >= at + lag) return accepted;
    if (lag > 0 && now < claimed + lag) throw new SendNotYetKnown(`the test provider's records may not show ${contact.deliveryKey} yet`, claimed + lag);
    return null;
  }
}
