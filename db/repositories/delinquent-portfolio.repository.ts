// The live delinquent portfolio as the dry-run sees it: every loan the read model shows
// delinquent, with its bucket, days past due, outstanding balance, product and currency, and the
// segment and propensity band of its latest recovery.segmented event where it has one. The one
// place that builds an account's facts and standing for a dry-run: contact history and standing
// (opt-outs, consent, time zone) join here once recovery records them.
//
// What the read model does not have yet: the borrower's country (taken from the loan's currency:
// INR is India, USD the US, GBP the UK; anything else is ZZ, "unknown", which gets the gate's
// default pack), the time zone (null: the gate then allows only hours good in every zone of the
// country), consent to automated contact (false), and any contact history (none).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BorrowerStanding } from '../../policies/compliance/rules.js';
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
         s.data->>'segment' as segment, s.data->>'propensityBand' as propensity_band
       from loans l
       left join lateral (
         select data from loan_events e where e.loan_id = l.loan_id and e.type = 'recovery.segmented' order by e.seq desc limit 1
       ) s on true
       where l.status = 'delinquent'
       order by l.loan_id`,
    );
    return rows.map(toAccount);
  }
}

function toAccount(r: Row): DryRunAccount {
  const currency = String(r.currency);
  const country = COUNTRY_BY_CURRENCY[currency] ?? UNKNOWN_COUNTRY;
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
      contactHistory: { contacts: 0, replies: 0, promisesBroken: 0, promisesKept: 0, daysSinceLastContact: null },
    },
    standing: knownStanding(country),
    history: [],
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
