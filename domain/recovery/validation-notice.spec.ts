import { describe, expect, it } from '@jest/globals';
import type { ScheduleLineView } from '../loan-view.js';
import { balanceOwed, noticeFigures, validationPeriodEnd } from './validation-notice.js';

const line = (seq: number, dueDate: string, principal: number, interest: number, fees: number, amountPaid: number, status: ScheduleLineView['status']): ScheduleLineView => ({
  seq,
  dueDate,
  principal,
  interest,
  fees,
  amountDue: principal + interest + fees,
  amountPaid,
  status,
});

describe('validation notice figures', () => {
  // 100,000.00 lent; the first instalment paid on time, the second 40 days late with a late fee, the third not yet due.
  const schedule = [
    line(1, '2026-09-01', 3_200_000, 125_000, 0, 3_325_000, 'paid'),
    line(2, '2026-10-01', 3_240_000, 85_000, 50_000, 0, 'past_due'),
    line(3, '2026-11-01', 3_560_000, 45_000, 0, 0, 'upcoming'),
  ];
  const records = { currency: 'INR', principal: 10_000_000, disbursedOn: '2026-08-01', schedule, payments: [{ amount: 3_325_000, overpayment: 0 }], creditBalance: 0, firstCommunicationOn: '2026-10-20' };

  it('itemizes from the disbursement date: interest of instalments due, fees, payments, and what is owed now', () => {
    const { itemization, overdue } = noticeFigures(records);
    expect(itemization).toEqual({ currency: 'INR', itemizationDate: '2026-08-01', amountThen: 10_000_000, interest: 210_000, fees: 50_000, paymentsAndCredits: 3_325_000, amountNow: 6_935_000 });
    // Counted the other way: principal unpaid (3,240,000 + 3,560,000) with the due interest and fee unpaid.
    expect(balanceOwed(records)).toBe(itemization.amountNow);
    expect(overdue).toBe(3_375_000);
  });

  it('counts a credit balance and an overpayment returned the same both ways', () => {
    const withCredit = { ...records, payments: [...records.payments, { amount: 400_000, overpayment: 0 }], creditBalance: 400_000 };
    // A payment that only reached credit: 4,000.00 held against the next instalment.
    const schedule2 = schedule.map((l) => (l.seq === 2 ? { ...l, status: 'past_due' as const } : l));
    const figures = noticeFigures({ ...withCredit, schedule: schedule2 });
    expect(figures.itemization.amountNow).toBe(6_535_000);
    expect(balanceOwed({ schedule: schedule2, creditBalance: 400_000 })).toBe(6_535_000);
    expect(noticeFigures({ ...records, payments: [{ amount: 3_400_000, overpayment: 75_000 }] }).itemization.paymentsAndCredits).toBe(3_325_000);
  });

  it('ends the validation period 30 days after receipt, assumed five business days after the first communication', () => {
    expect(validationPeriodEnd('2026-11-23')).toBe('2026-12-31');
    expect(noticeFigures(records).validationEndsOn).toBe(validationPeriodEnd('2026-10-20'));
    expect(noticeFigures({ ...records, firstCommunicationOn: null }).validationEndsOn).toBeNull();
  });
});
