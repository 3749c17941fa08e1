// The borrowers the recovery-episodes bench opens episodes for: a deterministic mix, by index, of
// countries and time zones (so the gate sends some contacts at once and holds others for their
// local hours, as a real book does), languages, segments, buckets and balances. Their numbers and
// addresses are outside the sandboxes' answering borrowers: delivered, never replied to. A few
// episodes per run go to the sandboxes' published borrowers who do answer (STOP, a dispute, a
// promise, a wrong number, a bounce, an IVR key press) and to Twilio's failing test numbers, so
// the run carries the inbound signals and failure callbacks a live book has. The borrower who
// pays is left out: there is no loan workflow behind these episodes for a payment to reach.
import type { ContactProfileInput } from '../../db/repositories/contact-profile.repository.js';
import { addDays, toIsoDate } from '../../domain/calendar.js';
import { RECOVERY_BORROWERS, TWILIO_TEST_NUMBERS } from '../../apps/sandboxes/recovery-borrowers.js';
import type { RecoveryInput } from '../../workflows/recovery/definitions.js';
import type { RecoverySegment } from '../../policies/recovery-segments.js';

interface Region {
  country: string;
  timeZone: string | null;
  currency: string;
  language: ContactProfileInput['language'];
  phone: (i: number) => string;
}

const digits = (i: number, width: number) => String(i).padStart(width, '0');

/** Ten slots: half India, three US (one with no known zone: only hours convenient in every US zone), the UK and Spain. */
const REGIONS: readonly Region[] = [
  { country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', language: 'en', phone: (i) => `+9198${digits(i, 8)}` },
  { country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', language: 'hi', phone: (i) => `+9198${digits(i, 8)}` },
  { country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', language: 'en', phone: (i) => `+9198${digits(i, 8)}` },
  { country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', language: 'hi', phone: (i) => `+9198${digits(i, 8)}` },
  { country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', language: 'en', phone: (i) => `+9198${digits(i, 8)}` },
  { country: 'US', timeZone: 'America/New_York', currency: 'USD', language: 'en', phone: (i) => `+1202${digits(i % 10_000_000, 7)}` },
  { country: 'US', timeZone: 'America/Los_Angeles', currency: 'USD', language: 'es', phone: (i) => `+1213${digits(i % 10_000_000, 7)}` },
  { country: 'US', timeZone: null, currency: 'USD', language: 'en', phone: (i) => `+1312${digits(i % 10_000_000, 7)}` },
  { country: 'GB', timeZone: 'Europe/London', currency: 'GBP', language: 'en', phone: (i) => `+447700${digits(i % 1_000_000, 6)}` },
  { country: 'ES', timeZone: 'Europe/Madrid', currency: 'EUR', language: 'es', phone: (i) => `+346${digits(i % 100_000_000, 8)}` },
];

const SEGMENTS: readonly RecoverySegment[] = ['reminder', 'reminder', 'self_cure', 'reminder', 'restructure', 'flexible_schedule', 'reminder', 'field_or_legal'];
const BANDS = ['high', 'medium', 'low'] as const;
const BUCKETS = [
  { bucket: '1-15', dpd: 9 },
  { bucket: '16-30', dpd: 22 },
  { bucket: '31-60', dpd: 45 },
  { bucket: '1-15', dpd: 4 },
  { bucket: '61-90', dpd: 70 },
] as const;

/** The sandboxes' answering borrowers (but the payer) and Twilio's numbers that fail after acceptance: one episode each per run. */
const ANSWERING = [
  ...RECOVERY_BORROWERS.filter((b) => b.behaviour.kind !== 'pays').map((b) => ({ name: b.name, phone: b.phone, email: b.email, language: b.key === 'promiserHindi' ? ('hi' as const) : ('en' as const) })),
  { name: 'Undelivered Test', phone: TWILIO_TEST_NUMBERS.undelivered, email: 'undelivered.test@example.com', language: 'en' as const },
  { name: 'Failed Test', phone: TWILIO_TEST_NUMBERS.failed, email: 'failed.test@example.com', language: 'en' as const },
];

export interface BenchEpisode {
  profile: ContactProfileInput;
  input: RecoveryInput;
}

/** Episode `i` of `total` for the loan `loanId` (the answering borrowers are spread through the run). */
export function benchEpisode(i: number, total: number, loanId: string, now: number): BenchEpisode {
  const stride = Math.max(1, Math.floor(total / ANSWERING.length));
  const answering = i % stride === stride - 1 ? ANSWERING[Math.floor(i / stride)] : undefined;
  const region = answering ? REGIONS[0]! : REGIONS[i % REGIONS.length]!;
  const { bucket, dpd } = BUCKETS[i % BUCKETS.length]!;
  // Balances in whole units of each currency: 2,000 to 61,000 overdue, six times that outstanding.
  const overdueMinor = (2_000 + ((i * 7_919) % 60_000)) * 100;
  const today = toIsoDate(now);
  const profile: ContactProfileInput = {
    loanId,
    name: answering?.name ?? `Bench Borrower ${i}`,
    phone: answering?.phone ?? region.phone(i),
    email: answering?.email ?? `bench.${i}@example.com`,
    language: answering?.language ?? region.language,
    country: region.country,
    timeZone: region.timeZone,
    consents: { contact: true, automatedContact: i % 17 !== 0 },
  };
  const input: RecoveryInput = {
    loanId,
    episode: 1,
    currency: region.currency,
    product: 'personal',
    country: region.country,
    account: { bucket, dpd, outstandingMinor: overdueMinor * 6, overdueMinor, oldestDueOn: addDays(today, -dpd), on: today },
    segment: SEGMENTS[i % SEGMENTS.length]!,
    propensityBand: BANDS[i % BANDS.length]!,
  };
  return { profile, input };
}

/** How many of `total` episodes go to answering borrowers or failing numbers. */
export function answeringCount(total: number): number {
  return Math.min(ANSWERING.length, total);
}
