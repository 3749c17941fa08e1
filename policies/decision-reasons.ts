// Adverse-action reasons the credit policy gives on its own account (the scorecard's are in
// models/scorecard/reasons.ts). Fraud never shows as fraud: the applicant reads that we could
// not verify their identity, which is true and does not tip off a fraudster.
import type { AdverseActionReason } from '../domain/credit.js';
import { KYC_CHECK } from './kyc-rules.js';

export const POLICY_REASONS = {
  IDENTITY_UNVERIFIED: { code: 'IDENTITY_UNVERIFIED', text: 'Unable to verify identity' },
  INCOMPLETE_APPLICATION: { code: 'INCOMPLETE_APPLICATION', text: 'Credit application incomplete' },
  MINIMUM_AGE: { code: 'MINIMUM_AGE', text: 'Applicant does not meet the minimum age for a credit agreement' },
  RESIDENCE_NOT_SERVED: { code: 'RESIDENCE_NOT_SERVED', text: 'We do not grant credit to residents of the country of the address given' },
  TERMS_NOT_OFFERED: { code: 'TERMS_NOT_OFFERED', text: 'We do not grant credit to any applicant on the terms and conditions you request' },
  INSUFFICIENT_INCOME: { code: 'INSUFFICIENT_INCOME', text: 'Income insufficient for amount of credit requested' },
} as const satisfies Record<string, AdverseActionReason>;

/** The reason a failed KYC check gives the applicant. */
export const KYC_CHECK_REASONS: Readonly<Record<string, AdverseActionReason>> = {
  [KYC_CHECK.age]: POLICY_REASONS.MINIMUM_AGE,
  [KYC_CHECK.dataConsent]: POLICY_REASONS.INCOMPLETE_APPLICATION,
  [KYC_CHECK.contactConsent]: POLICY_REASONS.INCOMPLETE_APPLICATION,
  [KYC_CHECK.email]: POLICY_REASONS.INCOMPLETE_APPLICATION,
  [KYC_CHECK.phone]: POLICY_REASONS.INCOMPLETE_APPLICATION,
  [KYC_CHECK.postalCode]: POLICY_REASONS.INCOMPLETE_APPLICATION,
  [KYC_CHECK.country]: POLICY_REASONS.RESIDENCE_NOT_SERVED,
  [KYC_CHECK.nationalId]: POLICY_REASONS.IDENTITY_UNVERIFIED,
  [KYC_CHECK.sanctions]: POLICY_REASONS.IDENTITY_UNVERIFIED,
};
