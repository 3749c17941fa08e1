import { describe, expect, it } from '@jest/globals';
import type { IsoDate } from './calendar.js';
import { daysPastDue } from './delinquency.js';
import { contactFeatures, DPD_HISTORY_MONTHS, emptyDpdHistory, observeDpd, repaymentBehaviour, repaymentVelocity, type DpdHistory } from './repayment-behaviour.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import { applyPayment, assessLateFee, openAccount, type LoanAccount } from './servicing.js';

// 1,000.00 at 12% over 12 months, disbursed 2025-01-15: due on the 15th of each month.
const DISBURSED = '2025-01-15';
const schedule = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: firstDueDateFor(DISBURSED) });
const due = (seq: number): IsoDate => schedule[seq - 1]!.dueDate;
const loan = (): LoanAccount => openAccount({ currency: 'INR', aprBps: 1200, disbursedOn: DISBURSED, schedule });

/** Pays each listed instalment in full on its due date. */
function paid(seqs: number[], account = loan()): LoanAccount {
  return seqs.reduce((a, seq) => applyPayment(a, schedule[seq - 1]!.total, due(seq)).account, account);
}

/** What servicing records: on each due date after the first up to `upTo`, the DPD that day. */
function observed(account: LoanAccount, upTo: number): DpdHistory {
  let history = emptyDpdHistory();
  for (let seq = 2; seq <= upTo; seq++) history = observeDpd(history, daysPastDue(account, due(seq)), due(seq));
  return history;
}

describe('monthly DPD history', () => {
  it('keeps the last six month-ends, and counts every month and the current ones', () => {
    let history = emptyDpdHistory();
    for (const [i, dpd] of [0, 0, 31, 0, 12, 0, 0, 45].entries()) history = observeDpd(history, dpd, `2025-0${i + 2}-15`);
    expect(history).toEqual({ recent: [31, 0, 12, 0, 0, 45], observed: 8, current: 5, lastOn: '2025-09-15' });
    expect(history.recent).toHaveLength(DPD_HISTORY_MONTHS);
  });

  it('refuses a DPD that is not a whole number of days', () => {
    expect(() => observeDpd(emptyDpdHistory(), -1, '2025-02-15')).toThrow(RangeError);
    expect(() => observeDpd(emptyDpdHistory(), 1.5, '2025-02-15')).toThrow(RangeError);
  });
});

