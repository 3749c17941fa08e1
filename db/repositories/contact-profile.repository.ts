// Borrowers' contact profiles and their standing. Personal fields are sealed by the field cipher
// on the way in and opened on the way out, and so is a standing change's reason (free text: a
// collector's note or an ops reason can name the borrower); lookups by phone or email go through
// keyed hashes of the normalised value (the fraud screen's hasher, so both normalise alike). A
// standing change is logged and applied under the profile's row lock, in one transaction.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Address, ContactLanguage } from '../../domain/application.js';
import { CHANNELS, type BorrowerStanding, type Channel } from '../../policies/compliance/rules.js';
import { ALL_CASES, loanVisible, type CaseScope } from './case-scope.js';
import { textOrNull } from './row-values.js';

export interface FieldSealer {
  encrypt(plain: string, context: string): string;
  decrypt(sealed: string, context: string): string;
}

export interface ContactLookupHasher {
  phoneHash(phone: string): string;
  emailHash(email: string): string;
  /** a keyed hash of any identifier (also what signs the links to the borrower's pages) */
  hash(kind: string, value: string): string;
}

export interface ContactProfileInput {
  loanId: string;
  name: string;
  /** E.164 */
  phone: string | null;
  email: string | null;
  /** where letters go: the address the application or import gave (absent or null: none on record, so no letter) */
  postalAddress?: Address | null;
  language: ContactLanguage;
  country: string;
  timeZone: string | null;
  consents: { contact: boolean; automatedContact: boolean };
}

export interface ContactProfileRecord extends ContactProfileInput {
  postalAddress: Address | null;
  standing: BorrowerStanding;
  dispute: { openedAt: string | null; verifiedAt: string | null; verifiedBy: string | null };
  /** a request for the original creditor's name and address (12 CFR 1006.38(c)): open until the answer goes out */
  originalCreditor: { requested: boolean; requestedAt: string | null; providedAt: string | null };
  updatedAt: string;
}

export type StandingChange =
  | { change: 'opt_out'; channel: Channel }
  | { change: 'opt_out_all' }
  | { change: 'wrong_number'; channel: Channel }
  | { change: 'dispute_opened' }
  | { change: 'dispute_verified' }
  | { change: 'original_creditor_requested' }
  | { change: 'original_creditor_provided' }
  | { change: 'flag'; flag: 'bankruptcy' | 'deceased' | 'time_barred'; value: boolean };

export interface StandingChangeOrigin {
  /** recovery: the recovery workflow (it sent the answer a request was waiting for) */
  source: 'inbound' | 'delivery_event' | 'key_press' | 'collector' | 'api' | 'import' | 'recovery';
  /** the inbound message, provider event or request behind it */
  sourceRef: string | null;
  actor: string | null;
  reason: string | null;
  at: string;
}

export interface StandingChangeRecord {
  change: string;
  channel: string | null;
  source: string;
  sourceRef: string | null;
  actor: string | null;
  reason: string | null;
  at: string;
}

type Row = Record<string, unknown>;

export const SEAL = { name: 'contact_profiles.name', phone: 'contact_profiles.phone', email: 'contact_profiles.email', postalAddress: 'contact_profiles.postal_address', reason: 'contact_standing_changes.reason' } as const;

