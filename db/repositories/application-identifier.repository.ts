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

  /**
   * The identifier graph around one application, two hops out: the applications sharing any of
   * its identifiers, and those sharing any of theirs, up to `limit` applications, each with all
   * its identifiers (national IDs excluded: that is the person, not a shared identifier). Only
   * applications submitted by `at` count, so a screening sees what existed when it ran.
   */
  async neighbourhood(loanId: string, at: string, limit: number): Promise<{ loanId: string; personHash: string; kind: IdentifierKind; valueHash: string }[]> {
    const rows = await this.em.execute<{ loan_id: string; person_hash: string; kind: IdentifierKind; value_hash: string }[]>(
      `with seed as (select kind, value_hash from application_identifiers where loan_id = ? and kind <> 'national_id'),
       hop1 as (select distinct a.loan_id from application_identifiers a join seed s using (kind, value_hash) where a.submitted_at <= ?),
       ids1 as (select distinct kind, value_hash from application_identifiers where loan_id in (select loan_id from hop1) and kind <> 'national_id'),
       hop2 as (select distinct a.loan_id from application_identifiers a join ids1 s using (kind, value_hash) where a.submitted_at <= ? limit ?)
       select loan_id, person_hash, kind, value_hash from application_identifiers
       where loan_id in (select loan_id from hop2 union select ?::uuid) and kind <> 'national_id'
       order by loan_id, kind`,
      [loanId, at, at, limit, loanId],
    );
    return rows.map((r) => ({ loanId: r.loan_id, personHash: r.person_hash, kind: r.kind, valueHash: r.value_hash }));
  }
}
