// Two attempts at one send, against the real PostgreSQL: a stalled worker's attempt and the retry
// Temporal started elsewhere once its heartbeat stopped. Both find nothing at the provider; only one
// may resend (countResend compares and sets), and the stalled one, checking its claim just before
// the send leaves (stillClaimed), stands down.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { ContactDeliveryRepository, type NewDelivery } from './contact-delivery.repository.js';

const db = useTestOrm(2);

function text(loanId: string): NewDelivery {
  const key = `recovery-${loanId}-1-${randomUUID().slice(0, 8)}`;
  return {
    deliveryKey: key, requestKey: key, loanId, workflowId: `recovery-${loanId}-1`, kind: 'send', channel: 'sms', template: 'reminder', templateVersion: 1, language: 'en', tone: null,
    policyVersion: 1, ruleId: 'reminder', stepIndex: 0, decision: 'allowed', jurisdiction: 'IN', blockRule: null, blockCitation: null, blockReason: null, retryAt: null,
    disclosures: [], optionsAllowed: ['sms'], optionChosen: 'sms', facts: {}, subjectSealed: null, bodySealed: null, contactAt: new Date().toISOString(),
  };
}

describe('claims on a send', () => {
  it('let one of two attempts that found nothing resend, and the other stand down', async () => {
    const delivery = text(randomUUID());
    const key = delivery.deliveryKey;
    const stalled = new ContactDeliveryRepository(db.orm.em.fork());
    const claim = await stalled.claimSending(delivery);
    expect(claim).toMatchObject({ claimed: true, record: { status: 'sending', attempts: 1 } });
    expect(await stalled.stillClaimed(key, 1)).toBe(true);

    // The retry and a third attempt both saw attempts = 1 and both found nothing: one claims the resend.
    const retry = new ContactDeliveryRepository(db.orm.em.fork());
    const third = new ContactDeliveryRepository(db.orm.em.fork());
    const [a, b] = await Promise.all([retry.countResend(key, 1), third.countResend(key, 1)]);
    expect([a, b].filter((x) => x === 2)).toHaveLength(1);
    expect([a, b].filter((x) => x === null)).toHaveLength(1);

    // The stalled attempt wakes before its send leaves: its claim is no longer the delivery's latest.
    expect(await stalled.stillClaimed(key, 1)).toBe(false);
    expect(await retry.stillClaimed(key, 2)).toBe(true);
    // Once the send is recorded, nobody holds a claim to send it again.
    await retry.markSent(key, { provider: 'twilio', externalId: `SM${randomUUID().replaceAll('-', '')}`, at: new Date().toISOString() });
    expect(await retry.stillClaimed(key, 2)).toBe(false);
    expect(await retry.countResend(key, 2)).toBeNull();
  });
});
