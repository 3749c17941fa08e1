// The day the Reg F validation period starts from, against the real PostgreSQL: the first message
// that carried the validation information (us.reg-f.1006.34), not a collector's call before it
// (which gives none), and none at all until such a message has gone out.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { BorrowerNoticeRepository } from './borrower-notice.repository.js';
import { ContactDeliveryRepository, type NewDelivery } from './contact-delivery.repository.js';
import { LoanProjectionRepository } from './loan-projection.repository.js';

const db = useTestOrm(2);

/** An imported US loan, past due: a debt the notice is about. */
async function importedLoan(): Promise<string> {
  const loanId = randomUUID();
  const now = new Date().toISOString();
  await new LoanProjectionRepository(db.orm.em.fork()).apply({
    snapshot: {
      loanId, status: 'delinquent', bucket: '1-30', product: 'personal', currency: 'USD', requestedPrincipal: 100_000, principal: 100_000,
      decision: null, offer: null, schedule: [{ seq: 1, dueDate: '2026-10-20', principal: 100_000, interest: 1_500, fees: 0, amountDue: 101_500, amountPaid: 0, status: 'past_due' }],
      outstandingPrincipal: 100_000, outstandingTotal: 101_500, daysPastDue: 12, review: null, creditLimit: null, closedReason: null, version: 1, createdAt: now, updatedAt: now,
    },
    events: [{ seq: 1, type: 'loan.imported', data: { disbursedOn: '2026-09-20' }, occurredAt: now }],
    payments: [],
    lastEventSeq: 1,
  });
  return loanId;
}

/** A text the gate let through, sent at `at` with these disclosures. */
async function sentText(loanId: string, at: string, disclosures: string[]): Promise<void> {
  const key = `recovery-${loanId}-1-${randomUUID().slice(0, 8)}`;
  const delivery: NewDelivery = {
    deliveryKey: key, requestKey: key, loanId, workflowId: `recovery-${loanId}-1`, kind: 'send', channel: 'sms', template: 'reminder', templateVersion: 1, language: 'en', tone: null,
    policyVersion: 1, ruleId: 'reminder', stepIndex: 0, decision: 'allowed', jurisdiction: 'US', blockRule: null, blockCitation: null, blockReason: null, retryAt: null,
    disclosures, optionsAllowed: ['sms'], optionChosen: 'sms', facts: {}, subjectSealed: null, bodySealed: null, contactAt: at,
  };
  const deliveries = new ContactDeliveryRepository(db.orm.em.fork());
  expect((await deliveries.claimSending(delivery)).claimed).toBe(true);
  await deliveries.markSent(key, { provider: 'twilio', externalId: `SM${randomUUID().replaceAll('-', '')}`, at });
}

const firstCommunicationOn = async (loanId: string) => (await new BorrowerNoticeRepository(db.orm.em.fork()).find(loanId))!.firstCommunicationOn;

describe('the start of the validation period', () => {
  it('is the day of the first message carrying the validation information, not a collector call before it', async () => {
    const loanId = await importedLoan();
    const callAt = '2026-11-02T10:00:00.000Z';
    await new ContactDeliveryRepository(db.orm.em.fork()).recordCollectorCall({ requestKey: randomUUID(), caseId: `case-recovery-${loanId}-1`, loanId, workflowId: `recovery-${loanId}-1`, by: 'col-asha', outcome: 'reached', conversation: true, at: callAt });
    // Only the call so far: no validation information has gone out.
    expect(await firstCommunicationOn(loanId)).toBeNull();

    const firstTextAt = '2026-11-05T09:30:00.000Z';
    await sentText(loanId, firstTextAt, ['us.reg-f.1006.18(e)', 'us.reg-f.1006.6(e)', 'us.reg-f.1006.34']);
    // A later text carries it no more (the gate gives it until a text or email has: untilGiven).
    await sentText(loanId, '2026-11-09T09:30:00.000Z', ['us.reg-f.1006.18(e)', 'us.reg-f.1006.6(e)']);
    expect(await firstCommunicationOn(loanId)).toBe(firstTextAt.slice(0, 10));
    expect(firstTextAt.slice(0, 10)).not.toBe(callAt.slice(0, 10));
  });

  it('has not started while the messages sent carried no validation information', async () => {
    const loanId = await importedLoan();
    await sentText(loanId, '2026-11-05T09:30:00.000Z', ['in.rbi.identity']);
    expect(await firstCommunicationOn(loanId)).toBeNull();
  });
});
