// The published test identities, like a payment provider's test cards: submit an application
// as one of these people and the sandboxes (bureau, aggregator) answer so that the platform,
// with the default product, reaches the outcome written here. IDENTITIES.md renders this table
// for people; identities.spec.ts runs every row through the real pipeline and holds it to it.
// Any national ID not listed gets a generated profile (subject-profiles.ts).
import type { Address, Applicant, BankAccount, Consents, DeviceFingerprint, EmploymentStatus, LoanApplication, LoanRequest } from '../../domain/application.js';
import type { DecisionOutcome, FraudAssessment, KycResult } from '../../domain/credit.js';
import { hashString } from '../../domain/seeded-random.js';
import { referenceIncome } from './reference-income.js';
import type { BankPlan, BureauPlan } from './subject-profiles.js';

export interface ExpectedOutcome {
  decision: DecisionOutcome;
  kyc: KycResult['outcome'];
  /** with no velocity or shared-identifier signals */
  fraud: FraudAssessment['level'];
  bureau: 'hit' | 'no_file' | 'unavailable';
  /** approved for less than asked: the credit limit caps the offer */
  reducedOffer?: boolean;
  /** one line for the README table */
  summary: string;
}

export interface TestIdentity {
  nationalId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  address: Address;
  employment: EmploymentStatus;
  description: string;
  expected: ExpectedOutcome;
  /** what testApplication asks for; principal in whole rupees, scaled for other currencies */
  request: { principalRupees: number; termMonths: number; purpose: string };
  bureau: BureauPlan;
  bank: BankPlan;
}

const goodCards = (ageMonths: number) =>
  [
    { kind: 'credit_card', ageMonths, limitRupees: 300_000, balanceBps: 1200, missed24m: 0, worstDpd24m: 0, chargedOff: false },
    { kind: 'credit_card', ageMonths: 70, limitRupees: 150_000, balanceBps: 800, missed24m: 0, worstDpd24m: 0, chargedOff: false },
  ] as const;

const steadySalary = (incomePct: number, emiPct: number): BankPlan => ({
  income: 'salary',
  incomePct,
  incomeSpreadBps: 200,
  missedIncomePct: 0,
  rentPct: 20,
  utilitiesPct: 4,
  spendPct: 30,
  emiPct,
  lenders: emiPct > 0 ? 1 : 0,
  bouncesPer12m: 0,
  openingBalancePct: 120,
});

