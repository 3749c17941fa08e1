// OpenAPI schema fragments shared by the DTOs.

/** An amount: an integer of minor units, never a decimal. */
export const MINOR_UNITS = { type: Number, format: 'int64', description: 'Minor units of the loan currency' } as const;

/**
 * An amount a request carries, as IsMinorUnits(min) takes it: an integer a JavaScript number holds
 * exactly, so at most 2^53 - 1 (int64 alone would promise up to 2^63 - 1).
 */
export function requestMinorUnits(min: number, description = 'Minor units of the loan currency'): { type: 'integer'; format: 'int64'; minimum: number; maximum: number; description: string } {
  return { type: 'integer', format: 'int64', minimum: min, maximum: Number.MAX_SAFE_INTEGER, description };
}

/** A client's reference (an Idempotency-Key, a payment's externalId): 1 to 255 visible ASCII characters, Stripe's limit and the columns'. */
export const VISIBLE_ASCII_REFERENCE = /^[\x21-\x7e]{1,255}$/;
