import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArrangementTerms } from '../../domain/arrangements.js';
import type { IsoDate } from '../../domain/calendar.js';
import { checkArrangement, checkerReasons, type ArrangementHistory, type OwedNow } from './check-arrangement.js';
import type { RecoveryPolicyDocument } from './policy-document.js';

const policy = JSON.parse(readFileSync(join(import.meta.dirname, 'default.policy.json'), 'utf8')) as RecoveryPolicyDocument;
const today = '2026-12-04' as IsoDate;
const owed: OwedNow = { totalMinor: 1_200_000, currency: 'INR', aprBps: 1499 };
const plan = (...lines: [string, number][]): ArrangementTerms => ({ kind: 'plan', instalments: lines.map(([dueOn, amountMinor]) => ({ dueOn: dueOn, amountMinor })) });
/** No arrangement before; a plan or settlement leaves the schedule's last date as the terms say (not bounded by it). */
const fresh: ArrangementHistory = { last: null, currentLastDueOn: '2027-06-20', lastDueOn: '2027-06-20' };
const settlement = (...lines: [string, number][]): ArrangementTerms => ({ kind: 'settlement', instalments: lines.map(([dueOn, amountMinor]) => ({ dueOn: dueOn, amountMinor })) });

describe('the default policy\'s bounds', () => {
  it('sets bounds for every kind, and has a second person approve every settlement', () => {
    expect(policy.settings.arrangements).toMatchObject({ plan: { maxInstalments: 6, maxMonths: 6, minInstalmentBps: 1000 }, settlement: { minShareBps: 7000 }, alwaysApprove: ['settlement'] });
  });
});

