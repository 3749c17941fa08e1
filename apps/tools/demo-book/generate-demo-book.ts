// The demo book: a few hundred loans another lender made, as rows of POST /v1/portfolio/imports,
// built so that each lands where the demo needs it: the four borrowers this product exists for,
// the recovery sandboxes' scripted borrowers, and ordinary borrowers in every bucket, in India
// (INR), the United States (USD) and Spain (EUR), the currencies the personal product offers.
//
// A loan's place is made, not hoped for: its schedule is anchored so that the first instalment
// left unpaid fell due exactly the wanted number of days ago, the instalments before it are paid
// on their due dates (or, for the farmer, in a lump after the harvest), and the history is then
// replayed through the domain's own rules to read the bucket it really lands in, which is the one
// reported. The same seed, size and day give the same book; lender references carry the day and a
// hash of the seed and size, so running the demo again the same day imports nothing new, and on
// another day (or with another seed) a fresh book beside the first.
import { addDays, addMonths, parseIsoDate, type IsoDate } from '../../../domain/calendar.js';
import { bucketFor, daysPastDue } from '../../../domain/delinquency.js';
import { openImportedAccount, replayImportedHistory, type HistoricalPayment, type ImportedTerms } from '../../../domain/imported-history.js';
import { lateFeeRuleOf } from '../../../domain/late-fees.js';
import type { Product } from '../../../domain/product.js';
import { hashHex, SeededRandom } from '../../../domain/seeded-random.js';
import { dueAsOf } from '../../../domain/servicing.js';
import { getProduct } from '../../../policies/products.js';
import { demoBorrower, type Country, type DemoBorrower } from './demo-borrowers.js';
import { RECOVERY_TEST_BORROWERS, type RecoveryTestBorrower } from './recovery-test-borrowers.js';