export class ContactProfileRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly cipher: FieldSealer,
    private readonly hasher: ContactLookupHasher,
  ) {}

  /** Creates or refreshes the profile's details and consents; the standing it has earned is kept. */
  async upsert(input: ContactProfileInput): Promise<void> {
    const now = new Date().toISOString();
    await this.em.execute(
      `insert into contact_profiles (loan_id, name_sealed, phone_sealed, email_sealed, postal_address_sealed, phone_hash, email_hash, language, country, time_zone, contact_consent, automated_consent,
         opted_out_of_all, opted_out_channels, wrong_number_channels, bankruptcy, deceased, dispute_open, time_barred, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, '[]', '[]', false, false, false, false, ?, ?)
       on conflict (loan_id) do update set name_sealed = excluded.name_sealed, phone_sealed = excluded.phone_sealed, email_sealed = excluded.email_sealed,
         postal_address_sealed = excluded.postal_address_sealed,
         phone_hash = excluded.phone_hash, email_hash = excluded.email_hash, language = excluded.language, country = excluded.country, time_zone = excluded.time_zone,
         contact_consent = excluded.contact_consent, automated_consent = excluded.automated_consent, updated_at = excluded.updated_at`,
      [
        input.loanId,
        this.cipher.encrypt(input.name, SEAL.name),
        input.phone === null ? null : this.cipher.encrypt(input.phone, SEAL.phone),
        input.email === null ? null : this.cipher.encrypt(input.email, SEAL.email),
        input.postalAddress ? this.cipher.encrypt(JSON.stringify(postalAddress(input.postalAddress)), SEAL.postalAddress) : null,
        input.phone === null ? null : this.hasher.phoneHash(input.phone),
        input.email === null ? null : this.hasher.emailHash(input.email),
        input.language,
        input.country,
        input.timeZone,
        input.consents.contact,
        input.consents.automatedContact,
        now,
        now,
      ],
    );
  }

  /** The profile, if its loan has a case in `scope` (case-scope.ts): outside it, as if there were none. */
  async find(loanId: string, scope: CaseScope = ALL_CASES): Promise<ContactProfileRecord | null> {
    const visible = loanVisible(scope, 'p.loan_id');
    const [row] = await this.em.execute<Row[]>(`select * from contact_profiles p where p.loan_id = ? and ${visible.sql}`, [loanId, ...visible.params]);
    return row ? this.toRecord(row) : null;
  }

  async standing(loanId: string): Promise<BorrowerStanding | null> {
    return (await this.find(loanId))?.standing ?? null;
  }

  /** Every loan the number is on (one person may hold several). */
  async byPhone(e164: string): Promise<string[]> {
    return this.loansWhere('phone_hash', this.hasher.phoneHash(e164));
  }

  async byEmail(address: string): Promise<string[]> {
    return this.loansWhere('email_hash', this.hasher.emailHash(address));
  }

  /** Logs the change and applies it to the profile; false when there is no profile. */
  async recordStandingChange(loanId: string, change: StandingChange, origin: StandingChangeOrigin): Promise<boolean> {
    return this.em.transactional(async (em) => {
      const [row] = await em.execute<Row[]>(`select * from contact_profiles where loan_id = ? for update`, [loanId]);
      if (!row) return false;
      const channel = 'channel' in change ? change.channel : null;
      const name = change.change === 'flag' ? `${change.flag}_${change.value ? 'set' : 'cleared'}` : change.change;
      await em.execute(`insert into contact_standing_changes (loan_id, change, channel, source, source_ref, actor, reason, at) values (?, ?, ?, ?, ?, ?, ?, ?)`, [
        loanId,
        name,
        channel,
        origin.source,
        origin.sourceRef,
        origin.actor,
        // Free text: a collector's note, a reply's words, an ops reason may all name the borrower.
        origin.reason === null ? null : this.cipher.encrypt(origin.reason, SEAL.reason),
        origin.at,
      ]);
      const [sql, params] = applied(change, row, origin);
      await em.execute(`update contact_profiles set ${sql}, updated_at = ? where loan_id = ?`, [...params, origin.at, loanId]);
      return true;
    });
  }

  async changes(loanId: string, scope: CaseScope = ALL_CASES): Promise<StandingChangeRecord[]> {
    const visible = loanVisible(scope, 'ch.loan_id');
    const rows = await this.em.execute<Row[]>(`select * from contact_standing_changes ch where ch.loan_id = ? and ${visible.sql} order by ch.at, ch.id`, [loanId, ...visible.params]);
    return rows.map((r) => ({
      change: String(r.change),
      channel: textOrNull(r.channel),
      source: String(r.source),
      sourceRef: textOrNull(r.source_ref),
      actor: textOrNull(r.actor),
      reason: r.reason === null ? null : this.cipher.decrypt(r.reason as string, SEAL.reason),
      at: iso(r.at),
    }));
  }

  private async loansWhere(column: 'phone_hash' | 'email_hash', hash: string): Promise<string[]> {
    const rows = await this.em.execute<Row[]>(`select loan_id from contact_profiles where ${column} = ? order by created_at`, [hash]);
    return rows.map((r) => String(r.loan_id));
  }

  private toRecord(row: Row): ContactProfileRecord {
    const channels = (value: unknown) => (asArray(value) as string[]).filter((c): c is Channel => (CHANNELS as readonly string[]).includes(c));
    return {
      loanId: String(row.loan_id),
      name: this.cipher.decrypt(String(row.name_sealed), SEAL.name),
      phone: row.phone_sealed === null ? null : this.cipher.decrypt(row.phone_sealed as string, SEAL.phone),
      email: row.email_sealed === null ? null : this.cipher.decrypt(row.email_sealed as string, SEAL.email),
      postalAddress: row.postal_address_sealed === null || row.postal_address_sealed === undefined ? null : (JSON.parse(this.cipher.decrypt(row.postal_address_sealed as string, SEAL.postalAddress)) as Address),
      language: String(row.language) as ContactLanguage,
      country: String(row.country),
      timeZone: textOrNull(row.time_zone),
      consents: { contact: Boolean(row.contact_consent), automatedContact: Boolean(row.automated_consent) },
      standing: {
        country: String(row.country),
        timeZone: textOrNull(row.time_zone),
        optedOutOfAll: Boolean(row.opted_out_of_all),
        optedOutChannels: channels(row.opted_out_channels),
        wrongNumberChannels: channels(row.wrong_number_channels),
        bankruptcy: Boolean(row.bankruptcy),
        deceased: Boolean(row.deceased),
        disputeOpen: Boolean(row.dispute_open),
        automatedConsent: Boolean(row.automated_consent),
        timeBarred: Boolean(row.time_barred),
        originalCreditorRequested: Boolean(row.original_creditor_requested),
      },
      dispute: {
        openedAt: row.dispute_opened_at === null ? null : iso(row.dispute_opened_at),
        verifiedAt: row.dispute_verified_at === null ? null : iso(row.dispute_verified_at),
        verifiedBy: textOrNull(row.dispute_verified_by),
      },
      originalCreditor: {
        requested: Boolean(row.original_creditor_requested),
        requestedAt: row.original_creditor_requested_at === null || row.original_creditor_requested_at === undefined ? null : iso(row.original_creditor_requested_at),
        providedAt: row.original_creditor_provided_at === null || row.original_creditor_provided_at === undefined ? null : iso(row.original_creditor_provided_at),
      },
      updatedAt: iso(row.updated_at),
    };
  }
}

