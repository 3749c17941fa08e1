import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { testApplication } from '../../apps/sandboxes/identities.js';
import type { BankStatement, BankTransaction, BureauReport } from '../../domain/credit-data.js';
import { attributeFor, THICK_FILE_CARD, THIN_FILE_CARD } from './characteristics.js';
import { creditLimit } from './credit-limit.js';
import { transactionFeatures } from './transaction-features.js';
import { extractFeatures, type ScorecardFeatures } from './features.js';
import { adverseActionReasons, pointsBreakdown, scoreApplication } from './score.js';
import { gradeFor, oddsAt, pdAt, scoreForOdds } from './scaling.js';

const AS_OF = '2026-11-21';
const application = { ...testApplication('review'), applicant: { ...testApplication('review').applicant, employment: { status: 'salaried' as const, monthlyIncome: 80_000 } } };

const bureau: BureauReport = {
  reportId: 'r1',
  hit: true,
  pulledOn: AS_OF,
  tradelines: [
    { kind: 'credit_card', openedOn: '2022-09-10', creditLimit: 100_000, balance: 60_000, worstDpd24m: 30, onTimePayments24m: 23, paymentsDue24m: 24, chargedOff: false },
    { kind: 'credit_card', openedOn: '2024-09-21', creditLimit: 50_000, balance: 5_000, worstDpd24m: 0, onTimePayments24m: 24, paymentsDue24m: 24, chargedOff: false },
    { kind: 'credit_card', openedOn: '2015-01-01', closedOn: '2020-01-01', creditLimit: 1_000_000, balance: 0, worstDpd24m: 0, onTimePayments24m: 0, paymentsDue24m: 0, chargedOff: false },
    { kind: 'personal_loan', openedOn: '2023-01-15', creditLimit: 200_000, balance: 200_000, worstDpd24m: 180, onTimePayments24m: 10, paymentsDue24m: 20, chargedOff: true },
  ],
  hardInquiries6m: 3,
  publicRecords: 1,
};

const tx = (date: string, amount: number, direction: 'credit' | 'debit', category: BankTransaction['category']): BankTransaction => ({ date, amount, direction, category, channel: 'upi', narration: category });
const statement: BankStatement = {
  statementId: 's1',
  from: '2026-08-21',
  to: '2026-11-20',
  accounts: [
    {
      accountRef: 'XXXX1',
      kind: 'savings',
      currency: 'INR',
      openingBalance: 0,
      closingBalance: 0,
      transactions: [
        tx('2026-08-20', 999_999, 'credit', 'salary'), // before the statement window: ignored
        ...['2026-09-01', '2026-10-01'].map((d) => tx(d, 100_000, 'credit', 'salary')),
        tx('2026-11-01', 70_000, 'credit', 'salary'),
        ...['2026-09-05', '2026-10-05', '2026-11-05'].flatMap((d) => [tx(d, 20_000, 'debit', 'loan_repayment'), tx(d, 30_000, 'debit', 'rent')]),
        tx('2026-10-05', 590, 'debit', 'bounced'),
        tx(AS_OF, 999_999, 'credit', 'salary'), // on asOf: outside the window
      ],
    },
    { accountRef: 'XXXX2', kind: 'savings', currency: 'USD', openingBalance: 0, closingBalance: 0, transactions: [tx('2026-10-01', 5_000, 'credit', 'salary')] },
  ],
};

describe('extractFeatures', () => {
  it('computes the bureau characteristics', () => {
    const f = extractFeatures(application, bureau, transactionFeatures(statement, 'INR', AS_OF), AS_OF);
    expect(f).toMatchObject({
      bureauHit: true,
      tradelines: 4,
      onTimeRatioBps: 8382, // 57 of 68, floored
      worstDpd24m: 180,
      revolvingUtilisationBps: 4333, // 65,000 of 150,000 on open cards
      monthsSinceOldestTradeline: 142, // 2015-01-01 to 2026-11-21
      hardInquiries6m: 3,
      chargeOffs: 1,
      publicRecords: 1,
      derogatoryRecords: 2,
    });
  });

  it('computes the transaction characteristics from the loan-currency accounts inside the window', () => {
    const f = extractFeatures(application, bureau, transactionFeatures(statement, 'INR', AS_OF), AS_OF);
    expect(f).toMatchObject({
      statementMonths: 3,
      monthsWithIncome: 3,
      incomeCvBps: 1571, // sd 14,142 over mean 90,000
      avgMonthlyIncome: 90_000,
      avgMonthlyNetInflow: 39_803, // (270,000 - 150,590) / 3
      netInflowRateBps: 4423,
      bouncedDebits: 1,
      avgMonthlyLoanRepayments: 20_000,
      incomeVerified: true,
      assessedMonthlyIncome: 90_000,
      dtiBps: 2222,
      declaredMonthlyIncome: 80_000,
    });
  });

  it('falls back to declared income less a quarter without a statement, and leaves DTI unknown', () => {
    const f = extractFeatures(application, bureau, undefined, AS_OF);
    expect(f).toMatchObject({ statementMonths: null, incomeVerified: false, assessedMonthlyIncome: 60_000, dtiBps: null, bouncedDebits: null });
  });

  it('treats a file without tradelines like no file: the thin-file card', () => {
    const empty = extractFeatures(application, { ...bureau, tradelines: [] }, transactionFeatures(statement, 'INR', AS_OF), AS_OF);
    expect(empty.bureauHit).toBe(false);
    expect(scoreApplication(empty).thinFile).toBe(true);
    expect(extractFeatures(application, { ...bureau, hit: false, tradelines: [] }, transactionFeatures(statement, 'INR', AS_OF), AS_OF).bureauHit).toBe(false);
  });
});

