import { describe, it, expect } from '@jest/globals';
import { addMoney, formatMoney, isMinorUnits, money, MoneyError, roundHalfUp, subtractMoney, toMinorUnits } from './money.js';
import { seededRandom } from './testing/seeded-random.js';

describe('money', () => {
  it('holds a whole number of minor units in a supported currency', () => {
    expect(money(123456, 'INR')).toEqual({ amount: 123456, currency: 'INR' });
    expect(money(-5, 'USD')).toEqual({ amount: -5, currency: 'USD' });
    expect(money(Number.MAX_SAFE_INTEGER, 'JPY').amount).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses fractions, non-numbers, unsafe integers and unknown currencies with a MoneyError', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '100' as unknown as number]) {
      expect(() => money(bad, 'INR')).toThrow(MoneyError);
      expect(() => money(bad, 'INR')).toThrow(/not a whole number of minor units/);
    }
    expect(() => money(100, 'inr')).toThrow(/Unsupported currency "inr"/);
    expect(() => money(100, 'XYZ')).toThrow(MoneyError);
  });

  it('isMinorUnits accepts exactly the safe integers', () => {
    expect([0, -1, 42, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER].every(isMinorUnits)).toBe(true);
    expect([0.1, 2 ** 53, Number.NaN, '1', null, undefined, 1n].some(isMinorUnits)).toBe(false);
  });

  it('adds and subtracts within one currency only', () => {
    expect(addMoney(money(150, 'KES'), money(275, 'KES'))).toEqual({ amount: 425, currency: 'KES' });
    expect(subtractMoney(money(150, 'KES'), money(275, 'KES'))).toEqual({ amount: -125, currency: 'KES' });
    expect(() => addMoney(money(1, 'INR'), money(1, 'USD'))).toThrow('Cannot add INR and USD: amounts must share a currency');
    expect(() => subtractMoney(money(1, 'INR'), money(1, 'USD'))).toThrow(MoneyError);
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'INR'), money(1, 'INR'))).toThrow(/overflows/);
    expect(() => subtractMoney(money(Number.MIN_SAFE_INTEGER, 'INR'), money(1, 'INR'))).toThrow(/overflows/);
    expect(() => addMoney({ amount: 0.5, currency: 'INR' }, money(1, 'INR'))).toThrow(/not a whole number/);
  });

  it('formats with the currency code, thousands separators and the currency\'s decimals', () => {
    expect(formatMoney(money(123456, 'INR'))).toBe('INR 1,234.56');
    expect(formatMoney(money(1234, 'JPY'))).toBe('JPY 1,234');
    expect(formatMoney(money(1234, 'KWD'))).toBe('KWD 1.234');
    expect(formatMoney(money(1, 'KWD'))).toBe('KWD 0.001');
    expect(formatMoney(money(5, 'INR'))).toBe('INR 0.05');
    expect(formatMoney(money(-5, 'INR'))).toBe('INR -0.05');
    expect(formatMoney(money(0, 'USD'))).toBe('USD 0.00');
    expect(formatMoney(money(0, 'JPY'))).toBe('JPY 0');
    expect(formatMoney(money(100, 'USD'))).toBe('USD 1.00');
    expect(formatMoney(money(99_999, 'USD'))).toBe('USD 999.99');
    expect(formatMoney(money(100_000, 'USD'))).toBe('USD 1,000.00');
    expect(formatMoney(money(-1_234_567, 'JPY'))).toBe('JPY -1,234,567');
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('USD 90,071,992,547,409.91');
    expect(formatMoney(money(Number.MIN_SAFE_INTEGER, 'BHD'))).toBe('BHD -9,007,199,254,740.991');
    expect(() => formatMoney({ amount: 1, currency: 'XXX' })).toThrow(MoneyError);
  });

  it('formats any amount so that removing the separators gives the amount back', () => {
    const random = seededRandom(2024);
    for (let i = 0; i < 2000; i++) {
      const currency = random.pick(['INR', 'JPY', 'KWD']);
      const amount = random.logInt(1, Number.MAX_SAFE_INTEGER) * (random.next() < 0.5 ? -1 : 1);
      const text = formatMoney(money(amount, currency));
      expect(text).toMatch(/^[A-Z]{3} -?\d{1,3}(,\d{3})*(\.\d+)?$/);
      expect(BigInt(text.slice(4).replace(/[,.]/g, ''))).toBe(BigInt(amount));
    }
  });

  describe('roundHalfUp', () => {
    it('rounds halves away from zero, whatever the signs', () => {
      expect(roundHalfUp(5n, 2n)).toBe(3n);
      expect(roundHalfUp(-5n, 2n)).toBe(-3n);
      expect(roundHalfUp(5n, -2n)).toBe(-3n);
      expect(roundHalfUp(-5n, -2n)).toBe(3n);
      expect(roundHalfUp(7n, 3n)).toBe(2n);
      expect(roundHalfUp(8n, 3n)).toBe(3n);
      expect(roundHalfUp(-7n, 3n)).toBe(-2n);
      expect(roundHalfUp(-8n, 3n)).toBe(-3n);
      expect(roundHalfUp(0n, 7n)).toBe(0n);
      expect(roundHalfUp(49_999n, 100_000n)).toBe(0n);
      expect(roundHalfUp(50_000n, 100_000n)).toBe(1n);
      expect(roundHalfUp(12n, 4n)).toBe(3n);
    });

    it('is exact far beyond the range of floats', () => {
      const big = 10n ** 40n;
      expect(roundHalfUp(big * 3n + 1n, 2n)).toBe(big * 15n / 10n + 1n);
      expect(roundHalfUp(big * 2n + big / 2n, big)).toBe(3n);
      expect(roundHalfUp(big * 2n + big / 2n - 1n, big)).toBe(2n);
    });

    it('agrees with sign(x) * floor(|x| + 1/2) on generated fractions', () => {
      const random = seededRandom(99);
      for (let i = 0; i < 5000; i++) {
        const n = random.int(-1_000_000, 1_000_000);
        const d = random.int(1, 1000) * (random.next() < 0.5 ? -1 : 1);
        // twice the remainder against the divisor, in integers, as a reader would do it by hand
        const q = Math.trunc(Math.abs(n) / Math.abs(d));
        const r = Math.abs(n) - q * Math.abs(d);
        const magnitude = 2 * r >= Math.abs(d) ? q + 1 : q;
        const expected = Math.sign(n) * Math.sign(d) * magnitude;
        expect(Number(roundHalfUp(BigInt(n), BigInt(d)))).toBe(expected === 0 ? 0 : expected);
      }
    });

    it('refuses to divide by zero', () => {
      expect(() => roundHalfUp(1n, 0n)).toThrow(/division by zero/);
    });
  });

  it('toMinorUnits converts back only what a number holds exactly', () => {
    expect(toMinorUnits(123n)).toBe(123);
    expect(toMinorUnits(BigInt(Number.MIN_SAFE_INTEGER))).toBe(Number.MIN_SAFE_INTEGER);
    expect(() => toMinorUnits(2n ** 53n, 'interest')).toThrow('interest 9007199254740992 minor units is beyond the safe integer range');
  });
});
