import { describe, it, expect } from '@jest/globals';
import { roundHalfUp } from './money.js';
import { buildSchedule, firstDueDateFor, installmentAmount, ScheduleError, type ScheduledInstallment } from './schedule.js';
import { seededRandom } from './testing/seeded-random.js';

const D = 120_000n;

describe('buildSchedule', () => {
  it('matches a schedule worked by hand: 1,000.00 at 12% APR over 12 months', () => {
    // r = 1% a month; A = 100000 * 0.01 / (1 - 1.01^-12) = 8884.88 -> 8885.
    // Each interest is 1% of the opening balance rounded half up (921.15 -> 921, 841.51 -> 842 ...).
    const rows = buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: '2025-02-15' });
    const table = rows.map((r) => [r.seq, r.dueDate, r.principal, r.interest, r.total]);
    expect(table).toEqual([
      [1, '2025-02-15', 7885, 1000, 8885], // balance 100000 -> 92115
      [2, '2025-03-15', 7964, 921, 8885], // 921.15 -> 921; 92115 -> 84151
      [3, '2025-04-15', 8043, 842, 8885], // 841.51 -> 842; -> 76108
      [4, '2025-05-15', 8124, 761, 8885], // 761.08 -> 761; -> 67984
      [5, '2025-06-15', 8205, 680, 8885], // 679.84 -> 680; -> 59779
      [6, '2025-07-15', 8287, 598, 8885], // 597.79 -> 598; -> 51492
      [7, '2025-08-15', 8370, 515, 8885], // 514.92 -> 515; -> 43122
      [8, '2025-09-15', 8454, 431, 8885], // 431.22 -> 431; -> 34668
      [9, '2025-10-15', 8538, 347, 8885], // 346.68 -> 347; -> 26130
      [10, '2025-11-15', 8624, 261, 8885], // 261.30 -> 261; -> 17506
      [11, '2025-12-15', 8710, 175, 8885], // 175.06 -> 175; -> 8796
      [12, '2026-01-15', 8796, 88, 8884], // 87.96 -> 88; the last repays the 8796 left
    ]);
    expect(installmentAmount({ principal: 100_000, aprBps: 1200, termMonths: 12 })).toBe(8885);
  });

  it('rounds a half-unit interest up: 50 at 12% gives 0.5 minor units of interest -> 1', () => {
    const [only] = buildSchedule({ principal: 50, aprBps: 1200, termMonths: 1, firstDueDate: '2025-02-01' });
    expect(only).toEqual({ seq: 1, dueDate: '2025-02-01', principal: 50, interest: 1, total: 51 });
  });

  it('splits principal evenly at 0% and leaves the remainder to the last instalment', () => {
    const rows = buildSchedule({ principal: 100_000, aprBps: 0, termMonths: 12, firstDueDate: '2025-02-15' });
    expect(rows.slice(0, 11).every((r) => r.principal === 8333 && r.interest === 0 && r.total === 8333)).toBe(true);
    expect(rows[11]).toEqual({ seq: 12, dueDate: '2026-01-15', principal: 8337, interest: 0, total: 8337 });
    expect(installmentAmount({ principal: 100_000, aprBps: 0, termMonths: 12 })).toBe(8333);
  });

  it('makes a one-month loan a single payment of principal plus one month of interest', () => {
    expect(buildSchedule({ principal: 100_000, aprBps: 1200, termMonths: 1, firstDueDate: '2025-02-15' })).toEqual([
      { seq: 1, dueDate: '2025-02-15', principal: 100_000, interest: 1000, total: 101_000 },
    ]);
  });

  it('works in currencies without decimals or with three: JPY and KWD', () => {
    // 500,000 yen at 15% over 6 months: r = 1.25%, A = 500000 * 0.0125 / (1 - 1.0125^-6) = 87,016.91 -> 87,017
    const yen = buildSchedule({ principal: 500_000, aprBps: 1500, termMonths: 6, firstDueDate: '2025-04-10' });
    expect(yen.map((r) => [r.principal, r.interest, r.total])).toEqual([
      [80_767, 6250, 87_017], // balance 419233
      [81_777, 5240, 87_017], // 5240.41 -> 5240; balance 337456
      [82_799, 4218, 87_017], // 4218.2 -> 4218; balance 254657
      [83_834, 3183, 87_017], // 3183.21 -> 3183; balance 170823
      [84_882, 2135, 87_017], // 2135.29 -> 2135; balance 85941
      [85_941, 1074, 87_015], // 1074.26 -> 1074
    ]);
    // KWD 250.000 at 9% over 3 months: r = 0.75%, A = 250000 * 0.0075 / (1 - 1.0075^-3) = 84,586.45 -> 84,586
    const kwd = buildSchedule({ principal: 250_000, aprBps: 900, termMonths: 3, firstDueDate: '2025-04-10' });
    expect(kwd.map((r) => [r.principal, r.interest, r.total])).toEqual([
      [82_711, 1875, 84_586], // 1875 exactly; balance 167289
      [83_331, 1255, 84_586], // 1254.6675 -> 1255; balance 83958
      [83_958, 630, 84_588], // 629.685 -> 630
    ]);
  });

  it('keeps month-end due dates when given the disbursement day', () => {
    expect(firstDueDateFor('2025-01-15')).toBe('2025-02-15');
    expect(firstDueDateFor('2025-01-31')).toBe('2025-02-28');
    expect(firstDueDateFor('2024-01-30')).toBe('2024-02-29');
    const terms = { principal: 600_000, aprBps: 1800, termMonths: 4, firstDueDate: firstDueDateFor('2025-01-31') };
    expect(buildSchedule({ ...terms, dueDay: 31 }).map((r) => r.dueDate)).toEqual(['2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
    expect(buildSchedule(terms).map((r) => r.dueDate)).toEqual(['2025-02-28', '2025-03-28', '2025-04-28', '2025-05-28']);
    expect(() => buildSchedule({ ...terms, firstDueDate: '2025-02-15', dueDay: 31 })).toThrow(/dueDay 31 does not match firstDueDate 2025-02-15/);
    expect(() => buildSchedule({ ...terms, dueDay: 0 })).toThrow(ScheduleError);
  });

  it('refuses bad terms with messages that say what is wrong', () => {
    const ok = { principal: 100_000, aprBps: 1200, termMonths: 12, firstDueDate: '2025-02-15' };
    const cases: [Partial<typeof ok>, string][] = [
      [{ principal: 0 }, 'principal must be a positive whole number of minor units, got 0'],
      [{ principal: -100 }, 'principal must be a positive whole number of minor units, got -100'],
      [{ principal: 100.5 }, 'principal must be a positive whole number of minor units, got 100.5'],
      [{ principal: 2 ** 53 }, 'principal must be a positive whole number'],
      [{ termMonths: 0 }, 'termMonths must be a whole number from 1 to 480, got 0'],
      [{ termMonths: 481 }, 'termMonths must be a whole number from 1 to 480, got 481'],
      [{ termMonths: 6.5 }, 'termMonths must be a whole number from 1 to 480, got 6.5'],
      [{ aprBps: -1 }, 'aprBps must be a whole number of basis points from 0 to 10000, got -1'],
      [{ aprBps: 10_001 }, 'aprBps must be a whole number of basis points from 0 to 10000, got 10001'],
      [{ aprBps: 12.99 }, 'got 12.99'],
      [{ firstDueDate: '2025-02-30' }, 'firstDueDate must be a real date as YYYY-MM-DD, got "2025-02-30"'],
      [{ principal: 5, termMonths: 12, aprBps: 0 }, 'principal 5 is too small to repay over 12 months'],
      [{ principal: 150, termMonths: 100, aprBps: 1 }, 'would repay the principal by instalment'],
    ];
    for (const [change, message] of cases) {
      expect(() => buildSchedule({ ...ok, ...change })).toThrow(ScheduleError);
      expect(() => buildSchedule({ ...ok, ...change })).toThrow(message);
    }
    expect(() => installmentAmount({ principal: 100_000, aprBps: 1200, termMonths: 0 })).toThrow(ScheduleError);
    expect(() => buildSchedule({ ...ok, principal: Number.MAX_SAFE_INTEGER, termMonths: 1 })).toThrow(/more than an amount can hold exactly/);
  });
});

