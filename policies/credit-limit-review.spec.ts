import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '../domain/seeded-random.js';
import {
  AFFORDABILITY, affordabilityCap, consentProblem, CONSENT_VALID_DAYS, COOLING_OFF_DAYS, FREEZE_ABOVE_DPD, INCREASE_STEP_BPS, isInstant,
  LIMIT_REVIEW_POLICY_VERSION, LIMIT_REVIEW_REASONS, reviewCreditLimit, ROLL_BANDS, roundDown, SEASONING, type LimitReviewInput,
} from './credit-limit-review.js';
import { getProduct } from './products.js';

const product = getProduct();
const ASOF = '2026-06-01T10:00:00Z';
const daysBefore = (days: number, from = ASOF) => new Date(Date.parse(from) - days * 86_400_000).toISOString();

/** A seasoned, low-risk INR borrower: ₹2,00,000 limit, ₹1,20,000 drawn, ₹80,000 income, ₹10,000 other EMIs. */
function input(overrides: Partial<LimitReviewInput> = {}): LimitReviewInput {
  return {
    asOf: ASOF,
    currentLimit: { amount: 20_000_000, currency: 'INR' },
    productMaxPrincipal: product.maxPrincipal.INR!,
    rollProbabilityBps: 250,
    currentDpd: 0,
    monthsOnBook: 12,
    onTimePaymentRatioBps: 10_000,
    outstandingPrincipal: 12_000_000,
    assessedMonthlyIncome: 8_000_000,
    existingMonthlyRepayments: 1_000_000,
    increaseConsent: { at: daysBefore(10) },
    limitChangedAt: daysBefore(365),
    ...overrides,
  };
}

