// The identifier graph behind fraud screening: which applications presented which (hashed)
// phone, email, device, bank account and national ID, and when.
import type { EntityManager } from '@mikro-orm/postgresql';

export type IdentifierKind = 'national_id' | 'phone' | 'email' | 'device' | 'bank_account';

export interface PresentedIdentifier {
  kind: IdentifierKind;
  valueHash: string;
}

export class ApplicationIdentifierRepository {
  constructor(private readonly em: EntityManager) {}

  /** Idempotent: a retried screening records nothing twice. */
  async record(loanId: string, personHash: string, submittedAt: string, identifiers: PresentedIdentifier[]): Promise<void> {
    for (const id of identifiers) {
      await this.em.execute(
        `insert into application_identifiers (loan_id, kind, value_hash, person_hash, submitted_at) values (?, ?, ?, ?, ?)
         on conflict (loan_id, kind) do nothing`,
        [loanId, id.kind, id.valueHash, personHash, submittedAt],
      );
    }
  }

  /** Other applications presenting this value within `withinHours` before `at` (the velocity rules). */
  async otherApplicationsSince(loanId: string, id: PresentedIdentifier, at: string, withinHours: number): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(
      `select count(distinct loan_id) as n from application_identifiers
       where kind = ? and value_hash = ? and loan_id <> ? and submitted_at <= ? and submitted_at > ?::timestamptz - make_interval(hours => ?)`,
      [id.kind, id.valueHash, loanId, at, at, withinHours],
    );
    return Number(row?.n ?? 0);
  }

  /** Different people (by national-ID hash) who presented this value before `at` (the sharing rules). */
  async otherPeopleSharing(personHash: string, id: PresentedIdentifier, at: string): Promise<number> {
    const [row] = await this.em.execute<{ n: string }[]>(
      `select count(distinct person_hash) as n from application_identifiers
       where kind = ? and value_hash = ? and person_hash <> ? and submitted_at <= ?`,
      [id.kind, id.valueHash, personHash, at],
    );
    return Number(row?.n ?? 0);
  }
}