describe('schedule invariants over generated terms', () => {
  it('hold for 3,000 consumer loans (0-36% APR, up to 7 years), none of which is refused', () => {
    const random = seededRandom(20_250_101);
    let beyondTerm = 0;
    for (let i = 0; i < 3000; i++) {
      const terms = { principal: random.logInt(10_000, 10_000_000_000), aprBps: random.int(0, 3600), termMonths: random.int(1, 84) };
      const rows = buildSchedule({ ...terms, firstDueDate: firstDueDateFor(random.pick(['2025-01-31', '2024-02-29', '2025-06-15'])) });
      checkInvariants(terms, rows, `seed 20250101 case ${i} ${JSON.stringify(terms)}`);
      expectCloseToFloatAnnuity(terms, rows[0]!.total);
      if (Math.abs(rows[rows.length - 1]!.total - rows[0]!.total) >= terms.termMonths) beyondTerm++;
    }
    // Why the specs hold the last instalment to the drift bound and not to "|L - A| < n": the
    // rounding of A is carried with interest, and at consumer rates it beats n now and then (README).
    expect(beyondTerm).toBeGreaterThan(0);
    expect(beyondTerm).toBeLessThan(300);
  });

  it('hold over the whole accepted range, and refusals happen only where the rounding drift can reach the last balance', () => {
    const random = seededRandom(480);
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const terms = {
        principal: random.logInt(1, Number.MAX_SAFE_INTEGER),
        aprBps: random.next() < 0.05 ? 0 : random.int(0, 10_000),
        termMonths: random.int(1, 480),
      };
      const label = `seed 480 case ${i} ${JSON.stringify(terms)}`;
      let rows: ScheduledInstallment[];
      try {
        rows = buildSchedule({ ...terms, firstDueDate: '2025-03-31' });
      } catch (error) {
        expect(error).toBeInstanceOf(ScheduleError);
        refused++;
        if (/more than an amount can hold/.test(String(error))) expect([label, terms.principal > Number.MAX_SAFE_INTEGER / 3]).toEqual([label, true]);
        else expect([label, refusalIsJustified(terms)]).toEqual([label, true]);
        continue;
      }
      checkInvariants(terms, rows, label);
    }
    // the generator does reach refusals, so the branch above is exercised, but most terms are fine
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(1500);
  });
});

