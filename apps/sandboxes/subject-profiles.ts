// Who a national ID is, as far as the credit-data sandboxes are concerned: the shape of the
// person's credit file (bureau sandbox) and of their bank account (aggregator sandbox). The
// published test identities (identities.ts) pin theirs; every other national ID gets one drawn
// deterministically from its hash, from a mix of archetypes, so load tests see a real spread of
// outcomes. Both sandboxes read the same profile, so a loan on the credit file shows up as an
// EMI on the statement.
import type { Tradeline } from '../../domain/credit-data.js';
import { TEST_IDENTITIES } from './identities.js';
import { SeededRandom } from '../../domain/seeded-random.js';

export interface TradelinePlan {
  kind: Tradeline['kind'];
  /** months since the account was opened */
  ageMonths: number;
  /** months since it was closed; absent while it is open */
  closedMonthsAgo?: number;
  /** credit limit, or the original amount of an instalment loan, in whole rupees (the bureau reports INR) */
  limitRupees: number;
  /** balance as basis points of the limit */
  balanceBps: number;
  /** instalments missed in the last 24 months */
  missed24m: number;
  worstDpd24m: number;
  chargedOff: boolean;
}

export interface BureauSubject {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

export type BureauPlan =
  | {
      kind: 'file';
      /** who the bureau has on file for this national ID; absent: the person who asked */
      subject?: BureauSubject;
      tradelines: TradelinePlan[];
      hardInquiries6m: number;
      publicRecords: number;
    }
  /** the bureau knows nobody by this national ID: new to credit */
  | { kind: 'no_file' }
  /** every pull answers 503, as in a bureau outage */
  | { kind: 'outage' };

export interface BankPlan {
  /** salary: one payroll credit a month; business: many small UPI receipts; gig: platform payouts; allowance: family transfers, not income */
  income: 'salary' | 'business' | 'gig' | 'allowance';
  /** typical monthly income, as a percentage of the currency's reference income */
  incomePct: number;
  /** how far one month's income strays from the typical month, ± basis points */
  incomeSpreadBps: number;
  /** chance in percent that a month brings no income at all */
  missedIncomePct: number;
  /** these four are percentages of the typical monthly income */
  rentPct: number;
  utilitiesPct: number;
  spendPct: number;
  emiPct: number;
  /** lenders the EMIs go to (0 with emiPct 0) */
  lenders: number;
  /** returned (bounced) debits over twelve months */
  bouncesPer12m: number;
  /** opening balance, as a percentage of the typical monthly income */
  openingBalancePct: number;
}

export interface SubjectProfile {
  archetype: Archetype;
  bureau: BureauPlan;
  bank: BankPlan;
}

export type Archetype = 'prime' | 'near_prime' | 'subprime' | 'thin_young' | 'ntc_salaried' | 'ntc_irregular' | 'fixed';

/** The profile of a national ID: the test identity's when it is one, otherwise a generated one. */
export function profileFor(nationalId: string): SubjectProfile {
  const identity = TEST_IDENTITIES.find((candidate) => candidate.nationalId === nationalId.toUpperCase());
  if (identity) return { archetype: 'fixed', bureau: identity.bureau, bank: identity.bank };
  return generateProfile(nationalId.toUpperCase());
}

// Shares of the generated population: roughly 40% of load-test applications are approved, a
// third declined and a quarter reviewed (identities.spec.ts measures it).
const ARCHETYPE_MIX: ReadonlyArray<readonly [Exclude<Archetype, 'fixed'>, number]> = [
  ['prime', 30],
  ['near_prime', 25],
  ['subprime', 13],
  ['thin_young', 10],
  ['ntc_salaried', 12],
  ['ntc_irregular', 10],
];

export function generateProfile(nationalId: string): SubjectProfile {
  const rng = new SeededRandom(`profile|${nationalId}`);
  const archetype = rng.weighted(ARCHETYPE_MIX);
  return { archetype, ...GENERATORS[archetype](rng) };
}

type Generator = (rng: SeededRandom) => Omit<SubjectProfile, 'archetype'>;

const GENERATORS: Record<Exclude<Archetype, 'fixed'>, Generator> = {
  prime: (rng) => ({
    bureau: file(rng, {
      cards: rng.int(1, 3),
      loans: rng.int(0, 2),
      ageMonths: [36, 160],
      utilisationBps: [300, 2500],
      missed: [0, 0],
      worstDpd: [0],
      chargeOffPct: 0,
      inquiries: [0, 1],
      publicRecords: 0,
    }),
    bank: bank(rng, { income: 'salary', incomePct: [120, 260], spreadBps: [100, 400], missedIncomePct: 0, emiPct: [0, 15], bounces: [0, 0] }),
  }),
  near_prime: (rng) => ({
    bureau: file(rng, {
      cards: rng.int(1, 3),
      loans: rng.int(0, 2),
      ageMonths: [18, 96],
      utilisationBps: [3000, 7500],
      missed: [0, 2],
      worstDpd: [0, 15, 30],
      chargeOffPct: 0,
      inquiries: [1, 3],
      publicRecords: 0,
    }),
    bank: bank(rng, { income: rng.pick(['salary', 'salary', 'business'] as const), incomePct: [70, 160], spreadBps: [200, 1500], missedIncomePct: 0, emiPct: [10, 30], bounces: [0, 1] }),
  }),
  subprime: (rng) => ({
    bureau: file(rng, {
      cards: rng.int(1, 3),
      loans: rng.int(1, 3),
      ageMonths: [12, 120],
      utilisationBps: [7000, 10_000],
      missed: [3, 8],
      worstDpd: [60, 90, 120, 180],
      chargeOffPct: 40,
      inquiries: [3, 7],
      publicRecords: rng.chance(25) ? 1 : 0,
    }),
    bank: bank(rng, { income: rng.pick(['salary', 'gig'] as const), incomePct: [50, 110], spreadBps: [1000, 3000], missedIncomePct: 10, emiPct: [25, 45], bounces: [2, 6] }),
  }),
  thin_young: (rng) => ({
    bureau: file(rng, {
      cards: 1,
      loans: rng.chance(40) ? 1 : 0,
      ageMonths: [4, 20],
      utilisationBps: [2000, 6000],
      missed: [0, 1],
      worstDpd: [0, 0, 15],
      chargeOffPct: 0,
      inquiries: [1, 3],
      publicRecords: 0,
      loanKind: 'bnpl',
    }),
    bank: bank(rng, { income: 'salary', incomePct: [60, 120], spreadBps: [200, 800], missedIncomePct: 0, emiPct: [0, 10], bounces: [0, 1] }),
  }),
  ntc_salaried: (rng) => ({
    bureau: { kind: 'no_file' },
    bank: bank(rng, { income: 'salary', incomePct: [70, 150], spreadBps: [100, 1200], missedIncomePct: 0, emiPct: [0, 18], bounces: [0, 1] }),
  }),
  ntc_irregular: (rng) => ({
    bureau: { kind: 'no_file' },
    bank: bank(rng, { income: rng.pick(['gig', 'business'] as const), incomePct: [40, 120], spreadBps: [3000, 6000], missedIncomePct: 25, emiPct: [0, 25], bounces: [1, 5] }),
  }),
};

interface FileShape {
  cards: number;
  loans: number;
  ageMonths: [number, number];
  utilisationBps: [number, number];
  missed: [number, number];
  worstDpd: number[];
  chargeOffPct: number;
  inquiries: [number, number];
  publicRecords: number;
  loanKind?: Tradeline['kind'];
}

function file(rng: SeededRandom, shape: FileShape): BureauPlan {
  const oldest = rng.int(...shape.ageMonths);
  const tradelines: TradelinePlan[] = [];
  const worstDpd = rng.pick(shape.worstDpd);
  const missed = worstDpd === 0 ? 0 : Math.max(1, rng.int(...shape.missed));
  for (let i = 0; i < shape.cards; i++) {
    tradelines.push({
      kind: 'credit_card',
      ageMonths: i === 0 ? oldest : rng.int(Math.min(6, oldest), oldest),
      limitRupees: rng.int(5, 50) * 10_000,
      balanceBps: rng.int(...shape.utilisationBps),
      missed24m: i === 0 ? missed : 0,
      worstDpd24m: i === 0 ? worstDpd : 0,
      chargedOff: false,
    });
  }
  for (let i = 0; i < shape.loans; i++) {
    const chargedOff = i === 0 && rng.chance(shape.chargeOffPct);
    tradelines.push({
      kind: shape.loanKind ?? rng.pick(['personal_loan', 'personal_loan', 'auto_loan', 'bnpl'] as const),
      ageMonths: rng.int(Math.min(4, oldest), oldest),
      limitRupees: rng.int(2, 80) * 10_000,
      balanceBps: chargedOff ? 10_000 : rng.int(1000, 8000),
      missed24m: chargedOff ? Math.max(missed, 6) : 0,
      worstDpd24m: chargedOff ? 180 : 0,
      chargedOff,
    });
  }
  return { kind: 'file', tradelines, hardInquiries6m: rng.int(...shape.inquiries), publicRecords: shape.publicRecords };
}

interface BankShape {
  income: BankPlan['income'];
  incomePct: [number, number];
  spreadBps: [number, number];
  missedIncomePct: number;
  emiPct: [number, number];
  bounces: [number, number];
}

function bank(rng: SeededRandom, shape: BankShape): BankPlan {
  const emiPct = rng.int(...shape.emiPct);
  return {
    income: shape.income,
    incomePct: rng.int(...shape.incomePct),
    incomeSpreadBps: rng.int(...shape.spreadBps),
    missedIncomePct: shape.missedIncomePct,
    rentPct: rng.int(12, 28),
    utilitiesPct: rng.int(3, 6),
    spendPct: rng.int(20, 45),
    emiPct,
    lenders: emiPct === 0 ? 0 : rng.int(1, 3),
    bouncesPer12m: rng.int(...shape.bounces),
    openingBalancePct: rng.int(20, 150),
  };
}
