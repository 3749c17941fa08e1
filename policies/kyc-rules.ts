// Know-your-customer rules, pure: who may apply (age, consents, a country we lend in), whether
// the contact details and identifiers are well formed, and sanctions screening. Each check says
// whether it passed; a failed check is either fatal (fail) or needs a person (review).
import type { LoanApplication } from '../domain/application.js';
import { ageOn, compareIsoDates, isIsoDate, type IsoDate } from '../domain/calendar.js';
import type { CheckResult, KycResult } from '../domain/credit.js';
import { normaliseName, sameTokens } from './name-matching.js';
import type { SanctionsEntry } from './sanctions/sanctions-list.js';

export const KYC_RULES_VERSION = '2026-11.1';
export const MIN_AGE = 18;
export const MAX_AGE = 100;

export const KYC_CHECK = {
  age: 'age_eligible',
  dataConsent: 'consent_credit_data',
  contactConsent: 'consent_contact_recorded',
  email: 'email_format',
  phone: 'phone_e164',
  country: 'country_supported',
  nationalId: 'national_id_format',
  postalCode: 'postal_code_format',
  sanctions: 'sanctions_screening',
} as const;

interface CountryRules {
  nationalId: RegExp;
  nationalIdName: string;
  postalCode: RegExp;
}

/** Countries we lend in, with the national identifier a bureau keys on and the postal-code shape. */
export const SUPPORTED_COUNTRIES: Readonly<Record<string, CountryRules>> = {
  // PAN: five letters (the fourth is P for an individual), four digits, a check letter.
  IN: { nationalId: /^[A-Z]{3}P[A-Z][0-9]{4}[A-Z]$/, nationalIdName: 'PAN of an individual', postalCode: /^[1-9][0-9]{5}$/ },
  // SSN: never area 000, 666 or 9xx, group 00 or serial 0000.
  US: { nationalId: /^(?!000|666|9\d\d)\d{3}-?(?!00)\d{2}-?(?!0000)\d{4}$/, nationalIdName: 'SSN', postalCode: /^[0-9]{5}(-[0-9]{4})?$/ },
  GB: { nationalId: /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$/, nationalIdName: 'National Insurance number', postalCode: /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/ },
  IE: { nationalId: /^[0-9]{7}[A-W][A-IW]?$/, nationalIdName: 'PPS number', postalCode: /^[AC-FHKNPRTV-Y][0-9]{2}W?( ?[0-9AC-FHKNPRTV-Y]{4})?$/ },
  DE: { nationalId: /^[0-9]{11}$/, nationalIdName: 'tax identification number', postalCode: /^[0-9]{5}$/ },
  FR: { nationalId: /^[12][0-9]{12}([0-9]{2})?$/, nationalIdName: 'NIR', postalCode: /^[0-9]{5}$/ },
  ES: { nationalId: /^([0-9]{8}|[XYZ][0-9]{7})[A-Z]$/, nationalIdName: 'DNI / NIE', postalCode: /^[0-9]{5}$/ },
  IT: { nationalId: /^[A-Z]{6}[0-9]{2}[A-Z][0-9]{2}[A-Z][0-9]{3}[A-Z]$/, nationalIdName: 'codice fiscale', postalCode: /^[0-9]{5}$/ },
  NL: { nationalId: /^[0-9]{9}$/, nationalIdName: 'BSN', postalCode: /^[1-9][0-9]{3} ?[A-Z]{2}$/ },
};

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[A-Za-z]{2,}$/;
const E164 = /^\+[1-9][0-9]{7,14}$/;

export type SanctionsHit = { kind: 'none' } | { kind: 'name_only' | 'name_and_dob'; entry: SanctionsEntry };

/**
 * Screening on the normalised full name against every name and alias (any word order). A name
 * hit with the same date of birth is a match; a name hit without one (the list has another date
 * or none) could be a namesake, so a person decides.
 */
export function screenSanctions(firstName: string, lastName: string, dateOfBirth: IsoDate, list: readonly SanctionsEntry[]): SanctionsHit {
  const fullName = `${firstName} ${lastName}`;
  let nameOnly: SanctionsEntry | undefined;
  for (const entry of list) {
    if (![entry.name, ...entry.aliases].some((listed) => normaliseName(listed) === normaliseName(fullName) || sameTokens(listed, fullName))) continue;
    if (entry.dateOfBirth === dateOfBirth) return { kind: 'name_and_dob', entry };
    nameOnly ??= entry;
  }
  return nameOnly ? { kind: 'name_only', entry: nameOnly } : { kind: 'none' };
}

export function evaluateKyc(application: LoanApplication, asOf: IsoDate, sanctions: readonly SanctionsEntry[]): KycResult {
  const { applicant, consents } = application;
  const checks: CheckResult[] = [];
  let worst: KycResult['outcome'] = 'pass';
  const check = (code: string, ok: boolean, detail: string, severity: 'fail' | 'review' = 'fail') => {
    checks.push({ code, passed: ok, detail });
    if (!ok && (severity === 'fail' || worst === 'pass')) worst = severity;
  };

  const validDob = isIsoDate(applicant.dateOfBirth) && compareIsoDates(applicant.dateOfBirth, asOf) <= 0;
  const age = validDob ? ageOn(applicant.dateOfBirth, asOf) : undefined;
  check(KYC_CHECK.age, age !== undefined && age >= MIN_AGE && age <= MAX_AGE, age === undefined ? 'date of birth missing or in the future' : `age ${age} on ${asOf}; must be ${MIN_AGE}-${MAX_AGE}`);
  check(KYC_CHECK.dataConsent, consents.bureauPull === true || consents.bankData === true, 'consent to a bureau pull or to bank data is required to assess the application');
  check(KYC_CHECK.contactConsent, typeof consents.contact === 'boolean', 'the contact consent must be recorded, given or refused');
  check(KYC_CHECK.email, EMAIL.test(applicant.email), 'email address shape');
  check(KYC_CHECK.phone, E164.test(applicant.phone), 'phone number in E.164 form, e.g. +919820011001');

  const country = SUPPORTED_COUNTRIES[applicant.address.country];
  check(KYC_CHECK.country, country !== undefined, `address country ${applicant.address.country}; we lend in ${Object.keys(SUPPORTED_COUNTRIES).join(', ')}`);
  if (country) {
    check(KYC_CHECK.nationalId, country.nationalId.test(applicant.nationalId.toUpperCase()), `national ID must be a ${country.nationalIdName}`);
    check(KYC_CHECK.postalCode, country.postalCode.test(applicant.address.postalCode.toUpperCase()), `postal code shape for ${applicant.address.country}`);
  }

  const hit = screenSanctions(applicant.firstName, applicant.lastName, applicant.dateOfBirth, sanctions);
  if (hit.kind === 'none') check(KYC_CHECK.sanctions, true, `no match among ${sanctions.length} entries`);
  else if (hit.kind === 'name_and_dob') check(KYC_CHECK.sanctions, false, `name and date of birth match sanctions entry ${hit.entry.id}`);
  else check(KYC_CHECK.sanctions, false, `name matches sanctions entry ${hit.entry.id}, date of birth ${hit.entry.dateOfBirth ? 'differs' : 'unknown'}: possible namesake`, 'review');

  return { outcome: worst, checks };
}
