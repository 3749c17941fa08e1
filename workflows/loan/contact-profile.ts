// The borrower's contact details (phone, email, postal address) and consents go to the contact profile (sealed at rest in
// Postgres) when the loan starts being repaid: recovery reaches them from there, and the loan's
// later runs carry no personal data. Behind a patch: loans activated before it have no profile,
// and recovery records their contacts as blocked (`credence.no-profile`) and hands them to people.
import { patched, proxyActivities } from '@temporalio/workflow';
import type { RecoveryContactActivities } from '../../activities/recovery-contact/recovery-contact.activities.js';
import type { LoanApplication } from '../../domain/application.js';

/** Patch ID: activation records the contact profile. */
export const CONTACT_PROFILE_AT_ACTIVATION = 'contact-profile-at-activation';

const profiles = proxyActivities<Pick<RecoveryContactActivities, 'upsertContactProfile'>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export async function recordContactProfile(loanId: string, application: LoanApplication): Promise<void> {
  if (!patched(CONTACT_PROFILE_AT_ACTIVATION)) return;
  const { applicant, consents } = application;
  await profiles.upsertContactProfile({
    loanId,
    name: `${applicant.firstName} ${applicant.lastName}`.trim(),
    phone: applicant.phone || null,
    email: applicant.email || null,
    // Where letters go (the validation notice when nothing electronic reaches the borrower). An
    // activity's input, not a command: histories recorded before it replay alike.
    postalAddress: applicant.address,
    language: applicant.language ?? 'en',
    country: applicant.address.country,
    timeZone: applicant.timeZone || null,
    consents: { contact: consents.contact, automatedContact: consents.automatedContact ?? false },
  });
}