describe('repayment behaviour', () => {
  it('of a borrower who paid every instalment: current, on time, everything paid', () => {
    const account = paid([1, 2, 3, 4, 5, 6]);
    const b = repaymentBehaviour({ account, on: due(6), toleranceMinor: 0, monthsOnBook: 6, history: observed(account, 6) });
    expect(b).toEqual({ monthsOnBook: 6, currentDpd: 0, maxDpd6m: 0, dpdTrend3m: 0, onTimePaymentRatioBps: 10_000, repaymentVelocityBps: 10_000 });
  });

  it('on the first due date, with nothing yet fallen due before it: on time, and no velocity', () => {
    const b = repaymentBehaviour({ account: loan(), on: due(1), toleranceMinor: 0, monthsOnBook: 1, history: emptyDpdHistory() });
    expect(b).toEqual({ monthsOnBook: 1, currentDpd: 0, maxDpd6m: 0, dpdTrend3m: 0, onTimePaymentRatioBps: 10_000, repaymentVelocityBps: null });
  });

  it('counts the month in progress as it stands: a borrower who has just missed their first instalment is not on time', () => {
    const b = repaymentBehaviour({ account: loan(), on: '2025-03-01', toleranceMinor: 0, monthsOnBook: 1, history: emptyDpdHistory() });
    expect(b).toEqual({ monthsOnBook: 1, currentDpd: 14, maxDpd6m: 14, dpdTrend3m: 14, onTimePaymentRatioBps: 0, repaymentVelocityBps: 0 });
  });

  it('of a borrower who stopped after three instalments: DPD, its worst and its rise, the share of months current', () => {
    const account = paid([1, 2, 3]);
    const history = observed(account, 7);
    expect(history.recent).toEqual([0, 0, 0, 31, 61, 92]);
    const b = repaymentBehaviour({ account, on: due(7), toleranceMinor: 0, monthsOnBook: 7, history });
    // Observed on the due date, the latest month-end is today: the month in progress does not count twice.
    expect(b).toMatchObject({ currentDpd: 92, maxDpd6m: 92, dpdTrend3m: 92, onTimePaymentRatioBps: 5000, repaymentVelocityBps: 0 });
    // Ten days on, the month in progress counts as a seventh month, behind.
    const later = repaymentBehaviour({ account, on: '2025-08-25', toleranceMinor: 0, monthsOnBook: 7, history });
    expect(later).toMatchObject({ currentDpd: 102, maxDpd6m: 102, dpdTrend3m: 102 - 31, onTimePaymentRatioBps: 4285 });
  });

  it('reads the trend against the month-end three months back, and 0 before the loan', () => {
    const account = paid([1]);
    const history = observed(account, 6);
    expect(history.recent).toEqual([0, 31, 61, 92, 122]);
    const early = repaymentBehaviour({ account, on: due(4), toleranceMinor: 0, monthsOnBook: 4, history: observed(account, 4) });
    expect(early).toMatchObject({ currentDpd: 61, dpdTrend3m: 61 });
    const later = repaymentBehaviour({ account, on: due(6), toleranceMinor: 0, monthsOnBook: 6, history });
    expect(later).toMatchObject({ currentDpd: 122, dpdTrend3m: 122 - 31 });
  });
});

describe('repayment velocity', () => {
  it('is paid over charged on the last three instalments due before today, late fees included', () => {
    const account = assessLateFee(paid([1, 2]), 3, 500);
    const charged = schedule.slice(0, 3).reduce((sum, i) => sum + i.total, 0) + 500;
    const paidSoFar = schedule[0]!.total + schedule[1]!.total;
    expect(repaymentVelocity(account, '2025-04-16')).toBe(Math.floor((paidSoFar * 10_000) / charged));
    // Instalment 4 due today is not late yet: still the first three.
    expect(repaymentVelocity(account, due(4))).toBe(Math.floor((paidSoFar * 10_000) / charged));
  });

  it('counts arrears paid late as paid', () => {
    expect(repaymentVelocity(loan(), '2025-07-01')).toBe(0);
    const arrears = schedule.slice(0, 5).reduce((sum, i) => sum + i.total, 0);
    expect(repaymentVelocity(applyPayment(loan(), arrears, '2025-06-20').account, '2025-07-01')).toBe(10_000);
  });

  it('is null when nothing has fallen due', () => {
    expect(repaymentVelocity(loan(), DISBURSED)).toBeNull();
  });
});

describe('what recovery learnt, as behaviour features', () => {
  it('counts promises made in the last 90 days, the share kept of those that came due, and the calls answered', () => {
    const record = {
      promises: [
        { madeOn: '2026-06-01', kept: true },
        { madeOn: '2026-11-01', kept: false },
        { madeOn: '2026-11-20', kept: true },
      ],
      openPromises: ['2026-12-01'],
      calls: 4,
      callsAnswered: 1,
    };
    expect(contactFeatures(record, '2026-12-03')).toEqual({ promiseToPayCount90d: 3, promisesKeptRatioBps: 6666, communicationEngagementBps: 2500 });
  });

  it('knows nothing before any episode: no promises, no ratio, no engagement', () => {
    expect(contactFeatures(undefined, '2026-12-03')).toEqual({ promiseToPayCount90d: 0, promisesKeptRatioBps: null, communicationEngagementBps: null });
    expect(contactFeatures({ promises: [], openPromises: [], calls: 0, callsAnswered: 0 }, '2026-12-03')).toEqual({ promiseToPayCount90d: 0, promisesKeptRatioBps: null, communicationEngagementBps: null });
  });
});
