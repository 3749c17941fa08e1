import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { generatedApplication } from '../../apps/sandboxes/generated-applicants.js';
import { application } from '../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { loanEvents, loanRow } from '../../apps/testkit/read-model.js';
import { REVIEW_TIMEOUT_REASON } from './review.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

/** A fresh borrower's loan with an open offer (generated applicants: no identity's velocity grows across tests). */
async function offeredLoan(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const loanId = await t.startLoan(generatedApplication(randomUUID(), { device: { id: `test-device-${randomUUID()}` } }));
    if ((await t.loans.awaitDecision(loanId)).status === 'offered') return loanId;
  }
  throw new Error('no generated applicant was offered a loan in 20 tries');
}

describe('origination', () => {
  it('declines a poor file with its specific adverse-action reasons, at most four', async () => {
    const loanId = await t.startLoan(application('declined'));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.status).toBe('declined');
    expect(decided.decision?.outcome).toBe('declined');
    expect(decided.decision?.reasons.length).toBeGreaterThan(0);
    expect(decided.decision?.reasons.length).toBeLessThanOrEqual(4);
    expect(decided.offer).toBeNull();
    expect((await t.loans.handle(loanId).result()).closedReason).toBe('credit_decision');
    // The decision is readable from Postgres as soon as the update answers.
    const row = await loanRow(t.orm, loanId);
    expect(row?.status).toBe('declined');
    expect((row?.decision as { reasons: unknown[] }).reasons).toEqual(decided.decision?.reasons);
  });

  it('approves a new-to-credit applicant on bank / UPI transactions alone', async () => {
    const loanId = await t.startLoan(application('newToCredit'));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.decision).toMatchObject({ outcome: 'approved', thinFile: true });
    expect(decided.offer?.principal).toBeGreaterThan(0);
    const types = (await loanEvents(t.orm, loanId)).map((e) => e.type);
    expect(types).toContain('bank_data.received');
    await t.loans.withdraw(loanId);
  });

  it('declines an applicant whose identity does not match the bureau file, without saying fraud', async () => {
    const loanId = await t.startLoan(application('identityMismatch'));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.decision?.outcome).toBe('declined');
    expect(decided.decision?.reasons.map((r) => r.code)).toEqual(['IDENTITY_UNVERIFIED']);
    const fraud = (await loanEvents(t.orm, loanId)).find((e) => e.type === 'fraud.screened');
    expect(fraud?.data.level).toBe('decline');
  });

  it("refuses someone presenting another person's phone, device and bank account (rules plus the anomaly model)", async () => {
    const shared = application('approved');
    // Someone else applies with the first applicant's phone, device and bank account.
    const imposter = application('newToCredit', { applicant: { phone: shared.applicant.phone }, bankAccount: shared.bankAccount!, device: shared.device! });
    const first = await t.startLoan(shared);
    await t.loans.awaitDecision(first);
    const second = await t.startLoan(imposter);
    const decided = await t.loans.awaitDecision(second);
    const fraud = (await loanEvents(t.orm, second)).find((e) => e.type === 'fraud.screened');
    expect(fraud?.data.rules).toEqual(expect.arrayContaining(['shared_phone', 'shared_device', 'shared_bank_account', 'anomaly_model']));
    expect(decided.decision?.outcome).toBe('declined');
    // The applicant is told only that their identity could not be verified, never "fraud".
    expect(decided.decision?.reasons).toEqual([{ code: 'IDENTITY_UNVERIFIED', text: 'Unable to verify identity' }]);
    await t.loans.withdraw(first);
  });

  it('routes a bureau outage to manual review instead of failing', async () => {
    const loanId = await t.startLoan(application('bureauOutage'));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.status).toBe('manual_review');
    expect(decided.decision?.reviewReasons.join(' ')).toMatch(/bureau/i);
    const types = (await loanEvents(t.orm, loanId)).map((e) => e.type);
    expect(types).toContain('bureau.unavailable');
    await t.loans.withdraw(loanId);
  });

  it('a manual review nobody decides escalates, then declines with a reason, never waiting forever', async () => {
    const loanId = await t.startLoan(application('review'));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.status).toBe('manual_review');
    const outcome = await t.loans.handle(loanId).result();
    expect(outcome).toEqual({ loanId, status: 'declined', closedReason: 'manual_review' });
    const events = await loanEvents(t.orm, loanId);
    const review = events.filter((e) => e.type.startsWith('review.'));
    expect(review.map((e) => [e.type, e.data.queue ?? null])).toEqual([
      ['review.queued', 'underwriting'],
      ['review.escalated', 'senior_underwriting'],
      ['review.timed_out', null],
    ]);
    const row = await loanRow(t.orm, loanId);
    expect((row?.decision as { reasons: unknown[]; decidedBy: string }).reasons).toEqual([REVIEW_TIMEOUT_REASON]);
  });

  it('a reviewer approves a referred application at lower terms, and the offer follows them', async () => {
    const loanId = await t.startLoan(application('review'));
    await t.loans.awaitDecision(loanId);
    const reviewed = await t.loans.review(loanId, { reviewer: 'u-risk-7', outcome: 'approve', principal: 2_000_000, termMonths: 12 });
    expect(reviewed.status).toBe('offered');
    expect(reviewed.offer).toMatchObject({ principal: 2_000_000, termMonths: 12 });
    expect(reviewed.decision).toMatchObject({ outcome: 'approved', decidedBy: 'reviewer:u-risk-7' });
    await expect(t.loans.review(loanId, { reviewer: 'u-risk-7', outcome: 'approve' })).rejects.toMatchObject({ cause: { message: expect.stringMatching(/not awaiting review/) } });
    const declined = await t.loans.declineOffer(loanId);
    expect(declined).toMatchObject({ status: 'withdrawn', closedReason: 'offer_declined' });
  });

  it('an acceptance and a withdrawal sent together: one wins, the other is refused, neither is left waiting', async () => {
    for (const order of ['accept first', 'withdraw first'] as const) {
      const loanId = await offeredLoan();
      const accept = () => t.loans.acceptOffer(loanId);
      const withdraw = () => t.loans.withdraw(loanId);
      const [first, second] = await Promise.allSettled(order === 'accept first' ? [accept(), withdraw()] : [withdraw(), accept()]);
      const [accepted, withdrawn] = order === 'accept first' ? [first, second] : [second, first];
      const settled = [accepted, withdrawn].filter((r) => r.status === 'fulfilled');
      expect(settled).toHaveLength(1);
      const outcome = await t.loans.handle(loanId).describe();
      if (accepted.status === 'fulfilled') {
        expect(accepted.value.status).toBe('active');
        expect(outcome.status.name).toBe('RUNNING');
      } else {
        expect(withdrawn).toMatchObject({ status: 'fulfilled', value: { status: 'withdrawn' } });
      }
    }
  });

  it('an offer nobody answers expires', async () => {
    const loanId = await t.startLoan(application('reducedOffer'));
    await t.loans.awaitDecision(loanId);
    const outcome = await t.loans.handle(loanId).result();
    expect(outcome).toEqual({ loanId, status: 'expired', closedReason: 'offer_expired' });
  });
});
