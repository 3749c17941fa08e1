import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BorrowerStanding } from '../compliance/rules.js';
import { dryRun, type DryRunAccount } from './dry-run.js';
import type { AccountFacts, RecoveryPolicyDocument } from './policy-document.js';

const active = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;

const standing = (country: string, over: Partial<BorrowerStanding> = {}): BorrowerStanding => ({
  country,
  timeZone: null,
  optedOutOfAll: false,
  optedOutChannels: [],
  wrongNumberChannels: [],
  bankruptcy: false,
  deceased: false,
  disputeOpen: false,
  automatedConsent: false,
  timeBarred: false,
  ...over,
});

function account(loanId: string, facts: Partial<AccountFacts>, country: string, over: Partial<BorrowerStanding> = {}): DryRunAccount {
  return {
    loanId,
    facts: {
      event: 'entered',
      bucket: '1-15',
      dpd: 5,
      segment: null,
      propensityBand: null,
      balanceMinor: 1_000_000,
      currency: 'INR',
      product: 'personal',
      region: country,
      contactHistory: { contacts: 0, replies: 0, promisesBroken: 0, promisesKept: 0, daysSinceLastContact: null },
      ...facts,
    },
    standing: standing(country, over),
    history: [],
  };
}

/** The active policy with US borrowers emailed first. */
const draft: RecoveryPolicyDocument = {
  ...active,
  rules: [{ id: 'us-email', when: { regions: ['US'] }, path: [{ send: { channel: 'email', template: 'reminder' } }, { wait: { days: 3 } }] }, ...active.rules],
};

// 20:00 UTC: 15:00 in New York and 10:00 in Honolulu (inside US hours everywhere), 01:30 in India.
const AT = Date.UTC(2026, 11, 3, 20, 0);

describe('dryRun', () => {
  const accounts = [
    account('b-us', { currency: 'USD', segment: 'reminder' }, 'US'),
    account('a-in', { segment: 'self_cure' }, 'IN'),
    account('c-us-consented', { currency: 'USD' }, 'US', { automatedConsent: true }),
    account('d-in-optout', { dpd: 70, bucket: '61-90' }, 'IN', { optedOutChannels: ['sms'] }),
  ];
  const report = dryRun({ version: 7, document: draft }, { version: 1, document: active }, accounts, AT, 1);

  it('counts each version\'s choices by rule, first step, first channel and segment', () => {
    expect(report.accounts).toBe(4);
    expect(report.active).toMatchObject({
      version: 1,
      byRule: { reminder: 2, 'self-cure': 1, 'late-arrears-specialists': 1 },
      byFirstStep: { send: 4 },
      byFirstChannel: { sms: 4 },
      bySegment: { reminder: { reminder: 1 }, self_cure: { 'self-cure': 1 }, unsegmented: { reminder: 1, 'late-arrears-specialists': 1 } },
      unmatched: 0,
    });
    expect(report.draft).toMatchObject({ version: 7, byRule: { 'us-email': 2, 'self-cure': 1, 'late-arrears-specialists': 1 }, byFirstChannel: { email: 2, sms: 2 } });
  });

  it('asks the gate about each first contact at the dry-run instant, with what is known of the borrower', () => {
    // active: a US text needs consent (one has it); Indian texts at 01:30 wait for 08:00; an opt-out is never lifted
    expect(report.active!.gate).toEqual({
      allowed: 1,
      blockedByGateRule: { 'us.tcpa.automated-consent': 1, 'in.rbi.recovery-hours': 1, 'common.opt-out': 1 },
      blockedByPolicyRule: { reminder: { 'us.tcpa.automated-consent': 1 }, 'self-cure': { 'in.rbi.recovery-hours': 1 }, 'late-arrears-specialists': { 'common.opt-out': 1 } },
      reschedulable: 1,
      abandoned: 2,
    });
    // draft: emails need no consent and it is daytime across the US
    expect(report.draft.gate).toMatchObject({ allowed: 2, blockedByGateRule: { 'in.rbi.recovery-hours': 1, 'common.opt-out': 1 } });
  });

  it('lists the loans whose path changes, by loan id, up to the limit, and counts them all', () => {
    expect(report.changedTotal).toBe(2);
    expect(report.changed).toEqual([
      { loanId: 'b-us', bucket: '1-15', dpd: 5, segment: 'reminder', active: { ruleId: 'reminder', firstStep: 'send', firstChannel: 'sms' }, draft: { ruleId: 'us-email', firstStep: 'send', firstChannel: 'email' } },
    ]);
  });

  it('compares with nothing when no version is active, and counts accounts a bad document leaves without a path', () => {
    const lonely = dryRun({ version: 2, document: { ...active, rules: active.rules.slice(0, 1) } }, null, accounts, AT, 10);
    expect(lonely.active).toBeNull();
    expect(lonely.draft.unmatched).toBe(4);
    expect(lonely.changedTotal).toBe(4);
    expect(lonely.changed[0]).toMatchObject({ active: null, draft: { ruleId: null } });
  });
});
