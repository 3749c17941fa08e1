import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv({ server: 'dev' });
});
afterAll(async () => {
  await t?.teardown();
});

describe('the same workflow on the real Temporal dev server', () => {
  it('is decided, accepted and disbursed', async () => {
    const loanId = await t.startLoan(testApplication('approved', { loan: { termMonths: 12 } }));
    const decided = await t.loans.awaitDecision(loanId);
    expect(decided.decision?.outcome).toBe('approved');
    const active = await t.loans.acceptOffer(loanId);
    expect(active.status).toBe('active');
  });
});