// The borderline applicant, by hand from the README's thick-file table.
const borderline: ScorecardFeatures = {
  currency: 'INR',
  requestedPrincipal: 15_000_000,
  bureauHit: true,
  tradelines: 3,
  onTimeRatioBps: 9838, // 9500-9899: 65
  worstDpd24m: 30, // 30-59: 40
  revolvingUtilisationBps: 6167, // 5000-7499: 35
  monthsSinceOldestTradeline: 50, // 36-71: 45
  hardInquiries6m: 2, // 2: 45
  chargeOffs: 0,
  publicRecords: 0,
  derogatoryRecords: 0, // 0: 70
  statementMonths: 12,
  monthsWithIncome: 12,
  incomeCvBps: 169,
  avgMonthlyIncome: 6_600_000,
  avgMonthlyNetInflow: 940_000,
  netInflowRateBps: 1424,
  bouncedDebits: 1, // 1: 35
  avgMonthlyLoanRepayments: 1_452_000,
  declaredMonthlyIncome: 6_600_000,
  assessedMonthlyIncome: 6_600_000,
  incomeVerified: true,
  dtiBps: 2200, // 1500-2999: 55
};

describe('scoreApplication', () => {
  it('adds the base points and one attribute per characteristic (hand-checked)', () => {
    const result = scoreApplication(borderline);
    // 170 + 65 + 40 + 35 + 45 + 45 + 70 + 55 + 35
    expect(result.score).toBe(560);
    expect(pointsBreakdown(THICK_FILE_CARD, borderline).map((l) => l.points)).toEqual([65, 40, 35, 45, 45, 70, 55, 35]);
    expect(result.grade).toBe('D');
    expect(result.pd).toBe(0.074074); // odds 50 x 2^(-40/20) = 12.5; 1 / 13.5
    expect(result.thinFile).toBe(false);
    expect(result.model).toEqual({ name: 'credence-points-scorecard', version: '1.0.0' });
    // PD 7.4%: total repayments up to 35% of income, 12 months of headroom:
    // (2,310,000 - 1,452,000) x 12 = 10,296,000, rounded down to ₹1,000 -> 10,200,000
    expect(result.creditLimit).toBe(10_200_000);
    expect(result.features).toMatchObject({ card: 'thick_file', 'points.payment_history': 65, 'points.returned_payments': 35, dtiBps: 2200 });
  });

  it('gives the reasons that cost most points, largest first, ties in card order', () => {
    // Shortfalls: worst_delinquency 35, utilisation 35, history 23, then 15 each for
    // payment_history, inquiries and returned payments (payment_history comes first in the card).
    expect(scoreApplication(borderline).reasons.map((r) => r.code)).toEqual(['DELINQUENCY_LEVEL', 'UTILISATION', 'HISTORY_LENGTH', 'DELINQUENCY']);
    expect(scoreApplication(borderline).reasons[1]).toEqual({ code: 'UTILISATION', text: 'Proportion of balances to credit limits on revolving accounts is too high' });
  });

  it('never gives more than four reasons, never one twice, and none for a perfect applicant', () => {
    const worst = scoreApplication({ ...borderline, onTimeRatioBps: 5000, worstDpd24m: 120, revolvingUtilisationBps: 9900, monthsSinceOldestTradeline: 5, hardInquiries6m: 9, derogatoryRecords: 3, dtiBps: null, bouncedDebits: null });
    expect(worst.reasons).toHaveLength(4);
    expect(new Set(worst.reasons.map((r) => r.code)).size).toBe(4);
    const best = { ...borderline, onTimeRatioBps: 10_000, worstDpd24m: 0, revolvingUtilisationBps: 500, monthsSinceOldestTradeline: 200, hardInquiries6m: 0, dtiBps: 0, bouncedDebits: 0 };
    expect(scoreApplication(best)).toMatchObject({ score: 708, reasons: [] });
  });

  it('maps a missing statement to "Unable to verify income" once', () => {
    const reasons = adverseActionReasons(THICK_FILE_CARD, { ...borderline, dtiBps: null, bouncedDebits: null });
    expect(reasons.filter((r) => r.code === 'INCOME_UNVERIFIED')).toHaveLength(1);
  });

  it('scores thin files on transactions with their own card', () => {
    const thin: ScorecardFeatures = { ...borderline, bureauHit: false, tradelines: null, onTimeRatioBps: null, worstDpd24m: null, revolvingUtilisationBps: null, monthsSinceOldestTradeline: null, hardInquiries6m: null, derogatoryRecords: null, chargeOffs: null, publicRecords: null, avgMonthlyLoanRepayments: 0, dtiBps: 0, bouncedDebits: 0 };
    const result = scoreApplication(thin);
    // 200 + 85 (12 months with income) + 90 (CV < 10%) + 50 (net 10-20%) + 70 + 65 + 45 (12 months)
    expect(result).toMatchObject({ thinFile: true, score: 605, grade: 'C', reasons: [{ code: 'CASH_FLOW' }] });
    expect(result.features.card).toBe('thin_file');
    // Capped at three months of verified income.
    expect(result.creditLimit).toBe(19_800_000);
    const nothing = scoreApplication({ ...thin, statementMonths: null, monthsWithIncome: null, incomeCvBps: null, netInflowRateBps: null, bouncedDebits: null, dtiBps: null });
    expect(nothing.reasons.map((r) => r.code)).toEqual(['INCOME_UNVERIFIED', 'NO_CREDIT_FILE']);
    expect(nothing.score).toBe(200);
  });
});

