// The body of POST /v1/statements (README.md in this folder documents each field).
import { FieldReader, type FieldError } from '../data-provider-api.js';
import { SANDBOX_CURRENCIES } from '../reference-income.js';

export interface StatementRequest {
  /** E.164: an account aggregator finds the accounts linked to a mobile number */
  phone: string;
  nationalId: string;
  consentReference: string;
  /** whole months back from asOf, 1-24 */
  months: number;
  asOf: string;
  currency: string;
}

export function readStatementRequest(body: unknown): { ok: true; value: StatementRequest } | { ok: false; fieldErrors: FieldError[] } {
  const f = new FieldReader(body);
  const value: StatementRequest = {
    phone: f.string('phone', { max: 16, pattern: /^\+[1-9]\d{7,14}$/, describe: 'an E.164 number such as +919820011001' }),
    nationalId: f.string('nationalId', { pattern: /^[A-Za-z0-9-]{4,32}$/, describe: '4 to 32 letters, digits or hyphens' }),
    consentReference: f.string('consentReference', { max: 100 }),
    months: f.integer('months', 1, 24),
    asOf: f.isoDate('asOf'),
    currency: f.oneOf('currency', SANDBOX_CURRENCIES),
  };
  return f.errors.length > 0 ? { ok: false, fieldErrors: f.errors } : { ok: true, value };
}
