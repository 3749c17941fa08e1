import { describe, it, expect } from '@jest/globals';
import { addDays, daysBetween } from './calendar.js';
import { bucketFor, daysPastDue, DEFAULT_BUCKETS, validateBuckets, type BucketDefinition } from './delinquency.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import { applyPayment, assessLateFee, openAccount, type LoanAccount } from './servicing.js';
import { seededRandom } from './testing/seeded-random.js';

// 1,000.00 at 12% over 12 months, disbursed 2025-01-15: 8885 due on the 15th of each month.
const DISBURSED = '2025-01-15';
const schedule = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: firstDueDateFor(DISBURSED) });
const loan = (): LoanAccount => openAccount({ currency: 'INR', aprBps: 1200, disbursedOn: DISBURSED, schedule });

describe('buckets', () => {
  it('default to current, 1-15, 16-30, 31-60, 61-90 and 90+', () => {
    expect(DEFAULT_BUCKETS.map((b) => [b.name, b.minDpd])).toEqual([['current', 0], ['1-15', 1], ['16-30', 16], ['31-60', 31], ['61-90', 61], ['90+', 91]]);
    expect(validateBuckets(DEFAULT_BUCKETS)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_BUCKETS) && Object.isFrozen(DEFAULT_BUCKETS[0])).toBe(true);
  });

  it('place a DPD in the bucket with the greatest lower bound at or below it', () => {
    const names = (dpds: number[]): string[] => dpds.map((d) => bucketFor(d).name);
    expect(names([0, 1, 15, 16, 30, 31, 60, 61, 90, 91, 5000])).toEqual(['current', '1-15', '1-15', '16-30', '16-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
    const custom: BucketDefinition[] = [{ name: 'ok', minDpd: 0 }, { name: 'late', minDpd: 8 }];
    expect([7, 8, 9].map((d) => bucketFor(d, custom).name)).toEqual(['ok', 'late', 'late']);
  });

  it('refuse negative or fractional DPD and invalid bucket lists', () => {
    expect(() => bucketFor(-1)).toThrow('Days past due must be a whole number, 0 or more, got -1');
    expect(() => bucketFor(1.5)).toThrow(RangeError);
    expect(() => bucketFor(3, [])).toThrow(/Invalid buckets: There are no buckets/);
  });

  it('explain every problem with a bucket list', () => {
    expect(validateBuckets([])).toEqual(['There are no buckets: at least a bucket starting at 0 days past due is needed']);
    expect(validateBuckets([{ name: 'a', minDpd: 1 }])).toEqual(['Bucket 1 ("a"): the first bucket must start at 0 days past due']);
    expect(validateBuckets([{ name: 'a', minDpd: 0 }, { name: 'b', minDpd: 30 }, { name: 'c', minDpd: 30 }, { name: 'a', minDpd: 10 }])).toEqual([
      'Bucket 3 ("c"): minDpd 30 must be greater than the previous bucket\'s 30',
      'Bucket 4 ("a"): the name is used more than once',
      'Bucket 4 ("a"): minDpd 10 must be greater than the previous bucket\'s 30',
    ]);
    expect(validateBuckets([{ name: ' ', minDpd: 0 }, { name: 'x', minDpd: 2.5 }])).toEqual([
      'Bucket 1 has no name',
      'Bucket 2 ("x"): minDpd must be a whole number of days, 0 or more, got 2.5',
    ]);
  });
});

describe('daysPastDue', () => {
  it('walks 200 days with no payment through every default bucket', () => {
    const account = loan();
    const transitions: [string, number, string][] = [];
    let previous = '';
    for (let day = 0; day <= 200; day++) {
      const asOf = addDays(DISBURSED, day);
      const dpd = daysPastDue(account, asOf);
      // the first instalment stays the oldest unpaid one, so DPD counts from 2025-02-15
      expect([asOf, dpd]).toEqual([asOf, Math.max(0, daysBetween('2025-02-15', asOf))]);
      const bucket = bucketFor(dpd).name;
      if (bucket !== previous) transitions.push([asOf, dpd, bucket]);
      previous = bucket;
    }
    expect(transitions).toEqual([
      ['2025-01-15', 0, 'current'],
      ['2025-02-16', 1, '1-15'], // 0 on the due date itself, 1 the day after
      ['2025-03-03', 16, '16-30'],
      ['2025-03-18', 31, '31-60'],
      ['2025-04-17', 61, '61-90'],
      ['2025-05-17', 91, '90+'],
    ]);
  });

  it('counts from the oldest instalment still unpaid', () => {
    let account = applyPayment(loan(), 8885, '2025-02-20').account; // instalment 1, five days late
    expect(daysPastDue(account, '2025-03-20')).toBe(5); // instalment 2 was due 2025-03-15
    account = applyPayment(account, 8885, '2025-03-20').account;
    expect(daysPastDue(account, '2025-03-20')).toBe(0);
    expect(daysPastDue(account, '2025-04-16')).toBe(1);
    // one instalment's worth paid when two are due covers both interests first (1000 + 921), so
    // 6964 is left for principal and instalment 1 keeps 921 of it open: DPD still counts from its due date
    const behind = applyPayment(loan(), 8885, '2025-03-20').account;
    expect(behind.installments[0]).toMatchObject({ paidInterest: 1000, paidPrincipal: 6964 });
    expect(daysPastDue(behind, '2025-03-20')).toBe(33);
  });

  it('ignores unpaid amounts within the tolerance, and counts fees', () => {
    const short = applyPayment(loan(), 8835, '2025-02-15').account; // 50 short
    expect(daysPastDue(short, '2025-02-16')).toBe(1);
    expect(daysPastDue(short, '2025-02-16', 49)).toBe(1);
    expect(daysPastDue(short, '2025-02-16', 50)).toBe(0);
    // a late fee on a fully paid instalment makes it past due again
    const paid = applyPayment(loan(), 8885, '2025-02-15').account;
    const fee = assessLateFee(paid, 1, 500);
    expect(daysPastDue(fee, '2025-02-20')).toBe(5);
    expect(daysPastDue(fee, '2025-02-20', 500)).toBe(0);
    expect(() => daysPastDue(fee, '2025-02-20', -1)).toThrow(/toleranceMinor must be a whole number/);
    expect(() => daysPastDue(fee, '2025-02-31')).toThrow(/asOf must be a real date/);
  });

  it('agrees with a direct count over random payment histories', () => {
    const random = seededRandom(77);
    for (let c = 0; c < 200; c++) {
      let account = loan();
      let day = DISBURSED;
      for (let step = 0; step < 30; step++) {
        day = addDays(day, random.int(0, 20));
        if (random.next() < 0.5) account = applyPayment(account, random.int(1, 12_000), day).account;
        const tolerance = random.pick([0, 0, 100, 5000]);
        // the naive count: the worst DPD of any instalment unpaid beyond the tolerance
        const naive = Math.max(0, ...account.installments
          .filter((i) => i.principal + i.interest + i.fees - i.paidPrincipal - i.paidInterest - i.paidFees > tolerance && i.dueDate < day)
          .map((i) => daysBetween(i.dueDate, day)));
        expect([c, day, tolerance, daysPastDue(account, day, tolerance)]).toEqual([c, day, tolerance, naive]);
      }
    }
  });
});
