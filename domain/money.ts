// Money is an integer count of minor units (paise, cents, fils, yen) with its ISO 4217 code.
// Floats never hold an amount: every rounding in Credence goes through roundHalfUp below, on
// bigint numerators and denominators, so the same inputs give the same cents on every machine.
import { isSupportedCurrency, minorUnits } from './currency.js';

export interface Money {
  /** minor units of `currency`; may be negative (a refund, an adjustment) */
  amount: number;
  /** ISO 4217 code, upper case, one of SUPPORTED_CURRENCIES */
  currency: string;
}

export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}

/** An amount we can store: an integer that a JavaScript number represents exactly. */
export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function money(amount: number, currency: string): Money {
  if (!isMinorUnits(amount)) {
    throw new MoneyError(`Amount ${String(amount)} is not a whole number of minor units within ±${Number.MAX_SAFE_INTEGER}`);
  }
  if (!isSupportedCurrency(currency)) {
    throw new MoneyError(`Unsupported currency ${JSON.stringify(currency)}: expected an ISO 4217 code from domain/currency.ts`);
  }
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  const [x, y] = sameCurrency(a, b, 'add');
  return money(checkedResult(x.amount + y.amount, `${x.amount} + ${y.amount}`), x.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  const [x, y] = sameCurrency(a, b, 'subtract');
  return money(checkedResult(x.amount - y.amount, `${x.amount} - ${y.amount}`), x.currency);
}

/**
 * `INR 1,234.56`, `JPY 1,234`, `KWD 1.234`, `USD -0.05`. Thousands are grouped in threes for
 * every currency (no lakh grouping): this is for logs, letters to auditors and tests, not a
 * locale-aware display, which belongs to the UI.
 */
export function formatMoney(m: Money): string {
  const { amount, currency } = money(m.amount, m.currency);
  const digits = minorUnits(currency);
  // The decimal string of a safe integer is exact, so splitting it is integer arithmetic.
  const magnitude = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = magnitude.slice(0, magnitude.length - digits);
  const fraction = magnitude.slice(magnitude.length - digits);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${currency} ${amount < 0 ? '-' : ''}${grouped}${digits > 0 ? `.${fraction}` : ''}`;
}

/**
 * numerator / denominator rounded to the nearest integer, halves away from zero
 * (2.5 -> 3, -2.5 -> -3, 2.4999 -> 2). The one rounding rule for every amount Credence computes.
 */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('roundHalfUp: division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const rounded = 2n * (n % d) >= d ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** A bigint result back to a stored amount; refuses what a number cannot hold exactly. */
export function toMinorUnits(value: bigint, what = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyError(`${what} ${value} minor units is beyond the safe integer range`);
  }
  return Number(value);
}

function sameCurrency(a: Money, b: Money, verb: string): [Money, Money] {
  const x = money(a.amount, a.currency);
  const y = money(b.amount, b.currency);
  if (x.currency !== y.currency) {
    throw new MoneyError(`Cannot ${verb} ${x.currency} and ${y.currency}: amounts must share a currency`);
  }
  return [x, y];
}

function checkedResult(result: number, expression: string): number {
  if (!Number.isSafeInteger(result)) throw new MoneyError(`${expression} overflows the safe integer range`);
  return result;
}
