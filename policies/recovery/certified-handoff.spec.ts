import { describe, expect, it } from '@jest/globals';
import { CERTIFIED_SKILL, handoffSkills, needsCertified } from './certified-handoff.js';

const setting = { propensityBands: ['low' as const], minBalanceMinor: { INR: 20_000_000, USD: 1_000_000 } };
const account = { propensityBand: 'medium' as const, balanceMinor: 5_000_000, currency: 'INR' };

describe('certified hand-offs', () => {
  it('needs a certified assignee for a listed propensity band, or a balance at or above its currency\'s amount', () => {
    expect(needsCertified(setting, account)).toBe(false);
    expect(needsCertified(setting, { ...account, propensityBand: 'low' })).toBe(true);
    expect(needsCertified(setting, { ...account, balanceMinor: 20_000_000 })).toBe(true);
    expect(needsCertified(setting, { ...account, balanceMinor: 19_999_999 })).toBe(false);
    // A currency the policy sets no amount for is not high-balance, however large.
    expect(needsCertified(setting, { ...account, currency: 'EUR', balanceMinor: 1e12 })).toBe(false);
    expect(needsCertified(undefined, { ...account, propensityBand: 'low' })).toBe(false);
  });

  it('adds the certified skill once, to the step\'s own', () => {
    expect(handoffSkills(['negotiation'], setting, { ...account, propensityBand: 'low' })).toEqual(['negotiation', CERTIFIED_SKILL]);
    expect(handoffSkills(['negotiation', CERTIFIED_SKILL], setting, { ...account, propensityBand: 'low' })).toEqual(['negotiation', CERTIFIED_SKILL]);
    expect(handoffSkills(['negotiation'], setting, account)).toEqual(['negotiation']);
  });
});
