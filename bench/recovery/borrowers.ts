// The simulated delinquent book: per borrower a country, a time zone (some unknown, several with
// daylight saving), a language, consents and reachability (a postal address for everyone, some of
// them stale), a scenario (response-model.ts), and a
// loan in arrears in minor units. Beside the truth, the lender's file (lender-view.ts): what the
// policy may see. Seeded per borrower, so a borrower is the same in every strategy's run.
import type { Channel } from '../../policies/compliance/rules.js';
import { SeededRandom } from '../../domain/seeded-random.js';
import { lenderFile, type LenderFile } from './lender-view.js';
import { ARCHETYPES, RESPONSE_MODEL, type Archetype } from './response-model.js';

export interface Arrear {
  /** day of the quarter the instalment fell due (negative: before the quarter began) */
  dueDay: number;
  amountMinor: number;
}

export interface Borrower {
  index: number;
  loanId: string;
  country: string;
  /** the zone on file (null: unknown) */
  timeZone: string | null;
  /** where the borrower really is, for the hour they read a message */
  actualZone: string;
  language: 'en' | 'hi' | 'es';
  currency: string;
  instalmentMinor: number;
  arrears: Arrear[];
  /** the next instalment's day in the quarter; then every 30 days */
  nextDueDay: number;
  automatedConsent: boolean;
  /** channels that cannot reach the borrower from the start (no WhatsApp, no email on file) */
  unreachable: Channel[];
  emailBounces: boolean;
  /** the phone number on file is a stranger's */
  wrongPhone: boolean;
  /** every borrower has a postal address on file (the application asks for one); this one's is stale: letters come back */
  letterReturns: boolean;
  archetype: Archetype;
  /** a farmer's harvest income arrives on this day of the quarter (null: not this quarter) */
  incomeDay: number | null;
  bankruptcyDay: number | null;
  deceasedDay: number | null;
  file: LenderFile;
}

const US_ZONES: Array<[string, number]> = [
  ['America/New_York', 47],
  ['America/Chicago', 29],
  ['America/Denver', 5],
  ['America/Phoenix', 2],
  ['America/Los_Angeles', 15],
  ['America/Anchorage', 1],
  ['Pacific/Honolulu', 1],
];
const OTHERS: Array<[{ country: string; zone: string; currency: string; language: 'en' | 'es'; instalment: [number, number]; whatsapp: number }, number]> = [
  [{ country: 'GB', zone: 'Europe/London', currency: 'GBP', language: 'en', instalment: [8_000, 45_000], whatsapp: 50 }, 3],
  [{ country: 'MX', zone: 'America/Mexico_City', currency: 'MXN', language: 'es', instalment: [150_000, 800_000], whatsapp: 80 }, 2],
  [{ country: 'PH', zone: 'Asia/Manila', currency: 'PHP', language: 'en', instalment: [200_000, 1_000_000], whatsapp: 70 }, 2],
  [{ country: 'KE', zone: 'Africa/Nairobi', currency: 'KES', language: 'en', instalment: [300_000, 2_000_000], whatsapp: 60 }, 1],
];
/** days past due at the start: [from, to, weight] */
const DPD_AT_START: Array<[[number, number], number]> = [
  [[1, 15], 40],
  [[16, 30], 25],
  [[31, 60], 20],
  [[61, 90], 10],
  [[91, 150], 5],
];

export function generateBorrowers(seed: number, count: number, days: number): Borrower[] {
  return Array.from({ length: count }, (_, i) => generateBorrower(seed, i, days));
}

function generateBorrower(seed: number, index: number, days: number): Borrower {
  const rng = new SeededRandom(`${seed}:borrower:${index}`);
  const region = rng.weighted<'IN' | 'US' | 'other'>([['IN', 68], ['US', 24], ['other', 8]]);
  let country: string, actualZone: string, timeZone: string | null, currency: string, language: Borrower['language'], instalmentMinor: number, whatsapp: number, emailOnFile: number, consent: number;
  if (region === 'IN') {
    country = 'IN';
    actualZone = 'Asia/Kolkata';
    timeZone = rng.chance(90) ? actualZone : null;
    currency = 'INR';
    language = rng.chance(55) ? 'hi' : 'en';
    instalmentMinor = rng.int(150_000, 1_500_000);
    whatsapp = 85;
    emailOnFile = 70;
    consent = 90;
  } else if (region === 'US') {
    country = 'US';
    actualZone = rng.weighted(US_ZONES);
    timeZone = rng.chance(85) ? actualZone : null;
    currency = 'USD';
    language = rng.chance(22) ? 'es' : 'en';
    instalmentMinor = rng.int(12_000, 65_000);
    whatsapp = 15;
    emailOnFile = 95;
    consent = 72;
  } else {
    const o = rng.weighted(OTHERS);
    country = o.country;
    actualZone = o.zone;
    timeZone = rng.chance(85) ? actualZone : null;
    currency = o.currency;
    language = o.language;
    instalmentMinor = rng.int(o.instalment[0], o.instalment[1]);
    whatsapp = o.whatsapp;
    emailOnFile = 85;
    consent = 85;
  }
  const shares = RESPONSE_MODEL.archetypeShares[region];
  const archetype = rng.weighted(ARCHETYPES.map((a) => [a, shares[a]] as const));
  if (archetype === 'new_to_credit') instalmentMinor = Math.round(instalmentMinor / 3);
  const [[from, to]] = [rng.weighted(DPD_AT_START.map(([range, w]) => [range, w] as const))];
  const dpd = rng.int(from, to);
  const missed = Math.ceil(dpd / 30);
  const arrears: Arrear[] = Array.from({ length: missed }, (_, k) => ({ dueDay: -dpd + 30 * k, amountMinor: instalmentMinor }));
  const unreachable: Channel[] = [];
  if (!rng.chance(whatsapp)) unreachable.push('whatsapp');
  const hasEmail = rng.chance(emailOnFile);
  if (!hasEmail) unreachable.push('email');
  const emailBounces = hasEmail && rng.chance(8);
  const wrongPhone = rng.chance(3);
  const automatedConsent = rng.chance(consent);
  // Kharif income (October to mid-December) for most; the rest earn after the quarter.
  const incomeDay = archetype === 'seasonal_farmer' && rng.chance(70) ? rng.int(10, 70) : null;
  const bankruptcyDay = country === 'US' && rng.int(1, 1_000_000) <= RESPONSE_MODEL.bankruptcyChanceUs * 1_000_000 ? rng.int(1, days - 1) : null;
  const deceasedDay = rng.int(1, 1_000_000) <= RESPONSE_MODEL.deceasedChance * 1_000_000 ? rng.int(1, days - 1) : null;
  // A stream of its own, so the book drawn before letters existed is the same book.
  const letterReturns = new SeededRandom(`${seed}:postal:${index}`).chance(RESPONSE_MODEL.letterReturnPercent);
  return {
    index,
    loanId: `sim-${seed}-${index}`,
    country,
    timeZone,
    actualZone,
    language,
    currency,
    instalmentMinor,
    arrears,
    nextDueDay: -dpd + 30 * missed,
    automatedConsent,
    unreachable,
    emailBounces,
    wrongPhone,
    letterReturns,
    archetype,
    incomeDay,
    bankruptcyDay,
    deceasedDay,
    file: lenderFile(rng, archetype, dpd),
  };
}