const identities = {
  approved: {
    nationalId: 'AKLPS4821K',
    firstName: 'Priya',
    lastName: 'Sharma',
    dateOfBirth: '1988-04-12',
    phone: '+919820011001',
    email: 'priya.sharma@example.com',
    address: { line1: '14 Carter Road, Bandra West', city: 'Mumbai', region: 'MH', postalCode: '400050', country: 'IN' },
    employment: 'salaried',
    description: 'Thick, clean credit file: two cards at low utilisation, a personal loan paid on time for 30 months, ten years of history; steady salary.',
    expected: { decision: 'approved', kyc: 'pass', fraud: 'clear', bureau: 'hit', summary: 'Approved for the amount asked, at the best pricing tier.' },
    request: { principalRupees: 300_000, termMonths: 24, purpose: 'home_renovation' },
    bureau: {
      kind: 'file',
      tradelines: [
        ...goodCards(130),
        { kind: 'personal_loan', ageMonths: 30, limitRupees: 400_000, balanceBps: 4500, missed24m: 0, worstDpd24m: 0, chargedOff: false },
        { kind: 'auto_loan', ageMonths: 96, closedMonthsAgo: 20, limitRupees: 600_000, balanceBps: 0, missed24m: 0, worstDpd24m: 0, chargedOff: false },
      ],
      hardInquiries6m: 1,
      publicRecords: 0,
    },
    bank: steadySalary(200, 8),
  },
  declined: {
    nationalId: 'BQRPV7310M',
    firstName: 'Rohan',
    lastName: 'Verma',
    dateOfBirth: '1985-11-03',
    phone: '+919810022002',
    email: 'rohan.verma@example.com',
    address: { line1: 'B-42 Saket', city: 'New Delhi', region: 'DL', postalCode: '110017', country: 'IN' },
    employment: 'salaried',
    description: 'Poor file: cards maxed out and 90-120 days past due, a personal loan charged off, a public record, six recent inquiries; bounced EMIs on the statement.',
    expected: { decision: 'declined', kyc: 'pass', fraud: 'clear', bureau: 'hit', summary: 'Declined; adverse-action reasons cite delinquency, the charge-off and utilisation.' },
    request: { principalRupees: 200_000, termMonths: 36, purpose: 'debt_consolidation' },
    bureau: {
      kind: 'file',
      tradelines: [
        { kind: 'credit_card', ageMonths: 84, limitRupees: 100_000, balanceBps: 9800, missed24m: 7, worstDpd24m: 120, chargedOff: false },
        { kind: 'credit_card', ageMonths: 40, limitRupees: 50_000, balanceBps: 9500, missed24m: 4, worstDpd24m: 90, chargedOff: false },
        { kind: 'personal_loan', ageMonths: 36, limitRupees: 200_000, balanceBps: 10_000, missed24m: 10, worstDpd24m: 180, chargedOff: true },
      ],
      hardInquiries6m: 6,
      publicRecords: 1,
    },
    bank: { income: 'salary', incomePct: 90, incomeSpreadBps: 1500, missedIncomePct: 8, rentPct: 25, utilitiesPct: 5, spendPct: 40, emiPct: 35, lenders: 3, bouncesPer12m: 4, openingBalancePct: 10 },
  },
  review: {
    nationalId: 'CMZPI5527Q',
    firstName: 'Ananya',
    lastName: 'Iyer',
    dateOfBirth: '1991-07-22',
    phone: '+919845033003',
    email: 'ananya.iyer@example.com',
    address: { line1: '7th Cross, Koramangala 4th Block', city: 'Bengaluru', region: 'KA', postalCode: '560034', country: 'IN' },
    employment: 'salaried',
    description: 'Borderline file: a 60-day and a 30-day late payment, cards at about 85% utilisation, four years of history, three recent inquiries, one bounced debit.',
    expected: { decision: 'manual_review', kyc: 'pass', fraud: 'clear', bureau: 'hit', summary: 'Manual review: the score falls between the decline and approval cut-offs.' },
    request: { principalRupees: 150_000, termMonths: 24, purpose: 'medical' },
    bureau: {
      kind: 'file',
      tradelines: [
        { kind: 'credit_card', ageMonths: 50, limitRupees: 120_000, balanceBps: 8800, missed24m: 2, worstDpd24m: 60, chargedOff: false },
        { kind: 'credit_card', ageMonths: 26, limitRupees: 60_000, balanceBps: 8500, missed24m: 1, worstDpd24m: 30, chargedOff: false },
        { kind: 'bnpl', ageMonths: 14, limitRupees: 30_000, balanceBps: 7000, missed24m: 0, worstDpd24m: 0, chargedOff: false },
      ],
      hardInquiries6m: 3,
      publicRecords: 0,
    },
    bank: { income: 'salary', incomePct: 110, incomeSpreadBps: 400, missedIncomePct: 0, rentPct: 25, utilitiesPct: 5, spendPct: 35, emiPct: 22, lenders: 2, bouncesPer12m: 1, openingBalancePct: 30 },
  },
  identityMismatch: {
    nationalId: 'DJWPP6614C',
    firstName: 'Vikram',
    lastName: 'Nair',
    dateOfBirth: '1993-02-14',
    phone: '+919847044004',
    email: 'vikram.nair@example.com',
    address: { line1: 'Marine Drive, Ernakulam', city: 'Kochi', region: 'KL', postalCode: '682031', country: 'IN' },
    employment: 'salaried',
    description:
      "Identity mismatch: the bureau's file for this national ID belongs to SURESH PILLAI, born 1968-09-30, a clean thick file. The applicant's surname and date of birth both differ (a borrowed or stolen ID).",
    expected: { decision: 'declined', kyc: 'pass', fraud: 'decline', bureau: 'hit', summary: 'Declined by fraud screening (surname and date of birth mismatch); the applicant is told "Unable to verify identity".' },
    request: { principalRupees: 400_000, termMonths: 36, purpose: 'travel' },
    bureau: {
      kind: 'file',
      subject: { firstName: 'SURESH', lastName: 'PILLAI', dateOfBirth: '1968-09-30' },
      tradelines: [
        ...goodCards(180),
        { kind: 'mortgage', ageMonths: 110, limitRupees: 4_500_000, balanceBps: 3800, missed24m: 0, worstDpd24m: 0, chargedOff: false },
      ],
      hardInquiries6m: 0,
      publicRecords: 0,
    },
    bank: steadySalary(150, 5),
  },
  newToCredit: {
    nationalId: 'EHTPR3095D',
    firstName: 'Kavya',
    lastName: 'Reddy',
    dateOfBirth: '1998-01-09',
    phone: '+919849055005',
    email: 'kavya.reddy@example.com',
    address: { line1: 'Plot 21, Gachibowli', city: 'Hyderabad', region: 'TG', postalCode: '500081', country: 'IN' },
    employment: 'salaried',
    description: 'New to credit: no bureau file. Twelve months of the same salary on the same day, rent and bills paid by UPI, no EMIs, no bounces, a third of income saved.',
    expected: { decision: 'approved', kyc: 'pass', fraud: 'clear', bureau: 'no_file', summary: 'Approved on the thin-file card from salary regularity and cash flow.' },
    request: { principalRupees: 100_000, termMonths: 12, purpose: 'education' },
    bureau: { kind: 'no_file' },
    bank: { income: 'salary', incomePct: 100, incomeSpreadBps: 150, missedIncomePct: 0, rentPct: 22, utilitiesPct: 4, spendPct: 30, emiPct: 0, lenders: 0, bouncesPer12m: 0, openingBalancePct: 60 },
  },
  erratic: {
    nationalId: 'FGNPS8842H',
    firstName: 'Arjun',
    lastName: 'Singh',
    dateOfBirth: '1996-05-30',
    phone: '+919829066006',
    email: 'arjun.singh@example.com',
    address: { line1: 'MI Road', city: 'Jaipur', region: 'RJ', postalCode: '302001', country: 'IN' },
    employment: 'self_employed',
    description: 'New to credit, erratic cash flow: gig payouts that swing month to month with several empty months, EMIs to two app lenders, four bounced debits, spending above income.',
    expected: { decision: 'declined', kyc: 'pass', fraud: 'clear', bureau: 'no_file', summary: 'Declined on the thin-file card; reasons cite irregular income and returned payments.' },
    request: { principalRupees: 150_000, termMonths: 24, purpose: 'business' },
    bureau: { kind: 'no_file' },
    bank: { income: 'gig', incomePct: 70, incomeSpreadBps: 5500, missedIncomePct: 30, rentPct: 20, utilitiesPct: 5, spendPct: 45, emiPct: 20, lenders: 2, bouncesPer12m: 4, openingBalancePct: 10 },
  },
  bureauOutage: {
    nationalId: 'GLAPJ2263B',
    firstName: 'Meera',
    lastName: 'Joshi',
    dateOfBirth: '1986-12-02',
    phone: '+919822077007',
    email: 'meera.joshi@example.com',
    address: { line1: 'FC Road, Shivajinagar', city: 'Pune', region: 'MH', postalCode: '411005', country: 'IN' },
    employment: 'salaried',
    description: 'Every bureau pull for this national ID answers 503 (a simulated bureau outage). Steady salary on the statement. Its failed pulls count against the bureau circuit breaker like any outage.',
    expected: { decision: 'manual_review', kyc: 'pass', fraud: 'clear', bureau: 'unavailable', summary: 'Manual review: the credit bureau is unavailable.' },
    request: { principalRupees: 250_000, termMonths: 24, purpose: 'wedding' },
    bureau: { kind: 'outage' },
    bank: steadySalary(140, 0),
  },
  reducedOffer: {
    nationalId: 'HPRPG1457E',
    firstName: 'Sanjay',
    lastName: 'Gupta',
    dateOfBirth: '1979-03-18',
    phone: '+919830088008',
    email: 'sanjay.gupta@example.com',
    address: { line1: '12 Ballygunge Circular Road', city: 'Kolkata', region: 'WB', postalCode: '700019', country: 'IN' },
    employment: 'salaried',
    description: 'Clean file but a modest salary, asking for more than the income supports.',
    expected: { decision: 'approved', kyc: 'pass', fraud: 'clear', bureau: 'hit', reducedOffer: true, summary: 'Approved at the credit limit, below the amount asked (a counter-offer).' },
    request: { principalRupees: 800_000, termMonths: 48, purpose: 'home_renovation' },
    bureau: {
      kind: 'file',
      tradelines: [
        ...goodCards(150),
        { kind: 'personal_loan', ageMonths: 20, limitRupees: 150_000, balanceBps: 5000, missed24m: 0, worstDpd24m: 0, chargedOff: false },
      ],
      hardInquiries6m: 0,
      publicRecords: 0,
    },
    bank: steadySalary(60, 10),
  },
  sanctionsNameMatch: {
    nationalId: 'JKAPK7702R',
    firstName: 'Devraj',
    lastName: 'Kaalvan',
    dateOfBirth: '1990-06-21',
    phone: '+919844099009',
    email: 'devraj.kaalvan@example.com',
    address: { line1: 'Anna Salai', city: 'Chennai', region: 'TN', postalCode: '600002', country: 'IN' },
    employment: 'salaried',
    description:
      'Good file, but the name matches an entry on the sandbox sanctions list (policies/sanctions/sandbox-sanctions.json, fictional) whose date of birth differs: a possible false positive.',
    expected: { decision: 'manual_review', kyc: 'review', fraud: 'clear', bureau: 'hit', summary: 'Manual review: KYC sanctions screening found a name-only match.' },
    request: { principalRupees: 200_000, termMonths: 24, purpose: 'vehicle_repair' },
    bureau: { kind: 'file', tradelines: [...goodCards(100)], hardInquiries6m: 1, publicRecords: 0 },
    bank: steadySalary(130, 0),
  },
  underage: {
    nationalId: 'KMRPM9021F',
    firstName: 'Ishaan',
    lastName: 'Malhotra',
    dateOfBirth: '2014-08-14',
    phone: '+919811010010',
    email: 'ishaan.malhotra@example.com',
    address: { line1: 'Sector 17', city: 'Chandigarh', region: 'CH', postalCode: '160017', country: 'IN' },
    employment: 'student',
    description: 'Born 2014-08-14: under 18 until 2032-08-14. No bureau file; pocket money from family on the statement.',
    expected: { decision: 'declined', kyc: 'fail', fraud: 'clear', bureau: 'no_file', summary: 'Declined at KYC: under the minimum age.' },
    request: { principalRupees: 50_000, termMonths: 6, purpose: 'electronics' },
    bureau: { kind: 'no_file' },
    bank: { income: 'allowance', incomePct: 10, incomeSpreadBps: 2000, missedIncomePct: 20, rentPct: 0, utilitiesPct: 1, spendPct: 60, emiPct: 0, lenders: 0, bouncesPer12m: 0, openingBalancePct: 50 },
  },
} satisfies Record<string, TestIdentity>;

