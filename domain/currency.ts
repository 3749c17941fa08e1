// ISO 4217 minor units: how many decimal places a currency's smallest unit sits below its major
// unit. Money in Credence is always an integer count of these minor units, so this table decides
// what "1" means for every amount we store. The figures are ISO 4217's, not the display digits
// of CLDR/Intl, which show IDR, HUF, COP, PKR, ALL and IQD without decimals (ISO: 2, 2, 2, 2, 2, 3).
// Currencies are added here deliberately, one line each, rather than accepted on trust.
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2, ALL: 2, AMD: 2, ARS: 2, AUD: 2, AZN: 2, BAM: 2, BDT: 2, BGN: 2, BHD: 3,
  BIF: 0, BND: 2, BOB: 2, BRL: 2, BWP: 2, CAD: 2, CHF: 2, CLP: 0, CNY: 2, COP: 2,
  CRC: 2, CZK: 2, DJF: 0, DKK: 2, DOP: 2, DZD: 2, EGP: 2, ETB: 2, EUR: 2, GBP: 2,
  GEL: 2, GHS: 2, GNF: 0, GTQ: 2, HKD: 2, HNL: 2, HUF: 2, IDR: 2, ILS: 2, INR: 2,
  IQD: 3, ISK: 0, JMD: 2, JOD: 3, JPY: 0, KES: 2, KHR: 2, KMF: 0, KRW: 0, KWD: 3,
  KZT: 2, LKR: 2, LYD: 3, MAD: 2, MUR: 2, MXN: 2, MYR: 2, MZN: 2, NGN: 2, NOK: 2,
  NPR: 2, NZD: 2, OMR: 3, PEN: 2, PHP: 2, PKR: 2, PLN: 2, PYG: 0, QAR: 2, RON: 2,
  RSD: 2, RWF: 0, SAR: 2, SEK: 2, SGD: 2, THB: 2, TND: 3, TRY: 2, TWD: 2, TZS: 2,
  UAH: 2, UGX: 0, USD: 2, UYU: 2, UZS: 2, VND: 0, XAF: 0, XOF: 0, ZAR: 2, ZMW: 2,
});

/** Every currency code the table knows, alphabetically. */
export const SUPPORTED_CURRENCIES: readonly string[] = Object.freeze(Object.keys(MINOR_UNITS).sort());

export function isSupportedCurrency(code: unknown): code is string {
  // hasOwn, not `in`: 'toString' must not count as a currency.
  return typeof code === 'string' && Object.hasOwn(MINOR_UNITS, code);
}

/** Decimal places of the currency's minor unit (INR 2, JPY 0, KWD 3). Throws on a code not in the table. */
export function minorUnits(code: string): number {
  const digits = isSupportedCurrency(code) ? MINOR_UNITS[code] : undefined;
  if (digits === undefined) {
    throw new RangeError(`Unsupported currency ${JSON.stringify(code)}: not in Credence's ISO 4217 table (domain/currency.ts)`);
  }
  return digits;
}
