// Validation rules of our own domain, as class-validator decorators: money is a whole number of
// minor units in a currency we support, dates are real calendar dates, products and adverse-action
// reason codes are ones Credence knows; an optional field may be left out but is never null, and a
// length counts characters. Each says what the OpenAPI document says of the field.
import { buildMessage, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';
import { compareIsoDates, isIsoDate } from '../../../domain/calendar.js';
import { isSupportedCurrency } from '../../../domain/currency.js';
import { getProduct } from '../../../policies/products.js';
import { isReasonCode } from '../loans/reason-codes.js';
import { isInstant } from './instant-pattern.js';

/**
 * An optional field: left out, it is not validated; sent, it must be valid, and null is not a
 * value (class-validator's IsOptional lets null through, which reached the workflows as a
 * field they refused, or stood silently for "absent"). The OpenAPI document says the same: not
 * required, not nullable.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/**
 * At most `max` characters, counted as JSON Schema's maxLength and Postgres' varchar(n) count
 * them: code points. class-validator's MaxLength counts UTF-16 code units, so a letter beyond the
 * Basic Multilingual Plane (a CJK Extension B name) or an emoji in a note counted twice, and a
 * value the OpenAPI document allows was refused.
 */
export function MaxLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePoints(value) <= max,
        defaultMessage: buildMessage((each) => `${each}must be at most ${max} characters long`, options),
      },
    },
    options,
  );
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The first date of birth taken: older is a typing mistake. */
export const EARLIEST_DATE_OF_BIRTH = '1900-01-01';

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

/**
 * A real calendar date of birth, 1900 or later: its shape, which the OpenAPI document states. One
 * in the future depends on the day the request arrives, which no schema can state, so the use
 * case refuses it (422), not the validation.
 */
export function IsDateOfBirth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDateOfBirth',
      validator: {
        validate: (value: unknown) => isIsoDate(value) && compareIsoDates(value, EARLIEST_DATE_OF_BIRTH) >= 0,
        defaultMessage: buildMessage((each) => `${each}must be a real calendar date written YYYY-MM-DD, not before 1900`, options),
      },
    },
    options,
  );
}

/** A date, or a date and time with its zone, from 1970 on (instant-pattern.ts). ISO 8601 also allows "1171" (a year) or "2026-W49", which a timestamptz refuses. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: { validate: isInstant, defaultMessage: buildMessage((each) => `${each}must be a date (YYYY-MM-DD) or a date and time with its zone (2026-12-01T09:30:00Z), from 1970 on`, options) },
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
