// OpenAPI schema fragments shared by the response DTOs.

/** An amount: an integer of minor units, never a decimal. */
export const MINOR_UNITS = { type: Number, format: 'int64', description: 'Minor units of the loan currency' } as const;
