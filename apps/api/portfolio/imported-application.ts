// The LoanApplication an imported borrower reaches the workflow with, as an originated loan's
// does: the applicant with their contact details, language and time zone, and their consents.
// Fields only origination uses are filled with what is true of a loan we did not originate:
// - loan.purpose is 'imported' (the lender's purpose is not part of the import);
// - consents.bureauPull and bankData are false: we pulled nothing and were given no consent to;
// - consents.autopay is false (the import refuses anything else: no mandate with our gateway);
// - employment, when the book does not carry it, is status 'other' with monthlyIncome 0, which
//   here means "not reported", not "no income"; servicing keeps only the status for contact-hour.
// No bank account and no device: there was no application session.
import type { LoanApplication } from '../../../domain/application.js';
import type { ImportRowDto } from './import-row.dto.js';

export const IMPORTED_PURPOSE = 'imported';

export function importedApplication(row: ImportRowDto): LoanApplication {
  const { borrower, consents } = row;
  return {
    applicant: {
      firstName: borrower.firstName,
      lastName: borrower.lastName,
      dateOfBirth: borrower.dateOfBirth,
      email: borrower.email,
      phone: borrower.phone,
      nationalId: borrower.nationalId,
      address: { line1: borrower.address.line1, city: borrower.address.city, region: borrower.address.region, postalCode: borrower.address.postalCode, country: borrower.address.country },
      timeZone: borrower.timeZone,
      employment: { status: row.employmentStatus ?? 'other', monthlyIncome: row.monthlyIncome ?? 0 },
      ...(borrower.language ? { language: borrower.language } : {}),
    },
    loan: { principal: row.principal, currency: row.currency, termMonths: row.termMonths, purpose: IMPORTED_PURPOSE, product: row.product },
    consents: { bureauPull: false, bankData: false, contact: consents.contact, automatedContact: consents.automatedContact ?? false, autopay: false },
  };
}