describe('checkArrangement: sound terms against the bounds', () => {
  it('a plan within the bounds needs nobody else', () => {
    const terms = plan(['2026-12-20', 400_000], ['2027-01-20', 400_000], ['2027-02-20', 400_000]);
    const check = checkArrangement(terms, owed, policy, today, fresh);
    expect(check).toEqual({ within: true, violations: [] });
    expect(checkerReasons(terms, check, policy, fresh, today)).toEqual([]);
  });

  it('names every bound a plan breaks, by its pointer into the policy', () => {
    const lines: [string, number][] = [['2026-12-10', 100_000], ...Array.from({ length: 6 }, (_v, i): [string, number] => [`2027-0${i + 1}-10`, 150_000]), ['2027-07-10', 200_000]];
    const check = checkArrangement(plan(...lines), owed, policy, today, fresh);
    expect(check.within).toBe(false);
    expect(check.violations).toEqual([
      { bound: '/settings/arrangements/plan/maxInstalments', message: '8 instalments, over the 6 allowed' },
      { bound: '/settings/arrangements/plan/maxMonths', message: 'the last instalment on 2027-07-10, after 2027-06-04 (6 months from 2026-12-04)' },
      { bound: '/settings/arrangements/plan/minInstalmentBps', message: 'an instalment of 100000, below 120000 INR (1000 bps of 1200000 owed)' },
    ]);
    expect(checkerReasons(plan(...lines), check, policy, fresh, today)).toHaveLength(3);
  });

  it('the last day of the horizon is within it', () => {
    expect(checkArrangement(plan(['2027-06-04', 1_200_000]), owed, policy, today, fresh).within).toBe(true);
    expect(checkArrangement(plan(['2027-06-05', 1_200_000]), owed, policy, today, fresh).within).toBe(false);
  });

  it('a restructure: how far it moves the last due date, the holiday, the floor and the cut', () => {
    // 12 months beyond the schedule's last due date is the most (maxExtraMonths 12).
    const moved = (lastDueOn: string): ArrangementHistory => ({ ...fresh, lastDueOn });
    expect(checkArrangement({ kind: 'restructure', extraMonths: 10, holidayMonths: 2, aprBps: 1199 }, owed, policy, today, moved('2028-06-20'))).toEqual({ within: true, violations: [] });
    const out = checkArrangement({ kind: 'restructure', extraMonths: 13, holidayMonths: 3, aprBps: 800 }, owed, policy, today, moved('2028-10-20'));
    expect(out.violations.map((v) => v.bound.split('/').at(-1))).toEqual(['maxExtraMonths', 'maxHolidayMonths', 'minAprBps', 'maxRateCutBps']);
    expect(checkArrangement({ kind: 'restructure', extraMonths: 6, holidayMonths: 0, aprBps: 1000 }, { ...owed, aprBps: null }, policy, today, moved('2027-12-20')).violations).toEqual([
      { bound: '/settings/arrangements/restructure/maxRateCutBps', message: 'the loan has no APR to cut from' },
    ]);
  });

  it('a restructure counts against the schedule\'s last due date: arrears re-amortised and a holiday lengthen it as much as extra months', () => {
    // Only 6 extra months, but three instalments in arrears and a two-month holiday: the last due date moves 11 months ... within 12.
    const terms: ArrangementTerms = { kind: 'restructure', extraMonths: 6, holidayMonths: 2 };
    expect(checkArrangement(terms, owed, policy, today, { ...fresh, lastDueOn: '2028-05-20' }).within).toBe(true);
    // ... or 13 (five in arrears): outside, though extraMonths alone (6) is well within.
    expect(checkArrangement(terms, owed, policy, today, { ...fresh, lastDueOn: '2028-07-20' }).violations).toEqual([
      { bound: '/settings/arrangements/restructure/maxExtraMonths', message: "the last instalment moves from 2027-06-20 to 2028-07-20, after 2028-06-20 (12 months beyond the schedule's last due date)" },
    ]);
  });

  it('a settlement within the bounds still needs a second person; below the share it says so too', () => {
    const fair = settlement(['2026-12-20', 840_000]);
    const check = checkArrangement(fair, owed, policy, today, fresh);
    expect(check.within).toBe(true);
    expect(checkerReasons(fair, check, policy, fresh, today)).toEqual(['a settlement writes money off: a second person approves every one']);
    const low = settlement(['2026-12-20', 839_999]);
    const lowCheck = checkArrangement(low, owed, policy, today, fresh);
    expect(lowCheck.violations).toEqual([{ bound: '/settings/arrangements/settlement/minShareBps', message: '839999 in all, below 840000 INR (7000 bps of 1200000 owed)' }]);
    expect(checkerReasons(low, lowCheck, policy, fresh, today)).toHaveLength(2);
  });

  it('a kind the policy always sends to a checker, and a policy without bounds', () => {
    const strict: RecoveryPolicyDocument = { ...policy, settings: { ...policy.settings, arrangements: { ...policy.settings.arrangements!, alwaysApprove: ['restructure'] } } };
    const terms: ArrangementTerms = { kind: 'restructure', extraMonths: 3, holidayMonths: 0 };
    expect(checkerReasons(terms, checkArrangement(terms, owed, strict, today, fresh), strict, fresh, today)).toEqual(['the policy has a second person approve every restructure (/settings/arrangements/alwaysApprove)']);
    const { arrangements: _none, ...settings } = policy.settings;
    const unbounded: RecoveryPolicyDocument = { ...policy, settings };
    const check = checkArrangement(terms, owed, unbounded, today, fresh);
    expect(check).toEqual({ within: false, violations: [{ bound: '/settings/arrangements', message: 'the policy sets no bounds on arrangements' }] });
  });
});

describe('re-ageing: another arrangement within a year needs a second person', () => {
  const terms = plan(['2026-12-20', 400_000], ['2027-01-20', 400_000], ['2027-02-20', 400_000]);
  const after = (last: ArrangementHistory['last']) => checkerReasons(terms, checkArrangement(terms, owed, policy, today, fresh), policy, { ...fresh, last }, today);

  it('one applied within the last 12 months, whatever became of it', () => {
    for (const status of ['active', 'broken', 'completed']) {
      expect(after({ kind: 'restructure', status, appliedOn: '2025-12-05' })).toEqual([
        `the loan had a restructure applied on 2025-12-05 (now ${status}), within 12 months: a second person approves another (it makes the loan current again)`,
      ]);
    }
  });

  it('not one applied 12 months ago or more, nor a loan that never had one', () => {
    expect(after({ kind: 'plan', status: 'broken', appliedOn: '2025-12-04' })).toEqual([]);
    expect(after(null)).toEqual([]);
  });
});