export type TestIdentityKey = keyof typeof identities;

/** The published table, in the order the README lists it. */
export const TEST_IDENTITY_KEYS = Object.keys(identities) as TestIdentityKey[];

export const TEST_IDENTITIES: ReadonlyArray<TestIdentity & { key: TestIdentityKey }> = TEST_IDENTITY_KEYS.map((key) => ({ key, ...identities[key] }));

export function testIdentity(key: TestIdentityKey): TestIdentity & { key: TestIdentityKey } {
  const found = TEST_IDENTITIES.find((identity) => identity.key === key);
  if (!found) throw new RangeError(`no test identity ${key}`);
  return found;
}

export interface TestApplicationOverrides {
  /** ISO 4217; amounts are scaled from rupees by the sandboxes' reference incomes. Default INR. */
  currency?: string;
  applicant?: Partial<Omit<Applicant, 'address' | 'employment'>> & { address?: Partial<Address>; employment?: Partial<Applicant['employment']> };
  loan?: Partial<LoanRequest>;
  consents?: Partial<Consents>;
  bankAccount?: BankAccount;
  device?: DeviceFingerprint;
}

/** A complete, valid application from a test identity (INR unless overridden). */
export function testApplication(key: TestIdentityKey, overrides: TestApplicationOverrides = {}): LoanApplication {
  return applicationFor(testIdentity(key), overrides);
}

