// Keyed hashes of identifiers, normalised first so formatting differences (spaces, case, a
// leading +) cannot hide a shared phone or account.
import { createHmac } from 'node:crypto';
import type { LoanApplication } from '../../domain/application.js';
import type { PresentedIdentifier } from '../../db/repositories/application-identifier.repository.js';

export class IdentifierHasher {
  constructor(private readonly key: Buffer) {}

  hash(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${value}`).digest('hex');
  }

  /** A phone's hash: digits only, so +91 98200 11001 and 919820011001 are one number. */
  phoneHash(phone: string): string {
    return this.hash('phone', phone.replace(/[^\d]/g, ''));
  }

  /** An email's hash: trimmed and lower-cased. */
  emailHash(email: string): string {
    return this.hash('email', email.trim().toLowerCase());
  }

  personHash(application: LoanApplication): string {
    return this.hash('national_id', normaliseId(application.applicant.nationalId));
  }

  identifiers(application: LoanApplication): PresentedIdentifier[] {
    const { applicant, bankAccount, device } = application;
    const ids: PresentedIdentifier[] = [
      { kind: 'national_id', valueHash: this.personHash(application) },
      { kind: 'phone', valueHash: this.phoneHash(applicant.phone) },
      { kind: 'email', valueHash: this.emailHash(applicant.email) },
    ];
    if (device?.id) ids.push({ kind: 'device', valueHash: this.hash('device', device.id.trim()) });
    if (bankAccount) ids.push({ kind: 'bank_account', valueHash: this.hash('bank_account', `${normaliseId(bankAccount.routingCode)}:${normaliseId(bankAccount.accountNumber)}`) });
    return ids;
  }
}

function normaliseId(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}