describe('reviewCreditLimit: low roll risk', () => {
  it('raises a seasoned borrower with fresh consent by a quarter, rounded down to ₹1,000', () => {
    expect(reviewCreditLimit(input())).toEqual({
      action: 'increase', currency: 'INR', currentLimit: 20_000_000, newLimit: 25_000_000, proposedLimit: 25_000_000,
      reasons: ['LOW_ROLL_RISK', 'CONSENT_ON_FILE'], policyVersion: LIMIT_REVIEW_POLICY_VERSION,
    });
    // ₹2,03,456.78 + 25% = ₹2,54,320.97 -> ₹2,54,000
    expect(reviewCreditLimit(input({ currentLimit: { amount: 20_345_678, currency: 'INR' } })).newLimit).toBe(25_400_000);
  });

  it('only offers the increase without consent, leaving the limit where it is', () => {
    expect(reviewCreditLimit(input({ increaseConsent: undefined }))).toMatchObject({
      action: 'offer_increase', currentLimit: 20_000_000, newLimit: 20_000_000, proposedLimit: 25_000_000, reasons: ['LOW_ROLL_RISK', 'CONSENT_REQUIRED'],
    });
  });

  it(`does not count consent older than ${CONSENT_VALID_DAYS} days, dated after the review, or given before the last change`, () => {
    expect(reviewCreditLimit(input({ increaseConsent: { at: daysBefore(CONSENT_VALID_DAYS) } })).action).toBe('increase');
    const stale = reviewCreditLimit(input({ increaseConsent: { at: daysBefore(CONSENT_VALID_DAYS + 1) } }));
    expect(stale).toMatchObject({ action: 'offer_increase', newLimit: 20_000_000, reasons: ['LOW_ROLL_RISK', 'CONSENT_EXPIRED'] });
    expect(reviewCreditLimit(input({ increaseConsent: { at: '2026-06-01T10:00:01Z' } })).reasons).toContain('CONSENT_AFTER_REVIEW');
    const before = consentProblem({ asOf: ASOF, increaseConsent: { at: daysBefore(30) }, limitChangedAt: daysBefore(20) });
    expect(before).toBe('CONSENT_BEFORE_LAST_CHANGE');
  });

  it('compares instants across zones', () => {
    // 15:29:59+05:30 is 09:59:59Z: just before the review, so the consent is on file.
    expect(reviewCreditLimit(input({ increaseConsent: { at: '2026-06-01T15:29:59+05:30' } })).action).toBe('increase');
    expect(reviewCreditLimit(input({ increaseConsent: { at: '2026-06-01T15:30:01+05:30' } })).reasons).toContain('CONSENT_AFTER_REVIEW');
  });

  it('needs seasoning: months on book, nothing overdue, on-time payments; and says every reason it holds', () => {
    const review = reviewCreditLimit(input({ monthsOnBook: SEASONING.minMonthsOnBook - 1, currentDpd: 3, onTimePaymentRatioBps: SEASONING.minOnTimeRatioBps - 1 }));
    expect(review).toMatchObject({ action: 'hold', newLimit: 20_000_000, reasons: ['PAST_DUE', 'NOT_SEASONED', 'ON_TIME_RATIO_LOW'] });
    expect(review.proposedLimit).toBeUndefined();
    expect(reviewCreditLimit(input({ monthsOnBook: SEASONING.minMonthsOnBook, onTimePaymentRatioBps: SEASONING.minOnTimeRatioBps })).action).toBe('increase');
  });

  it(`waits ${COOLING_OFF_DAYS} days after the last change before another increase`, () => {
    expect(reviewCreditLimit(input({ limitChangedAt: daysBefore(COOLING_OFF_DAYS - 1), increaseConsent: { at: daysBefore(1) } })).reasons).toEqual(['COOLING_OFF']);
    expect(reviewCreditLimit(input({ limitChangedAt: daysBefore(COOLING_OFF_DAYS), increaseConsent: { at: daysBefore(1) } })).action).toBe('increase');
    expect(reviewCreditLimit(input({ limitChangedAt: undefined })).action).toBe('increase');
  });

  it('caps the rise at what income can carry after other repayments', () => {
    // (₹80,000 x 45% - ₹28,000) x 24 = ₹1,92,000: below the current limit, so no rise.
    expect(reviewCreditLimit(input({ existingMonthlyRepayments: 2_800_000 }))).toMatchObject({ action: 'hold', newLimit: 20_000_000, reasons: ['AFFORDABILITY_CAP'] });
    // (₹80,000 x 45% - ₹26,000) x 24 = ₹2,40,000: a rise to it, not the full quarter.
    expect(reviewCreditLimit(input({ existingMonthlyRepayments: 2_600_000 })).newLimit).toBe(24_000_000);
    expect(affordabilityCap({ assessedMonthlyIncome: 8_000_000, existingMonthlyRepayments: 1_000_000 })).toBe((3_600_000 - 1_000_000) * AFFORDABILITY.months);
    expect(affordabilityCap({ assessedMonthlyIncome: 1_000_000, existingMonthlyRepayments: 1_000_000 })).toBe(0);
    expect(affordabilityCap({ assessedMonthlyIncome: Number.MAX_SAFE_INTEGER, existingMonthlyRepayments: 0 })).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("stops at the product's maximum", () => {
    const max = product.maxPrincipal.INR!;
    const near = reviewCreditLimit(input({ currentLimit: { amount: max - 5_000_000, currency: 'INR' }, assessedMonthlyIncome: 100_000_000 }));
    expect(near.newLimit).toBe(max);
    const at = reviewCreditLimit(input({ currentLimit: { amount: max, currency: 'INR' }, assessedMonthlyIncome: 100_000_000 }));
    expect(at).toMatchObject({ action: 'hold', newLimit: max, reasons: ['AT_PRODUCT_MAXIMUM'] });
  });

  it('holds when the quarter step rounds away to nothing', () => {
    // ₹2,000 + 25% = ₹2,500 -> ₹2,000: a limit this small is re-assessed at origination instead.
    expect(reviewCreditLimit(input({ currentLimit: { amount: 200_000, currency: 'INR' }, outstandingPrincipal: 0 })).reasons).toEqual(['INCREASE_TOO_SMALL']);
  });

  it('computes shares of very large limits exactly', () => {
    const huge = 4_000_000_000_000_000; // x 2,500 bps would pass 2^53 as a float product
    const review = reviewCreditLimit(input({ currentLimit: { amount: huge, currency: 'INR' }, productMaxPrincipal: Number.MAX_SAFE_INTEGER, outstandingPrincipal: 0, assessedMonthlyIncome: Number.MAX_SAFE_INTEGER }));
    expect(review.newLimit).toBe(5_000_000_000_000_000);
    expect(reviewCreditLimit(input({ currentLimit: { amount: huge, currency: 'INR' }, productMaxPrincipal: Number.MAX_SAFE_INTEGER, outstandingPrincipal: 1, rollProbabilityBps: 2000 })).newLimit).toBe(2_000_000_000_000_000);
  });

  it('rounds per currency: 100 dollars, 10,000 yen, 100 dinars (3 decimals)', () => {
    expect(roundDown(123_456, 'USD')).toBe(120_000);
    expect(roundDown(123_456, 'JPY')).toBe(120_000);
    expect(roundDown(1_234_567, 'KWD')).toBe(1_200_000);
    expect(roundDown(123_456_789, 'INR')).toBe(123_400_000);
    const usd = reviewCreditLimit(input({ currentLimit: { amount: 1_000_000, currency: 'USD' }, productMaxPrincipal: product.maxPrincipal.USD!, outstandingPrincipal: 0, assessedMonthlyIncome: 600_000, existingMonthlyRepayments: 0 }));
    expect(usd).toMatchObject({ action: 'increase', currency: 'USD', newLimit: 1_250_000 });
  });
});

describe('reviewCreditLimit: rising risk', () => {
  it(`holds in the moderate band (${ROLL_BANDS.holdFrom}-${ROLL_BANDS.decreaseFrom - 1} bps), consent or not`, () => {
    for (const roll of [ROLL_BANDS.holdFrom, ROLL_BANDS.decreaseFrom - 1]) {
      expect(reviewCreditLimit(input({ rollProbabilityBps: roll }))).toMatchObject({ action: 'hold', newLimit: 20_000_000, reasons: ['ROLL_RISK_MODERATE'] });
    }
    expect(reviewCreditLimit(input({ rollProbabilityBps: ROLL_BANDS.holdFrom - 1 })).action).toBe('increase');
  });

  it('takes away half the undrawn limit at elevated risk, without consent, rounded down but never below the balance', () => {
    // drawn ₹1,20,000 of ₹2,00,000: keep ₹40,000 of the ₹80,000 undrawn -> ₹1,60,000
    const review = reviewCreditLimit(input({ rollProbabilityBps: ROLL_BANDS.decreaseFrom, increaseConsent: undefined }));
    expect(review).toMatchObject({ action: 'decrease', newLimit: 16_000_000, reasons: ['ROLL_RISK_ELEVATED'] });
    expect(LIMIT_REVIEW_REASONS[review.reasons[0]!]).toMatch(/risk of falling behind/);
    // drawn ₹1,99,950.50: the rounded target (₹1,99,000) is below the balance, so the limit stops at the balance
    expect(reviewCreditLimit(input({ rollProbabilityBps: 2000, outstandingPrincipal: 19_995_050 })).newLimit).toBe(19_995_050);
    // fully drawn: nothing to take away
    expect(reviewCreditLimit(input({ rollProbabilityBps: 2000, outstandingPrincipal: 20_000_000 }))).toMatchObject({ action: 'hold', reasons: ['ROLL_RISK_ELEVATED'] });
  });

  it(`freezes at the balance at high risk or past ${FREEZE_ABOVE_DPD} DPD, naming each cause`, () => {
    expect(reviewCreditLimit(input({ rollProbabilityBps: ROLL_BANDS.freezeFrom }))).toMatchObject({ action: 'freeze', newLimit: 12_000_000, reasons: ['ROLL_RISK_HIGH'] });
    expect(reviewCreditLimit(input({ currentDpd: FREEZE_ABOVE_DPD + 1 }))).toMatchObject({ action: 'freeze', newLimit: 12_000_000, reasons: ['DPD_ABOVE_FREEZE_LINE'] });
    expect(reviewCreditLimit(input({ currentDpd: 45, rollProbabilityBps: 9000 })).reasons).toEqual(['DPD_ABOVE_FREEZE_LINE', 'ROLL_RISK_HIGH']);
    // 30 DPD is not yet frozen: the model decides (low risk but past due: hold)
    expect(reviewCreditLimit(input({ currentDpd: FREEZE_ABOVE_DPD }))).toMatchObject({ action: 'hold', reasons: ['PAST_DUE'] });
  });

  it('freezes an over-limit account where it is: neither raised to the balance without consent nor cut below it', () => {
    expect(reviewCreditLimit(input({ outstandingPrincipal: 20_000_001, rollProbabilityBps: 9000 }))).toMatchObject({ action: 'freeze', newLimit: 20_000_000, reasons: ['OVER_LIMIT'] });
  });

  it("brings a limit above the product's maximum down to it (never below the balance), whatever the risk band", () => {
    const max = product.maxPrincipal.INR!;
    const above = { currentLimit: { amount: max + 10_000_000, currency: 'INR' }, outstandingPrincipal: 50_000_000 };
    expect(reviewCreditLimit(input({ ...above }))).toMatchObject({ action: 'decrease', newLimit: max, reasons: ['ABOVE_PRODUCT_MAXIMUM'] });
    expect(reviewCreditLimit(input({ ...above, rollProbabilityBps: 700 }))).toMatchObject({ action: 'decrease', newLimit: max, reasons: ['ABOVE_PRODUCT_MAXIMUM'] });
    expect(reviewCreditLimit(input({ ...above, outstandingPrincipal: max + 5_000_000 }))).toMatchObject({ action: 'decrease', newLimit: max + 5_000_000 });
    // elevated risk cuts deeper than the maximum: the risk is the reason given
    expect(reviewCreditLimit(input({ ...above, rollProbabilityBps: 2000 }))).toMatchObject({ action: 'decrease', newLimit: 80_000_000, reasons: ['ROLL_RISK_ELEVATED'] });
  });
});

describe('reviewCreditLimit: input', () => {
  it('refuses what it cannot decide on, listing every problem', () => {
    expect(() => reviewCreditLimit(input({ currentLimit: { amount: 1.5, currency: 'XXX' }, rollProbabilityBps: 10_001, asOf: '2026-06-01' }))).toThrow(
      'invalid limit review input: currency "XXX" is not supported; currentLimit must be a whole number of minor units, 0 or more; rollProbabilityBps must be whole basis points from 0 to 10000; asOf must be an ISO 8601 instant with a zone',
    );
    expect(() => reviewCreditLimit(input({ outstandingPrincipal: -1 }))).toThrow(/outstandingPrincipal/);
    expect(() => reviewCreditLimit(input({ increaseConsent: { at: 'yesterday' } }))).toThrow(/increaseConsent\.at/);
  });

  it('accepts only real instants with a zone', () => {
    expect(['2026-06-01T10:00:00Z', '2026-06-01T10:00Z', '2026-06-01T10:00:00.123+05:30', '2024-02-29T23:59:59-03:00'].every(isInstant)).toBe(true);
    expect(['2026-06-01T10:00:00', '2025-02-29T10:00:00Z', '2026-06-01T24:00:00Z', '2026-06-01 10:00:00Z', 20260601].some(isInstant)).toBe(false);
  });
});

describe('reviewCreditLimit: properties over generated borrowers', () => {
  const CURRENCIES = ['INR', 'USD', 'EUR', 'GBP'] as const;
  const RUNS = 5_000;

  function generate(random: SeededRandom): LimitReviewInput {
    const currency = random.pick(CURRENCIES);
    const max = product.maxPrincipal[currency]!;
    // Mostly within the product, sometimes above its maximum (the maximum was lowered), some odd amounts.
    const limit = random.chance(10) ? random.int(max, max * 2) : random.weighted([[0, 1], [random.int(1, max), 30], [roundDown(random.int(0, max), currency), 30]] as const);
    // Mostly within the limit, sometimes over it (servicing added to the balance).
    const outstanding = random.chance(5) ? random.int(limit, limit + max) : random.weighted([[0, 2], [limit, 2], [random.int(0, limit), 20]] as const);
    // Incomes mostly in proportion to the limit (3 to 12 months of income), some anywhere.
    const income = random.chance(30) ? random.int(0, max / 10) : random.int(Math.floor(limit / 12), Math.floor(limit / 3));
    const changedDaysAgo = random.int(-5, 400);
    // Two in five look eligible for a rise, so the consent rules meet many real candidates.
    const eligible = random.chance(40);
    return {
      asOf: ASOF,
      currentLimit: { amount: limit, currency },
      productMaxPrincipal: max,
      rollProbabilityBps: eligible ? random.int(0, ROLL_BANDS.holdFrom - 1) : random.weighted([[random.int(0, 600), 3], [random.int(0, 10_000), 2]] as const),
      currentDpd: eligible ? 0 : random.weighted([[0, 6], [random.int(1, 30), 2], [random.int(31, 200), 1]] as const),
      monthsOnBook: eligible ? random.int(SEASONING.minMonthsOnBook, 48) : random.int(0, 48),
      onTimePaymentRatioBps: eligible ? random.int(SEASONING.minOnTimeRatioBps, 10_000) : random.weighted([[10_000, 4], [random.int(8_000, 10_000), 2], [random.int(0, 10_000), 1]] as const),
      outstandingPrincipal: outstanding,
      assessedMonthlyIncome: income,
      existingMonthlyRepayments: random.int(0, eligible ? Math.floor(income / 4) : income),
      increaseConsent: random.chance(60) ? { at: daysBefore(random.int(-10, 200)) } : undefined,
      limitChangedAt: random.chance(70) ? daysBefore(changedDaysAgo) : undefined,
    };
  }

  /** Computed here from the input alone, not through the policy's own helper. */
  function freshConsent(i: LimitReviewInput): boolean {
    if (i.increaseConsent === undefined) return false;
    const at = Date.parse(i.increaseConsent.at);
    const asOf = Date.parse(i.asOf);
    return at <= asOf && asOf - at <= CONSENT_VALID_DAYS * 86_400_000 && (i.limitChangedAt === undefined || at >= Date.parse(i.limitChangedAt));
  }

  const random = new SeededRandom('credit-limit-review');
  const cases = Array.from({ length: RUNS }, () => {
    const i = generate(random);
    return { i, r: reviewCreditLimit(i) };
  });

  /** The cases breaking a property, with the input that replays them: empty when it holds. */
  const violations = (holds: (c: (typeof cases)[number]) => boolean) => cases.filter((c) => !holds(c)).slice(0, 3);

  it('meets every action often enough to test it', () => {
    const counts = new Map<string, number>();
    for (const { r } of cases) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['decrease', 'freeze', 'hold', 'increase', 'offer_increase']);
    expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(150);
    const consentReasons = new Set(cases.flatMap(({ r }) => (r.action === 'offer_increase' ? r.reasons : [])));
    // CONSENT_BEFORE_LAST_CHANGE cannot reach an offer while the cooling-off outlasts consent (tested on consentProblem).
    expect([...consentReasons].sort()).toEqual(['CONSENT_AFTER_REVIEW', 'CONSENT_EXPIRED', 'CONSENT_REQUIRED', 'LOW_ROLL_RISK']);
  });

  it('never raises a limit without fresh consent', () => {
    expect(violations(({ i, r }) => r.newLimit <= i.currentLimit.amount || (r.action === 'increase' && freshConsent(i)))).toEqual([]);
    expect(violations(({ i, r }) => r.action !== 'offer_increase' || r.newLimit === i.currentLimit.amount)).toEqual([]);
  });

  it('never sets the limit below the outstanding principal (an over-limit account keeps its limit)', () => {
    expect(violations(({ i, r }) => r.newLimit >= (i.outstandingPrincipal <= i.currentLimit.amount ? i.outstandingPrincipal : i.currentLimit.amount))).toEqual([]);
  });

  it("never leaves the limit above the product's maximum unless the balance already is", () => {
    expect(violations(({ i, r }) => r.newLimit <= Math.max(i.productMaxPrincipal, Math.min(i.outstandingPrincipal, r.currentLimit)))).toEqual([]);
    expect(violations(({ i, r }) => (r.proposedLimit ?? 0) <= i.productMaxPrincipal)).toEqual([]);
  });

  it('keeps every amount a whole number of minor units', () => {
    expect(violations(({ r }) => [r.currentLimit, r.newLimit, r.proposedLimit ?? 0].every(Number.isSafeInteger))).toEqual([]);
  });

  it('keeps every action consistent with its numbers and explains it with known reason codes', () => {
    const consistent = ({ i, r }: (typeof cases)[number]): boolean => {
      const current = i.currentLimit.amount;
      const shape = r.currentLimit === current && r.currency === i.currentLimit.currency && r.reasons.length > 0 && r.reasons.every((code) => code in LIMIT_REVIEW_REASONS);
      const proposal = r.proposedLimit;
      switch (r.action) {
        case 'hold':
          return shape && r.newLimit === current && proposal === undefined;
        case 'decrease':
          return shape && r.newLimit < current && proposal === undefined;
        case 'freeze':
          return shape && r.newLimit === Math.min(current, i.outstandingPrincipal) && proposal === undefined;
        case 'increase':
        case 'offer_increase':
          return (
            shape && proposal !== undefined && proposal > current && proposal === roundDown(proposal, r.currency) &&
            proposal <= current + Math.floor((current * INCREASE_STEP_BPS) / 10_000) && proposal <= affordabilityCap(i) &&
            i.currentDpd === 0 && i.rollProbabilityBps < ROLL_BANDS.holdFrom && (r.action === 'offer_increase' || r.newLimit === proposal)
          );
      }
    };
    expect(violations(consistent)).toEqual([]);
  });

  it('never gives a higher limit for a higher roll probability or more days past due, all else equal', () => {
    const more = new SeededRandom('credit-limit-review/monotone');
    const worse = ({ i, r }: (typeof cases)[number]) =>
      reviewCreditLimit({ ...i, rollProbabilityBps: more.int(i.rollProbabilityBps, 10_000), currentDpd: i.currentDpd + more.int(0, 40) }).newLimit <= r.newLimit;
    expect(violations(worse)).toEqual([]);
  });

  it('is a pure function of its input', () => {
    for (const { i, r } of cases.slice(0, 200)) expect(reviewCreditLimit(structuredClone(i))).toEqual(r);
  });
});