describe('scaling', () => {
  it('is anchored at 600 = 50:1 with 20 points to double the odds', () => {
    expect(oddsAt(600)).toBe(50);
    expect(oddsAt(620)).toBe(100);
    expect(oddsAt(580)).toBe(25);
    expect(pdAt(600)).toBeCloseTo(1 / 51, 12);
    expect(scoreForOdds(200)).toBeCloseTo(640, 9);
  });

  it('gives a PD that falls strictly as the score rises', () => {
    for (let s = 150; s < 800; s++) expect(pdAt(s + 1)).toBeLessThan(pdAt(s));
  });

  it('bands grades at 640, 610, 580, 540', () => {
    expect([700, 640, 639, 610, 609, 580, 579, 540, 539, 0].map(gradeFor)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E']);
  });
});

describe('the cards', () => {
  it('put every value of every feature in exactly one attribute', () => {
    for (const card of [THICK_FILE_CARD, THIN_FILE_CARD]) {
      for (const c of card.characteristics) {
        const edges = c.attributes.flatMap((a) => [a.min, a.below]).filter((v): v is number => v !== undefined);
        for (const value of [null, -1_000_000, -1, 0, 1, 1_000_000, ...edges, ...edges.map((e) => e - 1)]) {
          const matches = c.attributes.filter((a) => (value === null ? a.missing === true : !a.missing && (a.min === undefined || value >= a.min) && (a.below === undefined || value < a.below)));
          expect([c.id, value, matches.length]).toEqual([c.id, value, 1]);
          expect(attributeFor(c, value)).toBe(matches[0]);
        }
      }
    }
  });

  it('are printed in README.md as they are in code', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const card of [THICK_FILE_CARD, THIN_FILE_CARD]) {
      expect(readme).toContain(`base points **${card.basePoints}**`);
      for (const c of card.characteristics) for (const a of c.attributes) expect(readme).toContain(`| \`${c.id}\` | ${a.label} | ${a.points} |`);
    }
  });
});

describe('creditLimit', () => {
  it('is zero when existing repayments already take the allowed share of income', () => {
    expect(creditLimit({ ...borderline, avgMonthlyLoanRepayments: 3_000_000 }, 741, false)).toBe(0);
  });

  it('rounds down to a round amount in the currency', () => {
    expect(creditLimit({ ...borderline, currency: 'USD', assessedMonthlyIncome: 512_345, avgMonthlyLoanRepayments: 0 }, 50, false)).toBe(7_680_000); // 256,172 x 30 = 7,685,160 -> $76,800
  });
});