export const SCENARIOS = ['new-to-credit', 'seasonal-farmer', 'strategic-defaulter', 'sudden-distress', 'recovery-sandbox', 'ordinary'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface DemoLoan {
  scenario: Scenario;
  /** the bucket the loan lands in today, read from its replayed history */
  bucket: string;
  daysPastDue: number;
  country: Country;
  /** for recovery-sandbox loans: which scripted borrower */
  script?: RecoveryTestBorrower;
  /** the row as POST /v1/portfolio/imports takes it (JSON form) */
  row: Record<string, unknown>;
}

export interface DemoBookOptions {
  seed?: string;
  today: IsoDate;
  /** loans in the book; the four scenarios and the scripted borrowers take a fixed share of it */
  size?: number;
}

const CURRENCY: Record<Country, string> = { IN: 'INR', US: 'USD', ES: 'EUR' };
/** Principal ranges in minor units, inside the personal product's limits. */
const PRINCIPAL: Record<Country, [number, number]> = { IN: [5_000_000, 50_000_000], US: [200_000, 2_000_000], ES: [150_000, 1_500_000] };
/** Days past due to aim for in each bucket (inside it, away from its edges). */
const DPD_AIM: Record<string, [number, number]> = { current: [0, 0], '1-15': [2, 14], '16-30': [17, 29], '31-60': [33, 58], '61-90': [63, 88], '90+': [93, 170] };

interface Plan {
  scenario: Scenario;
  country: Country;
  borrower: DemoBorrower;
  bucket: keyof typeof DPD_AIM;
  /** instalments paid on their due dates before the one left unpaid */
  paid: number;
  termMonths: number;
  principal: number;
  aprBps: number;
  employmentStatus: string;
  monthlyIncome: number;
  automatedContact: boolean;
  /** the first `lump` instalments paid together three days after the last of them fell due (a harvest) */
  lump?: number;
  /** part of the unpaid instalment paid on its due date, in percent */
  partialPct?: number;
  script?: RecoveryTestBorrower;
}

export function generateDemoBook({ seed = 'credence-demo', today, size = 300 }: DemoBookOptions): DemoLoan[] {
  const rng = new SeededRandom(`${seed}:${size}`);
  const product = getProduct('personal');
  const plans: Plan[] = [];
  let n = 0;
  const next = () => ++n;
  const share = (pct: number) => Math.max(1, Math.round((size * pct) / 100));
  const principalIn = (country: Country) => roundTo(rng.int(...PRINCIPAL[country]), country === 'IN' ? 100_000 : 10_000);
  const apr = () => rng.pick(product.pricing).aprBps;

  // A 22-year-old new to credit, paid through UPI from a steady gig income: on time, now and then a few days late.
  for (let i = 0; i < share(10); i++) {
    const borrower = demoBorrower(rng, 'IN', next(), today, { age: 22 });
    plans.push({ scenario: 'new-to-credit', country: 'IN', borrower, bucket: rng.chance(80) ? 'current' : '1-15', paid: rng.int(2, 8), termMonths: 12, principal: roundTo(rng.int(3_000_000, 10_000_000), 100_000), aprBps: 2399, employmentStatus: 'self_employed', monthlyIncome: roundTo(rng.int(2_800_000, 4_500_000), 10_000), automatedContact: rng.chance(60) });
  }
  // A farmer whose income comes at harvest, speaking Hindi: instalments paid in a lump after the harvest, then nothing in the lean months.
  for (let i = 0; i < share(10); i++) {
    const borrower = demoBorrower(rng, 'IN', next(), today, { age: rng.int(35, 58), rural: true, language: 'hi' });
    const bucket = rng.weighted<Plan['bucket']>([['current', 2], ['31-60', 4], ['61-90', 3], ['90+', 1]]);
    plans.push({ scenario: 'seasonal-farmer', country: 'IN', borrower, bucket, paid: 3, lump: 3, termMonths: 18, principal: roundTo(rng.int(5_000_000, 20_000_000), 100_000), aprBps: apr(), employmentStatus: 'self_employed', monthlyIncome: roundTo(rng.int(1_500_000, 3_000_000), 10_000), automatedContact: false });
  }
  // Able to pay and unwilling: a high salary, two instalments paid, then nothing.
  for (let i = 0; i < share(7); i++) {
    const country = rng.pick<Country>(['IN', 'IN', 'US']);
    const borrower = demoBorrower(rng, country, next(), today, { age: rng.int(30, 50) });
    plans.push({ scenario: 'strategic-defaulter', country, borrower, bucket: rng.chance(60) ? '61-90' : '90+', paid: 2, termMonths: 24, principal: principalIn(country), aprBps: apr(), employmentStatus: 'salaried', monthlyIncome: country === 'IN' ? roundTo(rng.int(25_000_000, 40_000_000), 100_000) : roundTo(rng.int(900_000, 1_500_000), 10_000), automatedContact: rng.chance(50) });
  }
  // Years of clean repayment, then a job lost: recently behind, should be offered restructuring.
  for (let i = 0; i < share(7); i++) {
    const country = rng.pick<Country>(['IN', 'US', 'ES']);
    const borrower = demoBorrower(rng, country, next(), today, { age: rng.int(28, 55) });
    plans.push({ scenario: 'sudden-distress', country, borrower, bucket: rng.chance(60) ? '16-30' : '31-60', paid: rng.int(14, 22), partialPct: rng.chance(50) ? 30 : undefined, termMonths: 36, principal: principalIn(country), aprBps: apr(), employmentStatus: 'unemployed', monthlyIncome: 0, automatedContact: rng.chance(70) });
  }
  // The recovery sandboxes' scripted borrowers: a few days behind, so recovery reaches them first.
  for (const script of Object.keys(RECOVERY_TEST_BORROWERS)) {
    const borrower = { ...demoBorrower(rng, 'IN', next(), today, { language: 'en' }), ...RECOVERY_TEST_BORROWERS[script] };
    plans.push({ scenario: 'recovery-sandbox', country: 'IN', borrower, bucket: '1-15', paid: 3, termMonths: 12, principal: 10_000_000, aprBps: 1899, employmentStatus: 'salaried', monthlyIncome: 8_000_000, automatedContact: true, script });
  }
  // Ordinary borrowers in every bucket, in all three countries.
  while (plans.length < size) {
    const country = rng.weighted<Country>([['IN', 5], ['US', 3], ['ES', 2]]);
    const borrower = demoBorrower(rng, country, next(), today);
    const bucket = rng.weighted<Plan['bucket']>([['current', 40], ['1-15', 15], ['16-30', 12], ['31-60', 12], ['61-90', 10], ['90+', 11]]);
    const termMonths = rng.pick([12, 18, 24, 36]);
    const status = rng.pick(['salaried', 'salaried', 'self_employed', 'retired']);
    plans.push({ scenario: 'ordinary', country, borrower, bucket, paid: rng.int(0, Math.min(8, termMonths - 8)), partialPct: rng.chance(20) ? 50 : undefined, termMonths, principal: principalIn(country), aprBps: apr(), employmentStatus: status, monthlyIncome: roundTo(principalIn(country) / 4, 1_000), automatedContact: country === 'US' ? rng.chance(70) : rng.chance(50) });
  }
  const book = hashHex(`${seed}:${size}`);
  return plans.slice(0, size).map((plan, i) => loanOf(plan, `DEMO-${today}-${book}-${String(i + 1).padStart(4, '0')}`, rng, product, today));
}

function loanOf(plan: Plan, lenderReference: string, rng: SeededRandom, product: Product, today: IsoDate): DemoLoan {
  const currency = CURRENCY[plan.country];
  const [low, high] = DPD_AIM[plan.bucket]!;
  const dpd = rng.int(low, high);
  // The first unpaid instalment (seq paid + 1) falls due `dpd` days ago; a current loan's next one in 3 to 25 days.
  const anchor = dpd > 0 ? addDays(today, -dpd) : addDays(today, rng.int(3, 25));
  const firstDueDate = addMonths(anchor, -plan.paid);
  const terms: ImportedTerms = { disbursedOn: addMonths(firstDueDate, -1), firstDueDate, dueDay: parseIsoDate(anchor).day, principal: plan.principal, aprBps: plan.aprBps, termMonths: plan.termMonths };
  const payments = history(plan, terms, currency, product, lenderReference);

  const replayed = replayImportedHistory({ account: openImportedAccount(terms, currency), lateFee: lateFeeRuleOf(product, currency), payments, through: today });
  if (replayed.problems.length > 0) throw new Error(`demo loan ${lenderReference} does not import: ${JSON.stringify(replayed.problems)}`);
  const actual = daysPastDue(replayed.account, today, product.dpdToleranceMinor);
  const row = {
    lenderReference,
    borrower: plan.borrower,
    product: product.code,
    currency,
    principal: plan.principal,
    aprBps: plan.aprBps,
    termMonths: plan.termMonths,
    disbursedOn: terms.disbursedOn,
    firstDueDate,
    dueDay: terms.dueDay,
    payments: payments.map((p) => ({ date: p.on, amount: p.amount, reference: p.reference })),
    consents: { contact: true, automatedContact: plan.automatedContact, autopay: false },
    employmentStatus: plan.employmentStatus,
    monthlyIncome: plan.monthlyIncome,
  };
  return { scenario: plan.scenario, bucket: bucketFor(actual, product.buckets).name, daysPastDue: actual, country: plan.country, ...(plan.script ? { script: plan.script } : {}), row };
}

/**
 * The payments: each instalment paid on its due date (a lump of all that was due, late fees
 * included, three days after the harvest for the farmer), then the unpaid instalment, partly paid for some.
 */
function history(plan: Plan, terms: ImportedTerms, currency: string, product: Product, reference: string): HistoricalPayment[] {
  const account = openImportedAccount(terms, currency);
  const payments: HistoricalPayment[] = [];
  const pay = (on: IsoDate, amount: number) => {
    if (amount > 0) payments.push({ on, amount, reference: `${reference}-P${payments.length + 1}` });
  };
  const installments = account.installments;
  const lump = plan.lump ?? 0;
  if (lump > 0) {
    const on = addDays(installments[lump - 1]!.dueDate, 3);
    const { account: then } = replayImportedHistory({ account, lateFee: lateFeeRuleOf(product, currency), payments: [], through: on });
    pay(on, dueAsOf(then, on).total);
  }
  // Everything before was paid in full, so what falls due on each date is that instalment alone.
  for (const inst of installments.slice(lump, plan.paid)) pay(inst.dueDate, inst.principal + inst.interest);
  const unpaid = installments[plan.paid];
  if (plan.partialPct && unpaid && plan.bucket !== 'current') pay(unpaid.dueDate, Math.floor(((unpaid.principal + unpaid.interest) * plan.partialPct) / 100));
  return payments;
}

function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}
