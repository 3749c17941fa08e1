import { describe, it, expect } from '@jest/globals';
import { isSupportedCurrency, minorUnits, SUPPORTED_CURRENCIES } from './currency.js';

describe('currency', () => {
  it('knows the ISO 4217 minor units of the currencies we lend in', () => {
    const expected: Record<string, number> = {
      INR: 2, USD: 2, EUR: 2, GBP: 2, JPY: 0, KRW: 0, KES: 2, NGN: 2, BRL: 2, IDR: 2, PHP: 2, MXN: 2,
      ZAR: 2, CAD: 2, AUD: 2, SGD: 2, AED: 2, CHF: 2, KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3, IQD: 3,
      VND: 0, CLP: 0, UGX: 0, XOF: 0, HUF: 2, ISK: 0,
    };
    for (const [code, digits] of Object.entries(expected)) expect([code, minorUnits(code)]).toEqual([code, digits]);
  });

  it('lists only three-letter upper-case codes with 0, 2 or 3 decimals, sorted', () => {
    expect(SUPPORTED_CURRENCIES.length).toBeGreaterThanOrEqual(60);
    expect([...SUPPORTED_CURRENCIES].sort()).toEqual(SUPPORTED_CURRENCIES);
    for (const code of SUPPORTED_CURRENCIES) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(minorUnits(code));
    }
  });

  it('refuses unknown, lower-case and prototype names', () => {
    for (const code of ['XXX', 'usd', 'US', '', 'toString', '__proto__', 'constructor']) {
      expect(isSupportedCurrency(code)).toBe(false);
      expect(() => minorUnits(code)).toThrow(/Unsupported currency/);
    }
    expect(isSupportedCurrency(42)).toBe(false);
    expect(isSupportedCurrency(undefined)).toBe(false);
  });
});
