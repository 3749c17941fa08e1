import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv();
});
afterAll(async () => {
  await t?.teardown();
});

describe('loan lifecycle on the time-skipping server', () => {
  it('a 12-month loan repaid by autopay on every due date ends paid_off', async () => {
    const loanId = await t.startLoan(testApplication('approved', { loan: { termMonths: 12 } }));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.decision?.outcome).toBe('approved');
    expect(decided.status).toBe('offered');
    const active = await t.loans.acceptOffer(loanId);
    expect(active.status).toBe('active');
    expect(active.schedule).toHaveLength(12);
    const outcome = await t.loans.handle(loanId).result();
    expect(outcome).toEqual({ loanId, status: 'paid_off', closedReason: 'paid_in_full' });
  });
});
