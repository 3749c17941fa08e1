// Ops' replay of a dead letter against the real PostgreSQL: judged by the gate at the moment of
// the replay, left open when the rules only defer it, and finished by a retry when the try that
// claimed it died before answering, without sending twice. When the database refuses the letter's
// new state (a trigger raising inside the transaction), nothing the replay made of the contact is
// kept either: no dead letter of the next generation, no delivery marked sent or dead-lettered;
// the next replay finishes it, once. A try that comes to settle a letter another try of the same
// replay settled first keeps nothing of its own: it throws, and its retry reads the letter as it is.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { FieldCipher } from '../../apps/shared/crypto/field-cipher.js';
import { generateKeyring } from '../../apps/shared/temporal/keyring.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { ContactDeadLetterRepository } from '../../db/repositories/contact-dead-letter.repository.js';
import { ContactDeliveryRepository } from '../../db/repositories/contact-delivery.repository.js';
import { ContactProfileRepository } from '../../db/repositories/contact-profile.repository.js';
import { RecoveryTemplateRepository } from '../../db/repositories/recovery-template.repository.js';
import { loadTemplateCatalogue } from '../../db/seeder.js';
import { IdentifierHasher } from '../fraud/identifier-hasher.js';
import { ContactDispatcher } from './contact-dispatcher.js';
import { replayDeadLetter, ReplaySettledElsewhere } from './dead-letter-replay.js';
import type { DeliverContactCommand } from './deliver-contact.command.js';
import { TestChannel } from './testing/test-channel.js';
import type { OutboundContact, SendReceipt } from '../../adapters/channels/contact-channels.js';
import { loadConfig } from '../../apps/shared/config.js';

/** Who the messages name: the development defaults (apps/shared/config.ts). */
const DEVELOPMENT_RECOVERY_IDENTITY = loadConfig({}).recovery;

/** A TestChannel that runs `meanwhile` after the provider took a send and before its answer reaches the caller. */
class SlowAnswerChannel extends TestChannel {
  meanwhile: ((contact: OutboundContact, receipt: SendReceipt) => Promise<void>) | null = null;

  override async send(contact: OutboundContact): Promise<SendReceipt> {
    const receipt = await super.send(contact);
    await this.meanwhile?.(contact, receipt);
    return receipt;
  }
}

const db = useTestOrm(4);
const cipher = new FieldCipher(generateKeyring());
const hasher = new IdentifierHasher(randomBytes(32));

/** 2026-12-07 11:00 IST */
const IST_11 = Date.UTC(2026, 11, 7, 5, 30);
/** 2026-12-07 20:00 IST */
const IST_20 = Date.UTC(2026, 11, 7, 14, 30);

beforeAll(async () => {
  await new RecoveryTemplateRepository(db.orm.em.fork()).seed(loadTemplateCatalogue());
});

