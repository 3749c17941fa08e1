import { describe, expect, it } from '@jest/globals';
import { daysPastDue } from './delinquency.js';
import { replayImportedHistory, type HistoricalPayment } from './imported-history.js';
import { importJournal, isBalanced } from './ledger.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import { applyPayment, assessLateFee, openAccount, payoffQuote } from './servicing.js';

// The hand-worked loan of schedule.spec.ts: 1,000.00 at 12% over 12 months from 2025-01-15,
// instalments of 8885 due on the 15th, the first with 1000 of interest.
const DISBURSED = '2025-01-15';
const SCHEDULE = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: firstDueDateFor(DISBURSED) });
const account = () => openAccount({ currency: 'INR', aprBps: 1200, disbursedOn: DISBURSED, schedule: SCHEDULE });
const lateFee = { fee: 500, afterDays: 5, toleranceMinor: 100 };
const replay = (payments: HistoricalPayment[], through: string) => replayImportedHistory({ account: account(), lateFee, payments, through });

describe('an imported loan replayed as servicing would have lived it', () => {
  it('with no payments: every due date handled, a late fee five days after each, DPD from the oldest unpaid', () => {
    const h = replay([], '2025-03-25');
    expect(h.problems).toEqual([]);
    expect(h.steps.map((s) => `${s.kind}:${s.on}`)).toEqual(['due:2025-02-15', 'late_fee:2025-02-20', 'due:2025-03-15', 'late_fee:2025-03-20']);
    expect(h.handledDueSeq).toBe(2);
    expect(daysPastDue(h.account, '2025-03-25', 100)).toBe(38);
    // The month ending on the second due date ended 28 days late.
    expect(h.dpdHistory).toMatchObject({ recent: [28], observed: 1, current: 0, lastOn: '2025-03-15' });
    expect(h.account.installments.slice(0, 2).map((i) => i.fees)).toEqual([500, 500]);
  });

  it('a late payment pays the late fee first, then interest, then principal, exactly as servicing applies it', () => {
    const h = replay([{ on: '2025-02-25', amount: 8885, reference: 'r1' }], '2025-02-28');
    const bySteps = applyPayment(assessLateFee(account(), 1, 500), 8885, '2025-02-25');
    expect(h.account).toEqual(bySteps.account);
    const payment = h.steps.find((s) => s.kind === 'payment');
    expect(payment?.kind === 'payment' && payment.allocation).toMatchObject({ fees: 500, interest: 1000, principal: 7385, toCredit: 0 });
    expect(h.totals).toEqual({ collected: 8885, fees: 500, interest: 1000, principal: 7385 });
  });

  it('instalments paid on their due dates are current, with no late fee, and money ahead of time waits as credit', () => {
    const payments = [1, 2, 3].map((seq) => ({ on: SCHEDULE[seq - 1]!.dueDate, amount: SCHEDULE[seq - 1]!.total, reference: `r${seq}` }));
    const h = replay([...payments, { on: '2025-04-20', amount: 1000, reference: 'early' }], '2025-05-01');
    expect(h.steps.filter((s) => s.kind === 'late_fee')).toEqual([]);
    expect(daysPastDue(h.account, '2025-05-01', 100)).toBe(0);
    expect(h.account.creditBalance).toBe(1000);
    expect(h.dpdHistory.current).toBe(2);
  });

  it('refuses payments before disbursement, after today, repeated references and more than was owed', () => {
    const quote = payoffQuote(account(), '2025-02-01').total;
    const h = replay(
      [
        { on: '2025-01-01', amount: 100, reference: 'early' },
        { on: '2025-09-01', amount: 100, reference: 'future' },
        { on: '2025-02-02', amount: 100, reference: 'future' },
      ],
      '2025-03-01',
    );
    expect(h.problems.map((p) => p.field)).toEqual(['payments[0].date', 'payments[1].date', 'payments[2].reference']);
    const over = replay([{ on: '2025-02-01', amount: quote + 1, reference: 'too-much' }], '2025-03-01');
    expect(over.problems).toEqual([{ field: 'payments[0].amount', message: expect.stringContaining('more than was owed') }]);
    const paidOff = replay([{ on: '2025-02-01', amount: quote, reference: 'payoff' }, { on: '2025-02-03', amount: 10, reference: 'after' }], '2025-03-01');
    expect(paidOff.problems.map((p) => p.field)).toEqual(['payments[1].amount']);
  });

  it('the opening journal balances and leaves the receivable at the principal still owed', () => {
    const h = replay([{ on: '2025-02-15', amount: 8885, reference: 'r1' }, { on: '2025-03-25', amount: 4000, reference: 'r2' }, { on: '2025-03-26', amount: 20000, reference: 'r3' }], '2025-04-01');
    const j = importJournal('k', 'loan', 'INR', { ...h.totals, principal: 100_000, principalRepaid: h.totals.principal, creditBalance: h.account.creditBalance });
    expect(isBalanced(j)).toBe(true);
    const receivable = j.lines.find((l) => l.account === 'loans_receivable');
    expect(receivable?.debit).toBe(h.account.installments.reduce((s, i) => s + i.principal - i.paidPrincipal, 0));
  });
});