interface Terms { principal: number; aprBps: number; termMonths: number }

function checkInvariants(terms: Terms, rows: ScheduledInstallment[], label: string): void {
  const { principal, aprBps, termMonths } = terms;
  const level = installmentAmount(terms);
  const last = rows[rows.length - 1]!;
  const problems: string[] = [];
  if (rows.length !== termMonths) problems.push(`${rows.length} rows`);
  let balance = BigInt(principal);
  rows.forEach((row, index) => {
    for (const value of [row.principal, row.interest, row.total]) {
      if (!Number.isSafeInteger(value) || value < 0) problems.push(`row ${row.seq} has ${value}`);
    }
    if (row.seq !== index + 1) problems.push(`seq ${row.seq} at ${index}`);
    if (row.total !== row.principal + row.interest) problems.push(`row ${row.seq} total`);
    if (BigInt(row.interest) !== roundHalfUp(balance * BigInt(aprBps), D)) problems.push(`row ${row.seq} interest ${row.interest}`);
    if (index < rows.length - 1 && row.total !== level) problems.push(`row ${row.seq} total ${row.total} != ${level}`);
    if (index > 0 && row.dueDate <= rows[index - 1]!.dueDate) problems.push(`row ${row.seq} due date`);
    balance -= BigInt(row.principal);
  });
  if (balance !== 0n) problems.push(`principal parts leave ${balance}`);
  if (last.total < 1 || last.total > principal + level) problems.push(`last ${last.total} outside [1, P + A]`);
  // the bound proved in README: |L - A| <= ((1+r)^n - 1) / r, or < n at 0%
  const gap = BigInt(Math.abs(last.total - level));
  if (aprBps === 0) {
    if (gap >= BigInt(termMonths)) problems.push(`0% gap ${gap} >= n`);
  } else {
    const a = BigInt(aprBps);
    const n = BigInt(termMonths);
    if (gap * a * D ** (n - 1n) > (D + a) ** n - D ** n) problems.push(`gap ${gap} beyond the drift bound`);
  }
  expect([label, problems]).toEqual([label, []]);
}

/** Independent check in floating point: A is the annuity payment to within half a minor unit (plus float error). */
function expectCloseToFloatAnnuity({ principal, aprBps, termMonths }: Terms, level: number): void {
  const r = aprBps / 120_000;
  const exact = r === 0 ? Math.floor(principal / termMonths) : (principal * r) / (1 - (1 + r) ** -termMonths);
  expect(Math.abs(level - exact)).toBeLessThanOrEqual(r === 0 ? 0 : 0.5 + 1e-6 * Math.max(1, exact / 1e6));
}

/**
 * A refusal needs the exact balance before the last instalment, A* / (1+r), to be within the
 * rounding drift bound S(n-1) = ((1+r)^(n-1) - 1) / r (README); at 0% it needs P < n.
 */
function refusalIsJustified({ principal, aprBps, termMonths }: Terms): boolean {
  if (termMonths === 1) return false;
  const P = BigInt(principal);
  const n = BigInt(termMonths);
  if (aprBps === 0) return P < n;
  const a = BigInt(aprBps);
  const growth = (D + a) ** n;
  const base = D ** n;
  // P a G / ((D + a)(G - B))  <=  ((D+a)^(n-1) - D^(n-1)) / (a D^(n-2)), cross-multiplied
  return P * a * growth * a * D ** (n - 2n) <= ((D + a) ** (n - 1n) - D ** (n - 1n)) * (D + a) * (growth - base);
}
