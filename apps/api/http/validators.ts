// Validation rules of our own domain, as class-validator decorators: money is a whole number of
// minor units in a currency we support, dates are real calendar dates, products and adverse-action
// reason codes are ones Credence knows.
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../../domain/calendar.js';
import { isSupportedCurrency } from '../../../domain/currency.js';
import { getProduct } from '../../../policies/products.js';
import { isReasonCode } from '../loans/reason-codes.js';

/** An integer of minor units a number holds exactly, at least `min` (a float, a string or NaN fails). */
export function IsMinorUnits(min: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMinorUnits',
      constraints: [min],
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min,
        defaultMessage: buildMessage((each) => `${each}must be a whole number of minor units (an integer, no decimals) of at least ${min}`, options),
      },
    },
    options,
  );
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: (value: unknown) => isIsoDate(value), defaultMessage: buildMessage((each) => `${each}must be a real calendar date written YYYY-MM-DD`, options) },
    },
    options,
  );
}

export function IsSupportedCurrency(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSupportedCurrency',
      validator: {
        validate: (value: unknown) => isSupportedCurrency(value),
        defaultMessage: buildMessage((each) => `${each}must be an ISO 4217 currency code Credence supports, in upper case (e.g. INR, USD)`, options),
      },
    },
    options,
  );
}

export function IsKnownProduct(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKnownProduct',
      validator: { validate: (value: unknown) => typeof value === 'string' && knownProduct(value), defaultMessage: buildMessage((each) => `${each}must be the code of a product Credence offers`, options) },
    },
    options,
  );
}

export function IsReasonCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isReasonCode',
      validator: { validate: (value: unknown) => isReasonCode(value), defaultMessage: buildMessage((each) => `${each}must be a known adverse-action reason code`, options) },
    },
    options,
  );
}

function knownProduct(code: string): boolean {
  try {
    getProduct(code);
    return true;
  } catch {
    return false;
  }
}
