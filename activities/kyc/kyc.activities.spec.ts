import { describe, expect, it } from '@jest/globals';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { createKycActivities } from './kyc.activities.js';

describe('verifyIdentity', () => {
  it('screens against the shipped sandbox list by default', async () => {
    const kyc = createKycActivities();
    await expect(kyc.verifyIdentity({ loanId: 'ln_1', application: testApplication('approved'), asOf: '2026-11-21' })).resolves.toMatchObject({ outcome: 'pass' });
    const namesake = await kyc.verifyIdentity({ loanId: 'ln_2', application: testApplication('sanctionsNameMatch'), asOf: '2026-11-21' });
    expect(namesake.outcome).toBe('review');
    expect(namesake.checks.find((c) => !c.passed)?.detail).toMatch(/SBX-0001/);
  });

  it('uses the list it is given', async () => {
    const app = testApplication('approved');
    const kyc = createKycActivities({ sanctions: [{ id: 'X', name: 'Priya Sharma', aliases: [], dateOfBirth: '1988-04-12' }] });
    await expect(kyc.verifyIdentity({ loanId: 'ln_3', application: app, asOf: '2026-11-21' })).resolves.toMatchObject({ outcome: 'fail' });
  });
});
