import { describe, expect, it } from '@jest/globals';
import { SeededRandom } from '../domain/seeded-random.js';
import {
  contactPlan, PROPENSITY_BANDS, propensityBand, RECOVERY_SEGMENTS, RECOVERY_SEGMENTS_POLICY_VERSION, SEGMENT_THRESHOLDS, segmentRecovery,
  type RecoveryFeatures, type RecoveryInput, type RecoverySegment,
} from './recovery-segments.js';

/** An early-arrears borrower with nothing remarkable about them. */
const ordinary: RecoveryFeatures = {
  current_dpd: 12,
  on_time_payment_ratio_bps: 8000,
  credit_utilisation_bps: 3000,
  income_seasonality_bps: 3000,
  transaction_regularity_bps: 6000,
  communication_engagement_bps: 0,
  promises_kept_ratio_bps: null,
};
const account = (propensityBps: number, features: Partial<RecoveryFeatures> = {}): RecoveryInput => ({ propensityBps, features: { ...ordinary, ...features } });
const segmentOf = (propensityBps: number, features: Partial<RecoveryFeatures> = {}) => segmentRecovery(account(propensityBps, features)).segment;

describe('segmentRecovery: a representative borrower per segment', () => {
  it('self_cure: a salaried borrower who forgot once, answers calls, has paid on time', () => {
    const strategy = segmentRecovery(account(9400, { current_dpd: 6, communication_engagement_bps: 5000, on_time_payment_ratio_bps: 9000 }));
    expect(strategy).toMatchObject({ segment: 'self_cure', propensityBand: 'high', signals: ['ENGAGED', 'GOOD_HISTORY'], policyVersion: RECOVERY_SEGMENTS_POLICY_VERSION });
    expect(strategy.plan).toMatchObject({ channels: ['statutory_notice'], maxOutboundPerWeek: 0, offer: 'none' });
    expect(strategy.rationale).toBe('A slip, not a problem: 6 DPD, a 94% chance of paying within 30 days, answers 50% of our calls and paid 90% of instalments on time. Likely to pay without being chased.');
  });

  it('reminder: early arrears, likely to pay, but does not pick up', () => {
    const strategy = segmentRecovery(account(9000));
    expect(strategy).toMatchObject({ segment: 'reminder', propensityBand: 'high', signals: [] });
    expect(strategy.plan).toMatchObject({ channels: ['statutory_notice', 'sms', 'email'], offer: 'none' });
    expect(strategy.rationale).toMatch(/^Early arrears \(12 DPD\) with a 90% chance of paying within 30 days; answers 0% of our calls/);
  });

  it('flexible_schedule: a farmer between harvests, behind but not gone', () => {
    const farmer = segmentRecovery(account(6000, { current_dpd: 40, income_seasonality_bps: 8000, communication_engagement_bps: 2000 }));
    expect(farmer).toMatchObject({ segment: 'flexible_schedule', propensityBand: 'low', signals: ['SEASONAL_INCOME'] });
    expect(farmer.plan).toMatchObject({ offer: 'due_date_change', channels: ['statutory_notice', 'call', 'sms', 'email'] });
    expect(farmer.rationale).toContain("earns 80% of a year's income in three months");
    // Without bank data, lumpy UPI use reads the same way.
    expect(segmentRecovery(account(7000, { income_seasonality_bps: null, transaction_regularity_bps: 1200 })).signals).toEqual(['IRREGULAR_INCOME']);
  });

  it('restructure: sudden distress; engaged, keeps what promises they can, card maxed', () => {
    const distress = segmentRecovery(account(3500, { current_dpd: 75, communication_engagement_bps: 3000, promises_kept_ratio_bps: 6000, credit_utilisation_bps: 10_200 }));
    expect(distress).toMatchObject({ segment: 'restructure', propensityBand: 'low', signals: ['LATE_ARREARS', 'LOW_PROPENSITY', 'CARD_MAXED', 'ENGAGED'] });
    expect(distress.plan.offer).toBe('restructuring_plan');
    expect(distress.rationale).toBe('Unable rather than unwilling: answers 30% of our calls and is 75 DPD with a 35% chance of paying within 30 days, and a card used to its limit. A plan sized to what they can pay now keeps the account paying.');
  });

  it('field_or_legal: a strategic defaulter; low propensity, dodges calls, breaks promises, capacity intact', () => {
    const strategic = segmentRecovery(account(1500, { current_dpd: 120, communication_engagement_bps: 400, promises_kept_ratio_bps: 0 }));
    expect(strategic).toMatchObject({ segment: 'field_or_legal', propensityBand: 'low', signals: ['SEVERE_ARREARS', 'LOW_PROPENSITY', 'PROMISES_BROKEN'] });
    expect(strategic.plan.channels).toEqual(['statutory_notice', 'call', 'field_visit', 'legal_notice']);
    const avoider = segmentRecovery(account(5000, { current_dpd: 45, communication_engagement_bps: 500 }));
    expect(avoider).toMatchObject({ segment: 'field_or_legal', signals: ['LATE_ARREARS', 'LOW_PROPENSITY', 'LOW_ENGAGEMENT'] });
    expect(avoider.rationale).toMatch(/^Avoids contact despite capacity: answers 5% of our calls/);
    // Before 90 DPD: calls and a field visit, no legal route yet.
    expect(avoider.plan.channels).toEqual(['statutory_notice', 'call', 'field_visit']);
  });
});

