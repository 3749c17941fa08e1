// Applicants beyond the published table, for load tests and demos: a seed gives a plausible
// person with a well-formed PAN, and the sandboxes give that PAN a generated credit file and
// statement (subject-profiles.ts), so a batch of them lands on a realistic spread of outcomes.
import type { LoanApplication } from '../../domain/application.js';
import { applicationFor, TEST_IDENTITIES, type TestApplicationOverrides } from './identities.js';
import { SeededRandom } from '../../domain/seeded-random.js';
import { generateProfile } from './subject-profiles.js';

const FIRST_NAMES = ['Aditi', 'Rahul', 'Sneha', 'Karan', 'Pooja', 'Amit', 'Neha', 'Vivek', 'Divya', 'Manish', 'Lakshmi', 'Siddharth', 'Fatima', 'Imran', 'Gurpreet', 'Anjali', 'Deepak', 'Nisha', 'Joseph', 'Mary', 'Farhan', 'Shreya', 'Naveen', 'Ritu'];
const LAST_NAMES = ['Patel', 'Kumar', 'Das', 'Banerjee', 'Chatterjee', 'Menon', 'Rao', 'Naidu', 'Kulkarni', 'Deshmukh', 'Shah', 'Bhat', 'Hegde', 'Khan', 'Ahmed', 'Fernandes', 'Gill', 'Sandhu', 'Mishra', 'Tiwari', 'Yadav', 'Bose'];
const PLACES = [
  { line1: 'MG Road', city: 'Bengaluru', region: 'KA', postalCode: '560001' },
  { line1: 'Linking Road, Khar West', city: 'Mumbai', region: 'MH', postalCode: '400052' },
  { line1: 'Lajpat Nagar II', city: 'New Delhi', region: 'DL', postalCode: '110024' },
  { line1: 'Salt Lake Sector V', city: 'Kolkata', region: 'WB', postalCode: '700091' },
  { line1: 'T Nagar', city: 'Chennai', region: 'TN', postalCode: '600017' },
  { line1: 'Banjara Hills Road 12', city: 'Hyderabad', region: 'TG', postalCode: '500034' },
  { line1: 'CG Road, Navrangpura', city: 'Ahmedabad', region: 'GJ', postalCode: '380009' },
  { line1: 'Hazratganj', city: 'Lucknow', region: 'UP', postalCode: '226001' },
];
const PURPOSES = ['home_renovation', 'medical', 'education', 'wedding', 'travel', 'debt_consolidation', 'vehicle_repair', 'electronics'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const letter = (rng: SeededRandom) => LETTERS[rng.int(0, 25)] ?? 'A';
const published = new Set(TEST_IDENTITIES.map((identity) => identity.nationalId));

/** A PAN-shaped national ID for a person with this surname, never one of the published identities'. */
export function syntheticNationalId(seed: string | number, lastName = 'X'): string {
  const rng = new SeededRandom(`pan|${seed}`);
  for (;;) {
    const pan = `Z${letter(rng)}${letter(rng)}P${(lastName[0] ?? 'X').toUpperCase()}${String(rng.int(0, 9999)).padStart(4, '0')}${letter(rng)}`;
    if (!published.has(pan)) return pan;
  }
}

/** A complete, valid application for a generated person (INR unless overridden). */
export function generatedApplication(seed: string | number, overrides: TestApplicationOverrides = {}): LoanApplication {
  const rng = new SeededRandom(`applicant|${seed}`);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const nationalId = syntheticNationalId(seed, lastName);
  const { bank } = generateProfile(nationalId);
  const handle = `${firstName}.${lastName}.${nationalId.slice(-5)}`.toLowerCase();
  return applicationFor(
    {
      nationalId,
      firstName,
      lastName,
      dateOfBirth: `${rng.int(1962, 2004)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      phone: `+9197${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      email: `${handle}@example.com`,
      address: { ...rng.pick(PLACES), country: 'IN' },
      employment: bank.income === 'salary' ? 'salaried' : 'self_employed',
      request: { principalRupees: rng.int(5, 50) * 10_000, termMonths: rng.pick([6, 12, 18, 24, 36, 48]), purpose: rng.pick(PURPOSES) },
      bank,
    },
    overrides,
  );
}
