// The live delinquent portfolio as the dry-run sees it: every loan the read model shows
// delinquent, with its bucket, days past due, outstanding balance, product and currency, the
// segment and propensity band of its latest recovery.segmented event, the borrower's standing
// from the contact profile (country, time zone, consent to automated contact, opt-outs, wrong
// numbers, flags, an open dispute), the contacts made on it in the last 7 days, collectors' calls
// included (the gate's caps and the 7-days-after-a-conversation rule read them), and the running episode's counts (the
// policy's contact-history conditions read them). The one place that builds an account's facts
// and standing for a dry-run.
//
// A loan with no contact profile (activated before profiles were recorded) has none of that: its
// country is taken from the currency (INR India, USD the US, GBP the UK, anything else ZZ,
// "unknown", which gets the gate's default pack), its time zone is null (only hours good in every
// zone of the country), and no consent to automated contact is assumed.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BorrowerStanding, Channel } from '../../policies/compliance/rules.js';
import type { DryRunAccount } from '../../policies/recovery/dry-run.js';
import { PROPENSITY_BAND_NAMES } from '../../policies/recovery/policy-document.js';
import { RECOVERY_SEGMENTS, type PropensityBand, type RecoverySegment } from '../../policies/recovery-segments.js';

const COUNTRY_BY_CURRENCY: Readonly<Record<string, string>> = { INR: 'IN', USD: 'US', GBP: 'GB' };
export const UNKNOWN_COUNTRY = 'ZZ';

type Row = Record<string, unknown>;

export class DelinquentPortfolioRepository {
  constructor(private readonly em: EntityManager) {}

  async accounts(): Promise<DryRunAccount[]> {
    const rows = await this.em.execute<Row[]>(
      `select l.loan_id, l.bucket, l.days_past_due, l.outstanding_total, l.product, l.currency,
         s.data->>'segment' as segment, s.data->>'propensityBand' as propensity_band,
         p.loan_id as profiled, p.country, p.time_zone, p.automated_consent, p.opted_out_of_all, p.opted_out_channels, p.wrong_number_channels,
         p.bankruptcy, p.deceased, p.dispute_open, p.time_barred,
         e.contacts, e.promises_kept, e.promises_broken, e.replies, e.last_contact_at,
         coalesce(h.history, '[]'::json) as history
       from loans l
       left join lateral (
         select data from loan_events e where e.loan_id = l.loan_id and e.type = 'recovery.segmented' order by e.seq desc limit 1
       ) s on true
       left join contact_profiles p on p.loan_id = l.loan_id
       left join lateral (
         select r.contacts, r.promises_kept, r.promises_broken,
           (select count(*) from recovery_actions a where a.workflow_id = r.workflow_id and a.kind = 'reply') as replies,
           (select max(a.at) from recovery_actions a where a.workflow_id = r.workflow_id and a.kind = 'contact_sent') as last_contact_at
         from recovery_episodes r where r.loan_id = l.loan_id and r.status = 'running' order by r.episode desc limit 1
       ) e on true
       left join lateral (
         select json_agg(json_build_object('channel', d.channel, 'at', d.contact_at, 'conversation', d.conversation, 'collector', d.provider = 'collector')) as history
         from contact_deliveries d where d.loan_id = l.loan_id and (d.sent_at is not null or d.status = 'sending') and d.contact_at > now() - interval '8 days'
       ) h on true
       where l.status = 'delinquent'
       order by l.loan_id`,
    );
    const now = Date.now();
    return rows.map((r) => toAccount(r, now));
  }
}

function toAccount(r: Row, now: number): DryRunAccount {
  const currency = String(r.currency);
  const profiled = r.profiled !== null && r.profiled !== undefined;
  const country = profiled ? String(r.country) : (COUNTRY_BY_CURRENCY[currency] ?? UNKNOWN_COUNTRY);
  const lastContact = r.last_contact_at ? new Date(r.last_contact_at as string).getTime() : null;
  return {
    loanId: String(r.loan_id),
    facts: {
      event: 'entered',
      bucket: typeof r.bucket === 'string' ? r.bucket : '',
      dpd: Number(r.days_past_due),
      segment: RECOVERY_SEGMENTS.includes(r.segment as RecoverySegment) ? (r.segment as RecoverySegment) : null,
      propensityBand: PROPENSITY_BAND_NAMES.includes(r.propensity_band as PropensityBand) ? (r.propensity_band as PropensityBand) : null,
      balanceMinor: Number(r.outstanding_total),
      currency,
      product: String(r.product),
      region: country,
      contactHistory: {
        contacts: Number(r.contacts ?? 0),
        replies: Number(r.replies ?? 0),
        promisesBroken: Number(r.promises_broken ?? 0),
        promisesKept: Number(r.promises_kept ?? 0),
        daysSinceLastContact: lastContact === null ? null : Math.floor((now - lastContact) / 86_400_000),
      },
    },
    standing: profiled ? recordedStanding(r) : knownStanding(country),
    history: (r.history as { channel: Channel; at: string; conversation: boolean; collector: boolean | null }[]).map((c) => ({ channel: c.channel, at: new Date(c.at).getTime(), conversation: c.conversation, ...(c.collector ? { collector: true } : {}) })),
  };
}

/** The standing recovery recorded for the borrower (the contact profile). */
function recordedStanding(r: Row): BorrowerStanding {
  return {
    country: String(r.country),
    timeZone: (r.time_zone as string | null) ?? null,
    optedOutOfAll: Boolean(r.opted_out_of_all),
    optedOutChannels: r.opted_out_channels as Channel[],
    wrongNumberChannels: r.wrong_number_channels as Channel[],
    bankruptcy: Boolean(r.bankruptcy),
    deceased: Boolean(r.deceased),
    disputeOpen: Boolean(r.dispute_open),
    automatedConsent: Boolean(r.automated_consent),
    timeBarred: Boolean(r.time_barred),
  };
}

/** What is known of a borrower's standing before recovery records any: nothing against contact, and no consent to automation. */
function knownStanding(country: string): BorrowerStanding {
  return {
    country,
    timeZone: null,
    optedOutOfAll: false,
    optedOutChannels: [],
    wrongNumberChannels: [],
    bankruptcy: false,
    deceased: false,
    disputeOpen: false,
    automatedConsent: false,
    timeBarred: false,
  };
}
