import { describe, it, expect } from '@jest/globals';
import { formatMoney, money } from './money.js';
import { buildSchedule, firstDueDateFor } from './schedule.js';
import {
  applyCredit,
  applyPayment,
  assessLateFee,
  dueAsOf,
  isPaidOff,
  nextUnpaidDueDate,
  openAccount,
  outstandingPrincipal,
  payoffQuote,
  ServicingError,
  type Allocation,
  type LoanAccount,
} from './servicing.js';

// The loan of the hand-worked schedule (schedule.spec.ts): 1,000.00 at 12% over 12 months,
// disbursed 2025-01-15, instalments of 8885 due on the 15th, interest 1000, 921, 842, 761, 680,
// 598, 515, 431, 347, 261, 175, 88 (6619 in all), the last instalment 8884.
const DISBURSED = '2025-01-15';
const SCHEDULE = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: firstDueDateFor(DISBURSED) });
const due = (seq: number): string => SCHEDULE[seq - 1]!.dueDate;

function loan(currency = 'INR'): LoanAccount {
  return deepFreeze(openAccount({ currency, aprBps: 1200, disbursedOn: DISBURSED, schedule: SCHEDULE }));
}

/** Frozen state proves the functions never write to their input (writes to frozen objects throw in ESM). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function pay(account: LoanAccount, amount: number, asOf: string): { account: LoanAccount; allocation: Allocation } {
  const result = applyPayment(account, amount, asOf);
  return { account: deepFreeze(result.account), allocation: result.allocation };
}

function allocation(parts: Partial<Allocation>): Allocation {
  return { fees: 0, interest: 0, principal: 0, fromCredit: 0, toCredit: 0, overpayment: 0, interestWaived: 0, paidOff: false, ...parts };
}

function payOnSchedule(account: LoanAccount, through: number): LoanAccount {
  let current = account;
  for (const row of SCHEDULE.slice(0, through)) current = pay(current, row.total, row.dueDate).account;
  return current;
}

describe('openAccount', () => {
  it('opens with nothing paid, no fees and no credit', () => {
    const account = loan();
    expect(account.installments).toHaveLength(12);
    expect(account.installments[0]).toEqual({ seq: 1, dueDate: '2025-02-15', principal: 7885, interest: 1000, fees: 0, paidPrincipal: 0, paidInterest: 0, paidFees: 0 });
    expect(account.creditBalance).toBe(0);
    expect(account.closedOn).toBeUndefined();
    expect(outstandingPrincipal(account)).toBe(100_000);
    expect(nextUnpaidDueDate(account)).toBe('2025-02-15');
    expect(isPaidOff(account)).toBe(false);
    expect(JSON.parse(JSON.stringify(account))).toEqual(account);
  });

  it('refuses inconsistent input', () => {
    const base = { currency: 'INR', aprBps: 1200, disbursedOn: DISBURSED, schedule: SCHEDULE };
    expect(() => openAccount({ ...base, currency: 'XXX' })).toThrow('Unsupported currency "XXX"');
    expect(() => openAccount({ ...base, aprBps: -1 })).toThrow(/aprBps must be a whole number/);
    expect(() => openAccount({ ...base, disbursedOn: '2025-02-30' })).toThrow(/disbursedOn must be a real date/);
    expect(() => openAccount({ ...base, schedule: [] })).toThrow('The schedule has no instalments');
    expect(() => openAccount({ ...base, disbursedOn: '2025-02-15' })).toThrow(/Schedule row 1 is due "2025-02-15": due dates must be real dates, after disbursement/);
    expect(() => openAccount({ ...base, schedule: [SCHEDULE[1]!, SCHEDULE[0]!] })).toThrow(/Schedule row 1 has seq 2/);
    expect(() => openAccount({ ...base, schedule: [{ ...SCHEDULE[0]!, total: 1 }] })).toThrow('Schedule row 1: total 1 is not principal + interest');
    expect(() => openAccount({ ...base, schedule: [{ ...SCHEDULE[0]!, interest: -1, total: 7884 }] })).toThrow(/interest must be a non-negative whole number/);
    expect(() => openAccount({ ...base, schedule: [{ ...SCHEDULE[0]!, principal: 0, total: 1000 }] })).toThrow('The schedule lends no principal');
  });
});

describe('paying on schedule', () => {
  it('pays each instalment exactly and ends paid off with no credit, without any payoff step', () => {
    let account = loan();
    for (const row of SCHEDULE) {
      const result = pay(account, row.total, row.dueDate);
      expect(result.allocation).toEqual(allocation({ interest: row.interest, principal: row.principal, paidOff: row.seq === 12 }));
      account = result.account;
    }
    expect(isPaidOff(account)).toBe(true);
    expect(account.creditBalance).toBe(0);
    expect(account.closedOn).toBe('2026-01-15');
    expect(outstandingPrincipal(account)).toBe(0);
    expect(nextUnpaidDueDate(account)).toBeUndefined();
    expect(account.installments.reduce((s, i) => s + i.paidInterest, 0)).toBe(6619);
    expect(payoffQuote(account, '2026-02-01')).toEqual({ principal: 0, interest: 0, fees: 0, credit: 0, total: 0, asOf: '2026-02-01' });
  });
});

describe('the waterfall', () => {
  it('pays fees, then interest, then principal, oldest instalment first', () => {
    // Instalments 1 and 2 unpaid on 2025-03-20, a late fee of 500 on the first.
    let account = assessLateFee(loan(), 1, 500);
    expect(dueAsOf(account, '2025-03-20')).toEqual({ fees: 500, interest: 1921, principal: 15_849, total: 18_270 });

    let result = pay(account, 2000, '2025-03-20');
    expect(result.allocation).toEqual(allocation({ fees: 500, interest: 1500 }));
    account = result.account;
    expect(account.installments.slice(0, 2).map((i) => [i.paidFees, i.paidInterest, i.paidPrincipal])).toEqual([[500, 1000, 0], [0, 500, 0]]);

    result = pay(account, 1000, '2025-03-20');
    expect(result.allocation).toEqual(allocation({ interest: 421, principal: 579 }));
    account = result.account;
    expect(account.installments.slice(0, 2).map((i) => [i.paidFees, i.paidInterest, i.paidPrincipal])).toEqual([[500, 1000, 579], [0, 921, 0]]);
    expect(dueAsOf(account, '2025-03-20')).toEqual({ fees: 0, interest: 0, principal: 15_270, total: 15_270 });

    // principal also goes oldest first: 7306 finishes instalment 1, then 1 goes to instalment 2
    result = pay(account, 7307, '2025-03-20');
    expect(result.allocation).toEqual(allocation({ principal: 7307 }));
    expect(result.account.installments.slice(0, 2).map((i) => i.paidPrincipal)).toEqual([7885, 1]);
    expect(nextUnpaidDueDate(result.account)).toBe('2025-03-15');
  });

  it('never touches instalments not yet due: money beyond what is due becomes credit', () => {
    const { account, allocation: a } = pay(loan(), 9000, '2025-02-15');
    expect(a).toEqual(allocation({ interest: 1000, principal: 7885, toCredit: 115 }));
    expect(account.creditBalance).toBe(115);
    expect(account.installments[1]!.paidInterest + account.installments[1]!.paidPrincipal).toBe(0);
    expect(dueAsOf(account, '2025-02-15').total).toBe(0);
  });
});

describe('advance payments and credit', () => {
  it('keeps an early payment as credit and applies it when the instalment falls due', () => {
    // 2025-02-01: payoff would be 100000 + 17 days' interest (100000 x 12% x 17/365 = 558.90 -> 559)
    expect(payoffQuote(loan(), '2025-02-01')).toEqual({ principal: 100_000, interest: 559, fees: 0, credit: 0, total: 100_559, asOf: '2025-02-01' });
    let result = pay(loan(), 5000, '2025-02-01');
    expect(result.allocation).toEqual(allocation({ toCredit: 5000 }));
    let account = result.account;
    expect(account.creditBalance).toBe(5000);

    // nothing is due yet on 2025-02-10: credit stays put
    result = applyCredit(account, '2025-02-10');
    expect(result.allocation).toEqual(allocation({}));
    expect(result.account.creditBalance).toBe(5000);

    result = applyCredit(account, '2025-02-15');
    expect(result.allocation).toEqual(allocation({ interest: 1000, principal: 4000, fromCredit: 5000 }));
    account = deepFreeze(result.account);
    expect(account.creditBalance).toBe(0);
    expect(dueAsOf(account, '2025-02-15')).toEqual({ fees: 0, interest: 0, principal: 3885, total: 3885 });

    result = pay(account, 3885, '2025-02-15');
    expect(result.allocation).toEqual(allocation({ principal: 3885 }));
    expect(result.account.installments[0]).toMatchObject({ paidInterest: 1000, paidPrincipal: 7885 });
  });

  it('spreads a credit larger than one instalment over the following due dates', () => {
    let account = pay(loan(), 10_000, '2025-02-10').account;
    let result = applyCredit(account, due(1));
    expect(result.allocation).toEqual(allocation({ interest: 1000, principal: 7885, fromCredit: 8885 }));
    account = deepFreeze(result.account);
    expect(account.creditBalance).toBe(1115);
    result = applyCredit(account, due(2));
    expect(result.allocation).toEqual(allocation({ interest: 921, principal: 194, fromCredit: 1115 }));
    expect(result.account.creditBalance).toBe(0);
    expect(dueAsOf(result.account, due(2))).toEqual({ fees: 0, interest: 0, principal: 7770, total: 7770 });
  });

  it('nets a payment against credit: the payment first, credit for the rest', () => {
    // credit 115 from an overpaid first instalment; instalment 2 (8885) paid with 8800 + 85 of credit
    const account = pay(loan(), 9000, due(1)).account;
    const result = pay(account, 8800, due(2));
    expect(result.allocation).toEqual(allocation({ interest: 921, principal: 7964, fromCredit: 85 }));
    expect(result.account.creditBalance).toBe(30);
  });

  it('applyCredit with no credit changes nothing', () => {
    const account = loan();
    const result = applyCredit(account, due(3));
    expect(result.account).toBe(account);
    expect(result.allocation).toEqual(allocation({}));
  });
});

describe('payoff', () => {
  it('mid-period charges only the interest accrued and waives the rest', () => {
    const account = payOnSchedule(loan(), 3);
    // 15 days into period 4: 76108 x 12% x 15/365 = 375.33 -> 375 (scheduled 761)
    const quote = payoffQuote(account, '2025-04-30');
    expect(quote).toEqual({ principal: 76_108, interest: 375, fees: 0, credit: 0, total: 76_483, asOf: '2025-04-30' });
    const result = pay(account, 76_483, '2025-04-30');
    // waived: 761 - 375 = 386 of instalment 4, and all of 680 + 598 + 515 + 431 + 347 + 261 + 175 + 88 = 3095
    expect(result.allocation).toEqual(allocation({ interest: 375, principal: 76_108, interestWaived: 3481, paidOff: true }));
    const closed = result.account;
    expect(closed.closedOn).toBe('2025-04-30');
    expect(closed.creditBalance).toBe(0);
    expect(isPaidOff(closed)).toBe(true);
    expect(closed.installments.map((i) => i.interest)).toEqual([1000, 921, 842, 375, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(closed.installments.reduce((s, i) => s + i.paidInterest, 0)).toBe(3138);
  });

  it('on a due date charges that instalment in full and nothing after it', () => {
    const account = payOnSchedule(loan(), 3);
    expect(payoffQuote(account, due(4))).toEqual({ principal: 76_108, interest: 761, fees: 0, credit: 0, total: 76_869, asOf: due(4) });
    expect(pay(account, 76_869, due(4)).allocation).toEqual(allocation({ interest: 761, principal: 76_108, interestWaived: 3095, paidOff: true }));
  });

  it('caps accrued interest at the instalment\'s scheduled interest', () => {
    // nothing paid; on 2025-04-14, 30 days into period 3 on the full 100000: 986.30 -> 986, capped at 842
    expect(payoffQuote(loan(), '2025-04-14')).toEqual({ principal: 100_000, interest: 1000 + 921 + 842, fees: 0, credit: 0, total: 102_763, asOf: '2025-04-14' });
  });

  it('reports the excess over the quote as overpayment', () => {
    const result = pay(payOnSchedule(loan(), 3), 80_000, '2025-04-30');
    expect(result.allocation).toEqual(allocation({ interest: 375, principal: 76_108, overpayment: 3517, interestWaived: 3481, paidOff: true }));
    expect(result.account.creditBalance).toBe(0);
  });

  it('counts the credit balance towards the quote', () => {
    const account = pay(loan(), 5000, '2025-02-01').account;
    // 26 days on 100000: 854.79 -> 855; scheduled interest 6619, so 5764 is waived
    expect(payoffQuote(account, '2025-02-10')).toEqual({ principal: 100_000, interest: 855, fees: 0, credit: 5000, total: 95_855, asOf: '2025-02-10' });
    const result = pay(account, 95_855, '2025-02-10');
    expect(result.allocation).toEqual(allocation({ interest: 855, principal: 100_000, fromCredit: 5000, interestWaived: 5764, paidOff: true }));
    // one minor unit short is not a payoff: it waits as credit
    const short = pay(account, 95_854, '2025-02-10');
    expect(short.allocation).toEqual(allocation({ toCredit: 95_854 }));
    expect(short.account.creditBalance).toBe(100_854);
  });

  it('includes unpaid fees and interest already due', () => {
    const account = assessLateFee(payOnSchedule(loan(), 1), 2, 500);
    // instalment 2 unpaid with a fee; 10 days into period 3 on 92115: 302.85 -> 303
    expect(payoffQuote(account, '2025-03-25')).toEqual({ principal: 92_115, interest: 921 + 303, fees: 500, credit: 0, total: 93_839, asOf: '2025-03-25' });
    const result = pay(account, 93_839, '2025-03-25');
    // instalments 2-12 schedule 6619 - 1000 = 5619 of interest; 921 + 303 of it is charged
    expect(result.allocation).toEqual(allocation({ fees: 500, interest: 1224, principal: 92_115, interestWaived: 4395, paidOff: true }));
  });

  it('refunds a payment to a closed loan in full and leaves the loan alone', () => {
    const closed = payOnSchedule(loan(), 12);
    const result = applyPayment(closed, 1234, '2026-02-01');
    expect(result.account).toBe(closed);
    expect(result.allocation).toEqual(allocation({ overpayment: 1234, paidOff: true }));
  });
});

describe('assessLateFee', () => {
  it('adds the fee once per instalment', () => {
    const once = assessLateFee(loan(), 2, 500);
    expect(once.installments[1]).toMatchObject({ fees: 500, lateFeeAssessed: true });
    expect(assessLateFee(once, 2, 500)).toBe(once);
    expect(assessLateFee(once, 2, 900)).toBe(once);
    const both = assessLateFee(once, 3, 500);
    expect(both.installments.map((i) => i.fees)).toEqual([0, 500, 500, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('stays idempotent after the fee is paid, and does nothing to a closed loan', () => {
    const paid = pay(assessLateFee(loan(), 1, 500), 9385, due(1)).account;
    expect(paid.installments[0]).toMatchObject({ fees: 500, paidFees: 500 });
    expect(assessLateFee(paid, 1, 500)).toBe(paid);
    const closed = payOnSchedule(loan(), 12);
    expect(assessLateFee(closed, 12, 500)).toBe(closed);
  });

  it('refuses an unknown instalment or a bad fee', () => {
    expect(() => assessLateFee(loan(), 13, 500)).toThrow('No instalment 13: the loan has 12');
    expect(() => assessLateFee(loan(), 1, -1)).toThrow('A late fee must be a non-negative whole number of minor units, got -1');
    expect(() => assessLateFee(loan(), 1, 5.5)).toThrow(ServicingError);
  });
});

describe('bad input', () => {
  it('refuses payments that are not positive whole minor units', () => {
    for (const amount of [0, -100, 10.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => applyPayment(loan(), amount, due(1))).toThrow(ServicingError);
      expect(() => applyPayment(loan(), amount, due(1))).toThrow(`A payment must be a positive whole number of minor units, got ${String(amount)}`);
    }
  });

  it('refuses dates that are not real or come before disbursement', () => {
    expect(() => applyPayment(loan(), 100, '2025-02-29')).toThrow('asOf must be a real date as YYYY-MM-DD, got "2025-02-29"');
    expect(() => applyPayment(loan(), 100, '2025-01-14')).toThrow('asOf 2025-01-14 is before the loan was disbursed on 2025-01-15');
    expect(() => payoffQuote(loan(), 'tomorrow')).toThrow(ServicingError);
    expect(() => dueAsOf(loan(), '2025-1-1')).toThrow(ServicingError);
    expect(() => applyCredit(loan(), '2024-12-31')).toThrow(ServicingError);
  });
});

describe('other currencies', () => {
  it('services a yen loan (no decimals) to the last yen', () => {
    const schedule = buildSchedule({ principal: 500_000, aprBps: 1500, termMonths: 6, firstDueDate: '2025-05-10' });
    let account = openAccount({ currency: 'JPY', aprBps: 1500, disbursedOn: '2025-04-10', schedule });
    // 20 days into period 1: 500000 x 15% x 20/365 = 4109.59 -> 4110 yen
    expect(payoffQuote(account, '2025-04-30').total).toBe(504_110);
    for (const row of schedule) account = applyPayment(account, row.total, row.dueDate).account;
    expect(isPaidOff(account)).toBe(true);
    expect(formatMoney(money(schedule[0]!.total, account.currency))).toBe('JPY 87,017');
  });

  it('services a dinar loan (three decimals) and pays it off early', () => {
    const schedule = buildSchedule({ principal: 250_000, aprBps: 900, termMonths: 3, firstDueDate: '2025-05-10' });
    const account = applyPayment(openAccount({ currency: 'KWD', aprBps: 900, disbursedOn: '2025-04-10', schedule }), 84_586, '2025-05-10').account;
    // 11 days into period 2 on 167289 fils: 167289 x 9% x 11/365 = 453.74 -> 454
    const quote = payoffQuote(account, '2025-05-21');
    expect(quote.total).toBe(167_289 + 454);
    expect(formatMoney(money(quote.total, 'KWD'))).toBe('KWD 167.743');
    const result = applyPayment(account, quote.total, '2025-05-21');
    expect(result.allocation.interestWaived).toBe(1255 - 454 + 630);
    expect(isPaidOff(result.account)).toBe(true);
  });
});
