import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArrangementTerms } from '../../domain/arrangements.js';
import type { IsoDate } from '../../domain/calendar.js';
import { arrangementFaults, checkArrangement, checkerReasons, type OwedNow } from './check-arrangement.js';
import type { RecoveryPolicyDocument } from './policy-document.js';

const policy = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;
const today = '2026-12-04' as IsoDate;
const owed: OwedNow = { totalMinor: 1_200_000, currency: 'INR', aprBps: 1499 };
const plan = (...lines: [string, number][]): ArrangementTerms => ({ kind: 'plan', instalments: lines.map(([dueOn, amountMinor]) => ({ dueOn: dueOn, amountMinor })) });
const settlement = (...lines: [string, number][]): ArrangementTerms => ({ kind: 'settlement', instalments: lines.map(([dueOn, amountMinor]) => ({ dueOn: dueOn, amountMinor })) });

describe('the default policy\'s bounds', () => {
  it('sets bounds for every kind, and has a second person approve every settlement', () => {
    expect(policy.settings.arrangements).toMatchObject({ plan: { maxInstalments: 6, maxMonths: 6, minInstalmentBps: 1000 }, settlement: { minShareBps: 7000 }, alwaysApprove: ['settlement'] });
  });
});

describe('arrangementFaults: terms that make no sense for the loan are refused', () => {
  it('a plan must pay exactly what is owed, in date order, from today', () => {
    expect(arrangementFaults(plan(['2026-12-20', 600_000], ['2027-01-20', 600_000]), owed, today)).toEqual([]);
    expect(arrangementFaults(plan(['2026-12-20', 600_000], ['2027-01-20', 500_000]), owed, today)).toEqual([
      { field: 'instalments', message: 'a plan pays everything owed: its instalments add up to 1100000, and 1200000 INR is owed (for less, propose a settlement)' },
    ]);
    expect(arrangementFaults(plan(['2026-12-03', 600_000], ['2027-01-20', 600_000]), owed, today)).toEqual([{ field: 'instalments[0].dueOn', message: '2026-12-03 is before today (2026-12-04)' }]);
    expect(arrangementFaults(plan(['2027-01-20', 600_000], ['2027-01-20', 600_000]), owed, today).map((f) => f.field)).toEqual(['instalments[1].dueOn']);
    expect(arrangementFaults(plan(['2026-12-20', 0], ['2027-01-20', 1_200_000]), owed, today).map((f) => f.field)).toEqual(['instalments[0].amountMinor']);
  });

  it('a settlement must pay less than is owed; a restructure may not raise the rate', () => {
    expect(arrangementFaults(settlement(['2026-12-20', 1_200_000]), owed, today).map((f) => f.field)).toEqual(['instalments']);
    expect(arrangementFaults(settlement(['2026-12-20', 900_000]), owed, today)).toEqual([]);
    expect(arrangementFaults({ kind: 'restructure', extraMonths: 6, holidayMonths: 0, aprBps: 1600 }, owed, today)).toEqual([{ field: 'aprBps', message: "a restructure lowers the rate or keeps it: 1600 is above the loan's 1499" }]);
  });
});

describe('checkArrangement: sound terms against the bounds', () => {
  it('a plan within the bounds needs nobody else', () => {
    const terms = plan(['2026-12-20', 400_000], ['2027-01-20', 400_000], ['2027-02-20', 400_000]);
    const check = checkArrangement(terms, owed, policy, today);
    expect(check).toEqual({ within: true, violations: [] });
    expect(checkerReasons(terms, check, policy)).toEqual([]);
  });

  it('names every bound a plan breaks, by its pointer into the policy', () => {
    const lines: [string, number][] = [['2026-12-10', 100_000], ...Array.from({ length: 6 }, (_v, i): [string, number] => [`2027-0${i + 1}-10`, 150_000]), ['2027-07-10', 200_000]];
    const check = checkArrangement(plan(...lines), owed, policy, today);
    expect(check.within).toBe(false);
    expect(check.violations).toEqual([
      { bound: '/settings/arrangements/plan/maxInstalments', message: '8 instalments, over the 6 allowed' },
      { bound: '/settings/arrangements/plan/maxMonths', message: 'the last instalment on 2027-07-10, after 2027-06-04 (6 months from 2026-12-04)' },
      { bound: '/settings/arrangements/plan/minInstalmentBps', message: 'an instalment of 100000, below 120000 INR (1000 bps of 1200000 owed)' },
    ]);
    expect(checkerReasons(plan(...lines), check, policy)).toHaveLength(3);
  });

  it('the last day of the horizon is within it', () => {
    expect(checkArrangement(plan(['2027-06-04', 1_200_000]), owed, policy, today).within).toBe(true);
    expect(checkArrangement(plan(['2027-06-05', 1_200_000]), owed, policy, today).within).toBe(false);
  });

  it('a restructure: extra months, holiday, the floor and the cut', () => {
    expect(checkArrangement({ kind: 'restructure', extraMonths: 12, holidayMonths: 2, aprBps: 1199 }, owed, policy, today)).toEqual({ within: true, violations: [] });
    const out = checkArrangement({ kind: 'restructure', extraMonths: 13, holidayMonths: 3, aprBps: 800 }, owed, policy, today);
    expect(out.violations.map((v) => v.bound.split('/').at(-1))).toEqual(['maxExtraMonths', 'maxHolidayMonths', 'minAprBps', 'maxRateCutBps']);
    expect(checkArrangement({ kind: 'restructure', extraMonths: 6, holidayMonths: 0, aprBps: 1000 }, { ...owed, aprBps: null }, policy, today).violations).toEqual([
      { bound: '/settings/arrangements/restructure/maxRateCutBps', message: 'the loan has no APR to cut from' },
    ]);
  });

  it('a settlement within the bounds still needs a second person; below the share it says so too', () => {
    const fair = settlement(['2026-12-20', 840_000]);
    const check = checkArrangement(fair, owed, policy, today);
    expect(check.within).toBe(true);
    expect(checkerReasons(fair, check, policy)).toEqual(['a settlement writes money off: a second person approves every one']);
    const low = settlement(['2026-12-20', 839_999]);
    const lowCheck = checkArrangement(low, owed, policy, today);
    expect(lowCheck.violations).toEqual([{ bound: '/settings/arrangements/settlement/minShareBps', message: '839999 in all, below 840000 INR (7000 bps of 1200000 owed)' }]);
    expect(checkerReasons(low, lowCheck, policy)).toHaveLength(2);
  });

  it('a kind the policy always sends to a checker, and a policy without bounds', () => {
    const strict: RecoveryPolicyDocument = { ...policy, settings: { ...policy.settings, arrangements: { ...policy.settings.arrangements!, alwaysApprove: ['restructure'] } } };
    const terms: ArrangementTerms = { kind: 'restructure', extraMonths: 3, holidayMonths: 0 };
    expect(checkerReasons(terms, checkArrangement(terms, owed, strict, today), strict)).toEqual(['the policy has a second person approve every restructure (/settings/arrangements/alwaysApprove)']);
    const { arrangements: _none, ...settings } = policy.settings;
    const unbounded: RecoveryPolicyDocument = { ...policy, settings };
    const check = checkArrangement(terms, owed, unbounded, today);
    expect(check).toEqual({ within: false, violations: [{ bound: '/settings/arrangements', message: 'the policy sets no bounds on arrangements' }] });
  });
});
