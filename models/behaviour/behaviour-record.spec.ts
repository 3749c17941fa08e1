import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { RepaymentBehaviour } from '../../domain/repayment-behaviour.js';
import { behaviourRecord, contactHourRecord, delinquencyRollRecord, portfolioBucket, propensityRecord, recoveryFeatures, timeZoneOffsetMinutes } from './index.js';

interface CardFeature {
  name: string;
  nullable: boolean;
  categories?: string[];
}

const card = (model: string): CardFeature[] =>
  (JSON.parse(readFileSync(new URL(`../artifacts/${model}/1.0.0/card.json`, import.meta.url), 'utf8')) as { features: CardFeature[] }).features;

/** Every feature the card lists is in the record, and null only where the card allows it. */
function fitsCard(record: object, model: string): void {
  const features = card(model);
  expect(Object.keys(record).sort()).toEqual(features.map((f) => f.name).sort());
  for (const f of features) {
    const value = (record as Record<string, unknown>)[f.name];
    if (!f.nullable) expect([f.name, value]).not.toEqual([f.name, null]);
    if (f.categories) expect(f.categories).toContain(value);
  }
}

const onTime: RepaymentBehaviour = { monthsOnBook: 6, currentDpd: 0, maxDpd6m: 0, dpdTrend3m: 0, onTimePaymentRatioBps: 10_000, repaymentVelocityBps: 10_000 };
const behind: RepaymentBehaviour = { monthsOnBook: 3, currentDpd: 45, maxDpd6m: 45, dpdTrend3m: 45, onTimePaymentRatioBps: 3333, repaymentVelocityBps: 0 };

describe('behaviour records', () => {
  it('carry the repayment features under the portfolio column names, and what servicing does not observe as null or no promises', () => {
    expect(behaviourRecord(behind)).toEqual({
      months_on_book: 3,
      current_dpd: 45,
      max_dpd_6m: 45,
      dpd_trend_3m: 45,
      on_time_payment_ratio_bps: 3333,
      repayment_velocity_bps: 0,
      credit_utilisation_bps: null,
      income_seasonality_bps: null,
      transaction_regularity_bps: null,
      communication_engagement_bps: null,
      promise_to_pay_count_90d: 0,
      promises_kept_ratio_bps: null,
    });
  });

  it('fit the delinquency-roll card, a first due date with nothing yet fallen due reading as fully paid', () => {
    fitsCard(delinquencyRollRecord(onTime), 'delinquency-roll');
    const first = delinquencyRollRecord({ ...onTime, monthsOnBook: 1, repaymentVelocityBps: null });
    fitsCard(first, 'delinquency-roll');
    expect(first.repayment_velocity_bps).toBe(10_000);
  });

  it('fit the propensity-to-pay card, with the portfolio bucket of the DPD', () => {
    const record = propensityRecord(behind);
    fitsCard(record, 'propensity-to-pay');
    expect(record.bucket).toBe('31-60');
    // A velocity the propensity card may go without.
    expect(propensityRecord({ ...behind, repaymentVelocityBps: null }).repayment_velocity_bps).toBeNull();
  });

  it('name the portfolio buckets by DPD, whatever the product calls its own', () => {
    expect([1, 15, 30, 31, 60, 61, 90, 91, 400].map(portfolioBucket)).toEqual(['1-30', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
    expect(() => portfolioBucket(0)).toThrow(RangeError);
  });

  it('hand the recovery policy the features it reads', () => {
    expect(recoveryFeatures(behaviourRecord(behind))).toEqual({
      current_dpd: 45,
      on_time_payment_ratio_bps: 3333,
      credit_utilisation_bps: null,
      income_seasonality_bps: null,
      transaction_regularity_bps: null,
      communication_engagement_bps: null,
      promises_kept_ratio_bps: null,
    });
  });
});

describe('contact-hour records', () => {
  const at = Date.parse('2026-01-15T06:00:00Z');

  it('fit the card: age, employment and the zone offset known, how the borrower answers not yet', () => {
    const record = contactHourRecord({ age: 38, employmentStatus: 'salaried', timeZone: 'Asia/Kolkata' }, at);
    fitsCard(record, 'contact-hour');
    expect(record).toMatchObject({ age: 38, employment_status: 'salaried', timezone_offset_minutes: 330, upi_peak_hour: null, sms_click_hour: null });
  });

  it('read zone offsets east and west of UTC, with daylight saving', () => {
    expect(timeZoneOffsetMinutes('Asia/Kathmandu', at)).toBe(345);
    expect(timeZoneOffsetMinutes('UTC', at)).toBe(0);
    expect(timeZoneOffsetMinutes('America/New_York', at)).toBe(-300);
    expect(timeZoneOffsetMinutes('America/New_York', Date.parse('2026-07-15T06:00:00Z'))).toBe(-240);
  });

  it('refuse a zone the runtime does not know', () => {
    expect(() => contactHourRecord({ age: 38, employmentStatus: 'salaried', timeZone: 'Mars/Olympus_Mons' }, at)).toThrow(RangeError);
  });
});