/** A contact for an Indian borrower, not yet sent. */
async function contact(twilio: TestChannel): Promise<{ cmd: DeliverContactCommand; dispatcher: ContactDispatcher }> {
  const loanId = randomUUID();
  await new ContactProfileRepository(db.orm.em.fork(), cipher, hasher).upsert({
    loanId,
    name: 'Priya Sharma',
    phone: `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    email: null,
    language: 'en',
    country: 'IN',
    timeZone: 'Asia/Kolkata',
    consents: { contact: true, automatedContact: true },
  });
  const workflowId = `recovery-${loanId}-1`;
  const cmd: DeliverContactCommand = {
    deliveryKey: `${workflowId}-4`,
    loanId,
    workflowId,
    kind: 'send',
    channel: 'sms',
    fallbacks: [],
    template: 'reminder',
    automated: true,
    threatensSuit: false,
    at: IST_11,
    weeklyCaps: { sms: 3 },
    segment: 'reminder',
    policy: { version: 1, ruleId: 'reminder', stepIndex: 0 },
    facts: { currency: 'INR', amountDueMinor: 1_454_457, outstandingMinor: 30_000_000, dueOn: '2026-11-20', dpd: 17 },
    options: { allowed: ['sms'], chosen: 'sms' },
  };
  const dispatcher = new ContactDispatcher({ orm: db.orm, channels: { sms: twilio }, cipher, hasher, config: { ...DEVELOPMENT_RECOVERY_IDENTITY, publicBaseUrl: 'https://pay.credence.test', lenderName: 'Credence Finance', agentName: 'Credence Collections' } });
  return { cmd, dispatcher };
}

/** A contact whose only send failed transiently on its one allowed attempt. */
async function deadLettered(twilio: TestChannel): Promise<{ id: string; cmd: DeliverContactCommand; dispatcher: ContactDispatcher }> {
  const { cmd, dispatcher } = await contact(twilio);
  twilio.willBehave('transient');
  expect(await dispatcher.deliver(cmd, { attempt: 1, maxAttempts: 1 })).toMatchObject({ outcome: 'dead_lettered' });
  const [row] = await db.orm.em.fork().execute<{ id: string }[]>(`select id from contact_dead_letters where delivery_key = ?`, [cmd.deliveryKey]);
  return { id: row!.id, cmd, dispatcher };
}

const letter = (id: string) => new ContactDeadLetterRepository(db.orm.em.fork()).find(id);
const delivery = (key: string) => new ContactDeliveryRepository(db.orm.em.fork()).find(key);
const lettersOf = (deliveryKey: string) => db.orm.em.fork().execute<{ generation: number; status: string }[]>(`select generation, status from contact_dead_letters where delivery_key = ? order by generation`, [deliveryKey]);

/**
 * Makes PostgreSQL refuse a write until the answer is called: a trigger that raises on the rows
 * `when` names, so the failure happens inside whatever transaction makes the write.
 */
async function refuse(on: 'update' | 'insert', when: string): Promise<() => Promise<void>> {
  const name = `refuse_${randomUUID().replaceAll('-', '')}`;
  const em = db.orm.em.fork();
  await em.execute(`create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'injected failure: the dead letter cannot be written'; end $$`);
  await em.execute(`create trigger ${name} before ${on} on contact_dead_letters for each row when (${when}) execute function ${name}()`);
  return async () => {
    await em.execute(`drop trigger ${name} on contact_dead_letters`);
    await em.execute(`drop function ${name}()`);
  };
}

/** The letter's settlement (replayed, or open with the answer it got); a release leaves replay_outcome as it was. */
const settlementOf = (id: string) => `old.id = '${id}' and (new.status = 'replayed' or new.replay_outcome is distinct from old.replay_outcome)`;

describe('dead-letter replay', () => {
  it('is judged at the moment of the replay: at 20:00 IST the RBI hours defer it, and the letter stays open for later', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    const evening = await replayDeadLetter({ orm: db.orm, dispatcher, now: () => IST_20 }, id, 'ops.asha');
    expect(evening).toMatchObject({ kind: 'replayed', outcome: { outcome: 'blocked', rule: 'in.rbi.recovery-hours', retryAt: Date.UTC(2026, 11, 8, 2, 30) } });
    expect(await letter(id)).toMatchObject({ status: 'open', replayOutcome: { outcome: 'blocked', rule: 'in.rbi.recovery-hours' } });
    expect(twilio.sends()).toHaveLength(0);

    const morning = await replayDeadLetter({ orm: db.orm, dispatcher, now: () => Date.UTC(2026, 11, 8, 3, 0) }, id, 'ops.asha');
    expect(morning).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent', deliveryKey: cmd.deliveryKey } });
    expect(await letter(id)).toMatchObject({ status: 'replayed', replayOutcome: { outcome: 'sent' } });
    expect(twilio.sends()).toHaveLength(1);
  });

  it('lets a retry take over a claim its dead predecessor held, and sends once', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    // The first try claimed the letter and died before it could answer or let go.
    expect(await new ContactDeadLetterRepository(db.orm.em.fork()).claimReplay(id, 'ops.asha')).toMatchObject({ claimed: true });
    const now = () => IST_11 + 3_600_000;
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha')).toMatchObject({ kind: 'already_replayed', letter: { status: 'replaying' } });
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha', { retry: true })).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent', deliveryKey: cmd.deliveryKey } });
    // A retry after the answer was recorded finds it replayed, and the delivery sent once.
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha', { retry: true })).toMatchObject({ kind: 'already_replayed', letter: { status: 'replayed' } });
    expect(twilio.sends()).toHaveLength(1);
    expect(await new ContactDeliveryRepository(db.orm.em.fork()).find(cmd.deliveryKey)).toMatchObject({ status: 'sent' });
  });

  it('keeps nothing of a replay that dead-lettered again when its letter cannot be settled, and the next replay leaves one outcome', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    const now = () => IST_11 + 3_600_000;
    const lift = await refuse('update', settlementOf(id));
    twilio.willBehave('transient');
    await expect(replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha')).rejects.toThrow('injected failure');
    // Neither the next generation's letter nor a dead-lettered delivery: the transaction that would
    // have written them with the letter's new state rolled back, and the claim was let go.
    expect(await lettersOf(cmd.deliveryKey)).toEqual([{ generation: 0, status: 'open' }]);
    expect(await letter(id)).toMatchObject({ status: 'open', replayOutcome: null });
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'sending' });
    await lift();

    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha')).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent' } });
    expect(await lettersOf(cmd.deliveryKey)).toEqual([{ generation: 0, status: 'replayed' }]);
    expect(await letter(id)).toMatchObject({ status: 'replayed', replayedBy: 'ops.asha', replayOutcome: { outcome: 'sent' } });
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'sent' });
    expect(twilio.sends()).toHaveLength(1);
  });

  it('keeps no record of a replay that was sent when its letter cannot be settled; the next replay finds the send at the provider and sends nothing twice', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    const firstClaim = (await delivery(cmd.deliveryKey))!.claimedAt;
    const now = () => IST_11 + 3_600_000;
    const lift = await refuse('update', settlementOf(id));
    await expect(replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha')).rejects.toThrow('injected failure');
    // It left, but that is not recorded yet: the delivery stays `sending`, which is asked about before any send.
    expect(twilio.sends()).toHaveLength(1);
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'sending', externalId: null });
    expect(await letter(id)).toMatchObject({ status: 'open', replayOutcome: null });
    await lift();

    const again = await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha');
    expect(again).toMatchObject({ kind: 'replayed', outcome: { outcome: 'sent', externalId: [...twilio.accepted.values()][0]!.receipt.externalId } });
    expect(twilio.sends()).toHaveLength(1);
    // The first replay asked the provider about sends since the delivery's first claim (a replay
    // reopens it, keeping that claim); its send was a new claim, which the second replay asked about.
    const { claimedAt } = (await delivery(cmd.deliveryKey))!;
    expect(twilio.calls.map((c) => c.op)).toEqual(['send', 'find', 'send', 'find']);
    expect(Date.parse(claimedAt)).toBeGreaterThan(Date.parse(firstClaim));
    expect(twilio.calls.filter((c) => c.op === 'find').map((c) => c.claimedAt)).toEqual([firstClaim, claimedAt]);
    expect(await letter(id)).toMatchObject({ status: 'replayed', replayOutcome: { outcome: 'sent' } });
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'sent' });
    expect(await lettersOf(cmd.deliveryKey)).toEqual([{ generation: 0, status: 'replayed' }]);
  });

  it('never marks a delivery dead-lettered without its letter: when the letter cannot be written, the delivery stays as it was', async () => {
    const twilio = new TestChannel(['sms'], 'twilio');
    const { cmd, dispatcher } = await contact(twilio);
    const lift = await refuse('insert', `new.delivery_key = '${cmd.deliveryKey}'`);
    twilio.willBehave('transient');
    await expect(dispatcher.deliver(cmd, { attempt: 1, maxAttempts: 1 })).rejects.toThrow('injected failure');
    expect(await lettersOf(cmd.deliveryKey)).toEqual([]);
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'sending' });
    await lift();

    // Asked again, it asks the provider (nothing left), sends, fails once more, and dead-letters with its letter.
    twilio.willBehave('transient');
    expect(await dispatcher.deliver(cmd, { attempt: 1, maxAttempts: 1 })).toMatchObject({ outcome: 'dead_lettered' });
    expect(await lettersOf(cmd.deliveryKey)).toEqual([{ generation: 0, status: 'open' }]);
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'dead_lettered' });
    expect(twilio.calls.map((c) => c.op)).toEqual(['send', 'find', 'send']);
  });

  it('keeps nothing of a try whose letter another try settled first: it throws, and its retry finds the letter as the other try left it', async () => {
    const twilio = new SlowAnswerChannel(['sms'], 'twilio');
    const { id, cmd, dispatcher } = await deadLettered(twilio);
    const now = () => IST_11 + 3_600_000;
    const other = { outcome: 'sent', channel: 'sms', deliveryKey: cmd.deliveryKey, externalId: 'SMother0000000001', disclosures: [] };
    // While this try waits for Twilio's answer, another try of the same replay (Temporal's, after a
    // timeout) finds the send at the provider and settles the letter, with the delivery, first.
    twilio.meanwhile = async (_contact, receipt) => {
      twilio.meanwhile = null;
      await db.orm.em.fork().transactional(async (em) => {
        await new ContactDeliveryRepository(em).markSent(cmd.deliveryKey, { ...receipt, externalId: other.externalId });
        expect(await new ContactDeadLetterRepository(em).settleReplay(id, other)).toBe(true);
      });
    };
    await expect(replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha')).rejects.toBeInstanceOf(ReplaySettledElsewhere);
    // Nothing of this try was kept over the other's: the letter and the delivery are as the other try left them.
    expect(await letter(id)).toMatchObject({ status: 'replayed', replayOutcome: other });
    expect(await delivery(cmd.deliveryKey)).toMatchObject({ status: 'sent', externalId: other.externalId });
    expect(await lettersOf(cmd.deliveryKey)).toEqual([{ generation: 0, status: 'replayed' }]);

    // Temporal retries the activity: it reads the letter as it stands and sends nothing.
    expect(await replayDeadLetter({ orm: db.orm, dispatcher, now }, id, 'ops.asha', { retry: true })).toMatchObject({ kind: 'already_replayed', letter: { status: 'replayed', replayOutcome: other } });
    expect(twilio.sends()).toHaveLength(1);
  });
});
