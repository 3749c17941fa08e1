import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RepaymentBehaviour } from '../../domain/repayment-behaviour.js';
import { ModelRegistry, type ScoreRecord } from '../../models/registry/index.js';
import { createServicingScoringActivities, type ReviewCreditLimitInput, type ServicingScoringActivities } from './servicing-scoring.activities.js';

describe('servicing scoring activities', () => {
  const recorded: ScoreRecord[] = [];
  let models: ModelRegistry;
  let scoring: ServicingScoringActivities;

  beforeAll(async () => {
    models = await ModelRegistry.load({ sink: { record: (rows) => recorded.push(...rows) } });
    scoring = createServicingScoringActivities({ models });
  });
  afterAll(() => models.dispose());

  const onTime: RepaymentBehaviour = { monthsOnBook: 6, currentDpd: 0, maxDpd6m: 0, dpdTrend3m: 0, onTimePaymentRatioBps: 10_000, repaymentVelocityBps: 10_000 };
  const behind: RepaymentBehaviour = { monthsOnBook: 2, currentDpd: 31, maxDpd6m: 31, dpdTrend3m: 31, onTimePaymentRatioBps: 0, repaymentVelocityBps: 0 };
  const review = (overrides: Partial<ReviewCreditLimitInput>): ReviewCreditLimitInput => ({
    loanId: 'ln_limit',
    asOf: '2026-07-01T00:00:00Z',
    behaviour: onTime,
    limit: { amount: 18_000_000, currency: 'INR', changedAt: null, increaseConsentAt: null },
    productMaxPrincipal: 100_000_000,
    outstandingPrincipal: 5_000_000,
    assessedMonthlyIncome: 6_000_000,
    existingMonthlyRepayments: 0,
    ...overrides,
  });

  it('offers a seasoned, on-time borrower a higher limit, and raises it only with consent', async () => {
    const offered = await scoring.reviewCreditLimit(review({}));
    expect(offered.review).toMatchObject({ action: 'offer_increase', currentLimit: 18_000_000, newLimit: 18_000_000, reasons: ['LOW_ROLL_RISK', 'CONSENT_REQUIRED'] });
    expect(offered.review.proposedLimit).toBeGreaterThan(18_000_000);
    expect(offered.model).toEqual({ name: 'delinquency-roll', version: models.champion('delinquency-roll').version });
    expect(offered.rollProbability).toBeGreaterThan(0);
    expect(offered.rollProbability).toBeLessThan(0.05);

    const raised = await scoring.reviewCreditLimit(review({ limit: { amount: 18_000_000, currency: 'INR', changedAt: null, increaseConsentAt: '2026-06-20T10:00:00Z' } }));
    expect(raised.review).toMatchObject({ action: 'increase', newLimit: offered.review.proposedLimit, reasons: ['LOW_ROLL_RISK', 'CONSENT_ON_FILE'] });
  });

  it('freezes the limit of a borrower a month behind, and records the champion and challenger for the loan', async () => {
    recorded.length = 0;
    const frozen = await scoring.reviewCreditLimit(review({ loanId: 'ln_behind', behaviour: behind }));
    expect(frozen.review).toMatchObject({ action: 'freeze', newLimit: 5_000_000 });
    expect(frozen.rollProbability).toBeGreaterThan(0.3);
    await models.settled();
    expect(recorded.filter((r) => r.subject === 'ln_behind').map((r) => `${r.model}:${r.role}`).sort()).toEqual(['delinquency-roll:challenger', 'delinquency-roll:champion']);
  });

  it('refuses an input its own code built wrong without retrying', async () => {
    await expect(scoring.reviewCreditLimit(review({ asOf: 'yesterday' }))).rejects.toMatchObject({ type: 'ModelInputInvalid', nonRetryable: true });
  });

  it('segments a delinquent account with its propensity, contact plan and best local hour to call', async () => {
    recorded.length = 0;
    const segmented = await scoring.segmentForRecovery({ loanId: 'ln_late', asOf: '2026-07-01T00:00:00Z', behaviour: behind, contact: { age: 38, employmentStatus: 'salaried', timeZone: 'Asia/Kolkata' } });
    expect(segmented.strategy.segment).toBe('restructure');
    expect(segmented.strategy.plan.offer).toBe('restructuring_plan');
    expect(segmented.propensity).toBeGreaterThan(0);
    expect(segmented.propensity).toBeLessThan(1);
    expect(segmented.bestContactHour).toBeGreaterThanOrEqual(8);
    expect(segmented.bestContactHour).toBeLessThanOrEqual(20);
    expect(segmented.models).toEqual({ propensity: models.champion('propensity-to-pay').version, contactHour: models.champion('contact-hour').version });
    await models.settled();
    expect(recorded.filter((r) => r.subject === 'ln_late').map((r) => `${r.model}:${r.role}`).sort()).toEqual(['contact-hour:champion', 'propensity-to-pay:challenger', 'propensity-to-pay:champion']);
  });

  it('goes without the contact hour, and says why, when the loan does not know what the model needs', async () => {
    const unknown = await scoring.segmentForRecovery({ loanId: 'ln_old', asOf: '2026-07-01T00:00:00Z', behaviour: behind, contact: null });
    expect(unknown).toMatchObject({ bestContactHour: null, models: { contactHour: null }, contactHourSkipped: expect.stringMatching(/not kept/) });
    const badZone = await scoring.segmentForRecovery({ loanId: 'ln_zone', asOf: '2026-07-01T00:00:00Z', behaviour: behind, contact: { age: 38, employmentStatus: 'salaried', timeZone: 'Nowhere/Else' } });
    expect(badZone).toMatchObject({ bestContactHour: null, contactHourSkipped: expect.stringMatching(/time zone/) });
    expect(badZone.strategy.segment).toBe(unknown.strategy.segment);
  });
});