function applied(change: StandingChange, row: Row, origin: StandingChangeOrigin): [string, unknown[]] {
  const add = (column: string, channel: Channel): [string, unknown[]] => {
    const current = asArray(row[column]) as string[];
    return [`${column} = ?::jsonb`, [JSON.stringify(current.includes(channel) ? current : [...current, channel].sort())]];
  };
  switch (change.change) {
    case 'opt_out':
      return add('opted_out_channels', change.channel);
    case 'wrong_number':
      return add('wrong_number_channels', change.channel);
    case 'opt_out_all':
      return ['opted_out_of_all = true', []];
    case 'dispute_opened':
      return ['dispute_open = true, dispute_opened_at = ?, dispute_verified_at = null, dispute_verified_by = null', [origin.at]];
    case 'dispute_verified':
      return ['dispute_open = false, dispute_verified_at = ?, dispute_verified_by = ?', [origin.at, origin.actor]];
    case 'original_creditor_requested':
      return ['original_creditor_requested = true, original_creditor_requested_at = ?', [origin.at]];
    case 'original_creditor_provided':
      return ['original_creditor_requested = false, original_creditor_provided_at = ?', [origin.at]];
    case 'flag': {
      const column = change.flag === 'time_barred' ? 'time_barred' : change.flag;
      return [`${column} = ?`, [change.value]];
    }
  }
}

/** Only the address's own fields are sealed (an application's Address may be a DTO instance carrying more). */
function postalAddress(a: Address): Address {
  return { line1: a.line1, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country };
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return JSON.parse(value) as unknown[];
  return [];
}

function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}
