// The body of POST /v1/credit-reports, checked field by field so a caller learns every problem
// from one 400 (README.md in this folder documents each field).
import type { FieldError } from '../data-provider-api.js';
import { FieldReader } from '../data-provider-api.js';
import { compareIsoDates } from '../../../domain/calendar.js';
import { PERSON_NAME, PERSON_NAME_RULE } from '../../../domain/person-name.js';

export const PERMISSIBLE_PURPOSES = ['credit_application', 'account_review', 'collections'] as const;

export interface CreditReportRequest {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationalId: string;
  address: { line1: string; city: string; region?: string; postalCode: string; country: string };
  consentReference: string;
  purpose: (typeof PERMISSIBLE_PURPOSES)[number];
  asOf: string;
}

const NATIONAL_ID = /^[A-Za-z0-9-]{4,32}$/;

export function readCreditReportRequest(body: unknown): { ok: true; value: CreditReportRequest } | { ok: false; fieldErrors: FieldError[] } {
  const f = new FieldReader(body);
  const value: CreditReportRequest = {
    firstName: f.string('firstName', { max: 100, pattern: PERSON_NAME, describe: PERSON_NAME_RULE }),
    lastName: f.string('lastName', { max: 100, pattern: PERSON_NAME, describe: PERSON_NAME_RULE }),
    dateOfBirth: f.isoDate('dateOfBirth'),
    nationalId: f.string('nationalId', { pattern: NATIONAL_ID, describe: '4 to 32 letters, digits or hyphens' }),
    address: { line1: '', city: '', postalCode: '', country: '' },
    consentReference: f.string('consentReference', { max: 100 }),
    purpose: f.oneOf('purpose', PERMISSIBLE_PURPOSES),
    asOf: f.isoDate('asOf'),
  };
  if (f.object('address')) {
    const region = f.string('address.region', { max: 100, optional: true });
    value.address = {
      line1: f.string('address.line1'),
      city: f.string('address.city', { max: 100 }),
      postalCode: f.string('address.postalCode', { max: 12 }),
      country: f.string('address.country', { pattern: /^[A-Z]{2}$/, describe: 'an ISO 3166-1 alpha-2 code' }),
      ...(region ? { region } : {}),
    };
  }
  if (value.dateOfBirth && value.asOf && compareIsoDates(value.dateOfBirth, value.asOf) >= 0) {
    f.errors.push({ field: 'dateOfBirth', message: 'must be before asOf' });
  }
  return f.errors.length > 0 ? { ok: false, fieldErrors: f.errors } : { ok: true, value };
}