/**
 * The request body published for each identity (identities/<key>.json, what the README's curl
 * lines send): the identity's own request in INR, its own bank account, and no device, as from
 * a client that sends no fingerprint.
 */
export function readyBody(key: TestIdentityKey): Omit<LoanApplication, 'device'> {
  const { device: _device, ...body } = testApplication(key);
  return body;
}

/** Where readyBody(key) is published, relative to this folder. */
export const readyBodyPath = (key: TestIdentityKey) => `identities/${key}.json`;

/** A ready body as its file holds it. */
export const readyBodyText = (body: Omit<LoanApplication, 'device'>) => `${JSON.stringify(body, null, 2)}\n`;

/** The application a person in the identity format would submit. */
export function applicationFor(identity: Omit<TestIdentity, 'description' | 'expected' | 'bureau'>, overrides: TestApplicationOverrides = {}): LoanApplication {
  const currency = overrides.currency ?? overrides.loan?.currency ?? 'INR';
  const seed = hashString(identity.nationalId);
  const applicant: Applicant = {
    firstName: identity.firstName,
    lastName: identity.lastName,
    dateOfBirth: identity.dateOfBirth,
    email: identity.email,
    phone: identity.phone,
    nationalId: identity.nationalId,
    timeZone: 'Asia/Kolkata',
    ...overrides.applicant,
    address: { ...identity.address, ...overrides.applicant?.address },
    employment: { status: identity.employment, monthlyIncome: monthlyIncome(identity.bank, currency), ...overrides.applicant?.employment },
  };
  return {
    applicant,
    loan: {
      principal: fromRupees(identity.request.principalRupees, currency),
      currency,
      termMonths: identity.request.termMonths,
      purpose: identity.request.purpose,
      ...overrides.loan,
    },
    consents: { bureauPull: true, bankData: true, contact: true, autopay: true, ...overrides.consents },
    bankAccount: overrides.bankAccount ?? {
      // 2xxxxxxxxxxx: clear of the gateway sandbox's magic account numbers, so payouts succeed.
      accountNumber: `2${String(seed).padStart(11, '0').slice(0, 11)}`,
      routingCode: 'HDFC0001234',
      holderName: `${applicant.firstName} ${applicant.lastName}`,
    },
    device: overrides.device ?? { id: `dev-${seed.toString(16)}`, ip: '203.0.113.10' },
  };
}

/** The identity's typical monthly income in a currency, minor units: what the statement shows. */
export function monthlyIncome(bank: BankPlan, currency: string): number {
  return Math.round((referenceIncome(currency) * bank.incomePct) / 100);
}

/** Whole rupees to the same purchasing power in another currency, minor units, a round amount. */
export function fromRupees(rupees: number, currency: string): number {
  const inr = referenceIncome('INR');
  if (currency === 'INR') return rupees * 100;
  const roundTo = 10_000;
  return Math.floor((rupees * 100 * referenceIncome(currency)) / inr / roundTo) * roundTo;
}