describe('segmentRecovery: the rules at their edges', () => {
  const t = SEGMENT_THRESHOLDS;

  it('bands propensity', () => {
    expect([9999, PROPENSITY_BANDS.highFrom, PROPENSITY_BANDS.highFrom - 1, PROPENSITY_BANDS.mediumFrom, PROPENSITY_BANDS.mediumFrom - 1, 0].map(propensityBand)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('moves from a nudge to a plan at 31 DPD and at low propensity', () => {
    expect(segmentOf(9000, { current_dpd: t.earlyDpd })).toBe('reminder');
    expect(segmentOf(9000, { current_dpd: t.earlyDpd + 1, communication_engagement_bps: t.engagedBps })).toBe('restructure');
    expect(segmentOf(PROPENSITY_BANDS.mediumFrom, { communication_engagement_bps: t.engagedBps })).toBe('reminder');
    expect(segmentOf(PROPENSITY_BANDS.mediumFrom - 1, { communication_engagement_bps: t.engagedBps })).toBe('restructure');
    expect(segmentOf(PROPENSITY_BANDS.mediumFrom - 1, { communication_engagement_bps: t.engagedBps - 1 })).toBe('field_or_legal');
  });

  it('reads a maxed card as distress: a plan, even for a borrower who rarely answers, unless they break promises', () => {
    expect(segmentOf(9000, { credit_utilisation_bps: t.cardMaxedBps })).toBe('restructure');
    expect(segmentOf(9000, { credit_utilisation_bps: t.cardMaxedBps - 1 })).toBe('reminder');
    expect(segmentOf(9000, { credit_utilisation_bps: t.cardMaxedBps, promises_kept_ratio_bps: t.brokenPromisesBps - 1 })).toBe('field_or_legal');
    expect(segmentOf(9000, { credit_utilisation_bps: t.cardMaxedBps, promises_kept_ratio_bps: t.brokenPromisesBps })).toBe('restructure');
  });

  it('does not treat a borrower we have never called as one who avoids us', () => {
    const strategy = segmentRecovery(account(5000, { current_dpd: 50, communication_engagement_bps: null }));
    expect(strategy).toMatchObject({ segment: 'restructure', signals: ['LATE_ARREARS', 'LOW_PROPENSITY', 'NEVER_CALLED'] });
    expect(strategy.rationale).toMatch(/^Not reached yet \(has not been called yet\)/);
    expect(segmentOf(9500, { communication_engagement_bps: null, on_time_payment_ratio_bps: 10_000 })).toBe('reminder');
  });

  it('keeps self_cure for high propensity, engagement and an on-time history together', () => {
    const good = { communication_engagement_bps: t.selfCureEngagementBps, on_time_payment_ratio_bps: t.selfCureOnTimeBps };
    expect(segmentOf(PROPENSITY_BANDS.highFrom, good)).toBe('self_cure');
    expect(segmentOf(PROPENSITY_BANDS.highFrom - 1, good)).toBe('reminder');
    expect(segmentOf(PROPENSITY_BANDS.highFrom, { ...good, communication_engagement_bps: t.selfCureEngagementBps - 1 })).toBe('reminder');
    expect(segmentOf(PROPENSITY_BANDS.highFrom, { ...good, on_time_payment_ratio_bps: t.selfCureOnTimeBps - 1 })).toBe('reminder');
  });

  it('offers a new schedule for seasonal income only until 90 DPD', () => {
    const seasonal = { income_seasonality_bps: t.seasonalIncomeBps, communication_engagement_bps: 2000 };
    expect(segmentOf(9000, { ...seasonal, income_seasonality_bps: t.seasonalIncomeBps - 1 })).toBe('reminder');
    expect(segmentOf(9000, seasonal)).toBe('flexible_schedule');
    expect(segmentOf(4000, { ...seasonal, current_dpd: t.severeDpd })).toBe('flexible_schedule');
    expect(segmentOf(4000, { ...seasonal, current_dpd: t.severeDpd + 1 })).toBe('restructure');
    // Measured seasonality wins over UPI regularity; regularity only speaks when seasonality is unmeasured.
    expect(segmentOf(9000, { transaction_regularity_bps: 100 })).toBe('reminder');
    expect(segmentOf(9000, { income_seasonality_bps: null, transaction_regularity_bps: t.irregularUpiBps })).toBe('reminder');
    expect(segmentOf(9000, { income_seasonality_bps: null, transaction_regularity_bps: null })).toBe('reminder');
  });

  it('refuses accounts that are not delinquent and values out of range, listing every problem', () => {
    expect(() => segmentRecovery(account(10_001, { current_dpd: 0, communication_engagement_bps: 1.5 }))).toThrow(
      'invalid recovery input: propensityBps must be whole basis points from 0 to 10000; current_dpd must be a whole number of days, 1 or more: the account must be delinquent; communication_engagement_bps must be whole basis points from 0 to 10000 or null',
    );
    // Utilisation above 100% is real (interest on a maxed card).
    expect(segmentOf(9000, { credit_utilisation_bps: 11_000 })).toBe('restructure');
  });
});

describe('contactPlan', () => {
  it('always includes the statutory notices and keeps the legal route for 90+ field_or_legal accounts', () => {
    for (const segment of RECOVERY_SEGMENTS) {
      for (const dpd of [1, 30, 60, 90, 91, 180]) {
        const plan = contactPlan(segment, dpd);
        expect(plan.channels[0]).toBe('statutory_notice');
        expect(plan.channels.includes('legal_notice')).toBe(segment === 'field_or_legal' && dpd > 90);
        expect(plan.cadence.length).toBeGreaterThan(0);
      }
    }
    expect(contactPlan('self_cure', 5).maxOutboundPerWeek).toBe(0);
  });
});

describe('segmentRecovery: properties over generated accounts', () => {
  const random = new SeededRandom('recovery-segments');
  const nullable = (value: number) => (random.chance(20) ? null : value);
  const generated: RecoveryInput[] = Array.from({ length: 3_000 }, () => ({
    propensityBps: random.int(0, 10_000),
    features: {
      current_dpd: random.weighted([[random.int(1, 30), 6], [random.int(31, 90), 3], [random.int(91, 240), 1]] as const),
      on_time_payment_ratio_bps: random.int(0, 10_000),
      credit_utilisation_bps: nullable(random.int(0, 11_000)),
      income_seasonality_bps: nullable(random.int(2_500, 10_000)),
      transaction_regularity_bps: nullable(random.int(0, 10_000)),
      communication_engagement_bps: nullable(random.int(0, 10_000)),
      promises_kept_ratio_bps: random.chance(70) ? null : random.int(0, 10_000),
    },
  }));
  const results = generated.map((input) => ({ input, strategy: segmentRecovery(input) }));

  it('reaches every segment and explains each decision', () => {
    expect(new Set(results.map((r) => r.strategy.segment))).toEqual(new Set<RecoverySegment>(RECOVERY_SEGMENTS));
    expect(results.filter(({ strategy }) => strategy.rationale.length < 40 || strategy.plan.channels.length === 0)).toEqual([]);
  });

  it('never escalates an account for being more likely to pay or for answering more calls', () => {
    const gentle = new Set<RecoverySegment>(['self_cure', 'reminder']);
    const more = new SeededRandom('recovery-segments/monotone');
    const broken = results.filter(({ input, strategy }) => {
      const likelier = segmentRecovery({ ...input, propensityBps: more.int(input.propensityBps, 10_000) }).segment;
      const answered = input.features.communication_engagement_bps;
      // From "never called" any measured rate is new information, not more engagement.
      const engaged = answered === null ? strategy.segment : segmentRecovery({ ...input, features: { ...input.features, communication_engagement_bps: more.int(answered, 10_000) } }).segment;
      return (gentle.has(strategy.segment) && !gentle.has(likelier)) || (strategy.segment === 'restructure' && engaged === 'field_or_legal');
    });
    expect(broken).toEqual([]);
  });

  it('sends nobody to field or legal recovery who answers our calls and keeps promises', () => {
    const t = SEGMENT_THRESHOLDS;
    expect(
      results.filter(({ input: { features: f }, strategy }) =>
        strategy.segment === 'field_or_legal' && (f.communication_engagement_bps ?? 0) >= t.engagedBps && (f.promises_kept_ratio_bps ?? 10_000) >= t.brokenPromisesBps),
    ).toEqual([]);
  });
});
