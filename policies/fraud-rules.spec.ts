import { describe, expect, it } from '@jest/globals';
import { testApplication } from '../apps/sandboxes/identities.js';
import { assessFraud, FRAUD_LEVELS, matchIdentity, velocityBeyondTolerance, type FraudInput } from './fraud-rules.js';

const applicant = testApplication('approved').applicant; // Priya Sharma, 1988-04-12, AKLPS4821K
const subject = { firstName: 'PRIYA', lastName: 'SHARMA', dateOfBirth: '1988-04-12', nationalId: 'AKLPS4821K' };
const clean: FraudInput = {
  identity: { matched: true, mismatches: [] },
  velocity: { applicationsSameNationalId30d: 0, applicationsSameDevice24h: 0 },
  shared: { phoneSharedWithOtherIds: 0, deviceSharedWithOtherIds: 0, bankAccountSharedWithOtherIds: 0, emailSharedWithOtherIds: 0 },
};

describe('matchIdentity', () => {
  it('matches the same person however the bureau writes the name', () => {
    expect(matchIdentity(applicant, subject)).toEqual({ matched: true, mismatches: [] });
    expect(matchIdentity(applicant, { ...subject, firstName: 'P' })).toEqual({ matched: true, mismatches: [] });
    expect(matchIdentity(applicant, { ...subject, firstName: 'PRIYA K', lastName: 'SHARMA-IYER' })).toEqual({ matched: true, mismatches: [] });
    expect(matchIdentity({ ...applicant, firstName: 'Priyá' }, subject)).toEqual({ matched: true, mismatches: [] });
    expect(matchIdentity(applicant, { ...subject, firstName: 'SHARMA', lastName: 'PRIYA' }).mismatches).toEqual([]);
  });

  it('names each field that disagrees', () => {
    expect(matchIdentity(applicant, { ...subject, dateOfBirth: '1988-04-21' })).toEqual({ matched: false, mismatches: ['dateOfBirth'] });
    expect(matchIdentity(applicant, { ...subject, lastName: 'SINGH' })).toEqual({ matched: false, mismatches: ['lastName'] });
    expect(matchIdentity(applicant, { ...subject, firstName: 'ROHINI' })).toEqual({ matched: false, mismatches: ['firstName'] });
    expect(matchIdentity(applicant, { ...subject, nationalId: 'AKLPS4821X' }).mismatches).toEqual(['nationalId']);
  });

  it('has nothing to contradict without a bureau file', () => {
    expect(matchIdentity(applicant, undefined)).toEqual({ matched: true, mismatches: [] });
  });
});

describe('assessFraud', () => {
  it('is clear with no signals', () => {
    expect(assessFraud(clean)).toEqual({ level: 'clear', score: 0, signals: [] });
  });

  it('declines on a surname or date-of-birth mismatch alone, reviews a first-name-only one', () => {
    expect(assessFraud({ ...clean, identity: { matched: false, mismatches: ['dateOfBirth'] } })).toMatchObject({ level: 'decline', score: 60 });
    expect(assessFraud({ ...clean, identity: { matched: false, mismatches: ['lastName'] } }).level).toBe('decline');
    expect(assessFraud({ ...clean, identity: { matched: false, mismatches: ['firstName'] } })).toMatchObject({ level: 'review', score: 30 });
  });

  it('grades identifiers shared with other national IDs by count', () => {
    const shared = (s: Partial<FraudInput['shared']>) => assessFraud({ ...clean, shared: { ...clean.shared, ...s } });
    expect(shared({ deviceSharedWithOtherIds: 1 })).toMatchObject({ level: 'clear', score: 10 });
    expect(shared({ phoneSharedWithOtherIds: 2 })).toMatchObject({ level: 'review', score: 30 });
    expect(shared({ bankAccountSharedWithOtherIds: 1 })).toMatchObject({ level: 'review', score: 30 });
    expect(shared({ bankAccountSharedWithOtherIds: 2 })).toMatchObject({ level: 'decline', score: 60 });
    expect(shared({ emailSharedWithOtherIds: 3, phoneSharedWithOtherIds: 3 })).toMatchObject({ level: 'decline', score: 90 });
    expect(shared({ phoneSharedWithOtherIds: 3, emailSharedWithOtherIds: 3, bankAccountSharedWithOtherIds: 2 }).score).toBe(100);
  });

  it('tolerates a re-application but not a burst', () => {
    const velocity = (v: Partial<FraudInput['velocity']>) => assessFraud({ ...clean, velocity: { ...clean.velocity, ...v } });
    expect(velocity({ applicationsSameNationalId30d: 2 }).level).toBe('clear');
    expect(velocity({ applicationsSameNationalId30d: 3 })).toMatchObject({ level: 'clear', score: 15 });
    expect(velocity({ applicationsSameNationalId30d: 5 }).level).toBe('review');
    expect(velocity({ applicationsSameDevice24h: 5, applicationsSameNationalId30d: 5 })).toMatchObject({ level: 'decline', score: 75 });
    expect(velocity({ applicationsSameDevice24h: 3 }).signals).toEqual([{ rule: 'velocity_device_24h', weight: 30, detail: '3 other applications from this device in 24 hours' }]);
  });

  it('shows the anomaly model only the velocity the rules do not tolerate', () => {
    const shown = (applicationsSameNationalId30d: number, applicationsSameDevice24h: number) => velocityBeyondTolerance({ applicationsSameNationalId30d, applicationsSameDevice24h });
    // Tolerated by the rules (clear, no points), so nothing for the model either.
    expect(shown(2, 1)).toEqual({ applicationsSameNationalId30d: 0, applicationsSameDevice24h: 0 });
    expect(assessFraud({ ...clean, velocity: { applicationsSameNationalId30d: 2, applicationsSameDevice24h: 1 } })).toMatchObject({ level: 'clear', score: 0 });
    // The first counts a rule weighs are the first the model sees.
    expect(shown(3, 2)).toEqual({ applicationsSameNationalId30d: 1, applicationsSameDevice24h: 1 });
    expect(shown(12, 6)).toEqual({ applicationsSameNationalId30d: 10, applicationsSameDevice24h: 5 });
  });

  it('reviews an anomaly at or above the model threshold, never below it', () => {
    const at = assessFraud({ ...clean, anomaly: { score: 0.6, threshold: 0.6, model: 'fraud-anomaly@1.0.0' } });
    expect(at.level).toBe('review');
    expect(at.signals.map((s) => s.rule)).toEqual(['anomaly_model']);
    expect(assessFraud({ ...clean, anomaly: { score: 0.59, threshold: 0.6, model: 'fraud-anomaly@1.0.0' } }).level).toBe('clear');
  });

  it('reviews a ring member, and refuses when the ring comes with a shared mule account', () => {
    const ring = { ringId: 'r1', people: 4, score: 70, sharedKinds: ['bank_account', 'phone'] };
    const member = assessFraud({ ...clean, ring });
    expect(member.level).toBe('review');
    expect(member.signals[0]!.detail).toMatch(/4 people sharing bank_account, phone/);
    expect(assessFraud({ ...clean, ring, shared: { ...clean.shared, bankAccountSharedWithOtherIds: 1 } }).level).toBe('decline');
  });

  it('uses the documented levels', () => {
    expect(FRAUD_LEVELS).toEqual({ review: 25, decline: 60 });
  });
});
