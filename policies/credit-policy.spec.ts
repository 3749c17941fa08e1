import { describe, expect, it } from '@jest/globals';
import { testApplication } from '../apps/sandboxes/identities.js';
import type { LoanApplication } from '../domain/application.js';
import type { CreditScore, FraudAssessment, KycResult } from '../domain/credit.js';
import { installmentAmount } from '../domain/schedule.js';
import { reason } from '../models/scorecard/reasons.js';
import { aprFor, decide, SCORE_CUTOFFS, type DecideInput } from './credit-policy.js';
import { KYC_CHECK } from './kyc-rules.js';
import { getProduct } from './products.js';

const product = getProduct();
const kycPass: KycResult = { outcome: 'pass', checks: [] };
const clear: FraudAssessment = { level: 'clear', score: 0, signals: [] };
const REASONS = [reason('DELINQUENCY'), reason('UTILISATION'), reason('INQUIRIES'), reason('HISTORY_LENGTH')];

function score(points: number, creditLimit = 100_000_000, reasons = REASONS): CreditScore {
  return { model: { name: 'test', version: '0' }, score: points, pd: 0, grade: 'X', creditLimit, thinFile: false, reasons, features: {} };
}
function input(overrides: Partial<DecideInput> = {}, application: LoanApplication = testApplication('approved')): DecideInput {
  return { application, product, kyc: kycPass, fraud: clear, score: score(650), bureauAvailable: true, ...overrides };
}
const withLoan = (loan: Partial<LoanApplication['loan']>) => {
  const app = testApplication('approved');
  return { ...app, loan: { ...app.loan, ...loan } };
};

describe('decide', () => {
  it('approves above the cut-off for the amount asked, priced by score', () => {
    const decision = decide(input());
    expect(decision).toMatchObject({ outcome: 'approved', reasons: [], reviewReasons: [] });
    // ₹3,00,000 for 24 months at the top tier (11.99%); fee 2% = ₹6,000.
    expect(decision.offer).toEqual({ principal: 30_000_000, currency: 'INR', termMonths: 24, aprBps: 1199, originationFee: 600_000, installmentAmount: installmentAmount({ principal: 30_000_000, aprBps: 1199, termMonths: 24 }) });
    expect(decide(input({ score: score(600) })).offer?.aprBps).toBe(1899);
  });

  it('picks the tier with the greatest minScore at or below the score', () => {
    expect([700, 640, 639, 610, 609, 580, 579, 540, 0].map((s) => aprFor(product, s))).toEqual([1199, 1199, 1499, 1499, 1899, 1899, 2399, 2399, 2999]);
  });

  it('rounds the origination fee half up to the minor unit', () => {
    // 1,012,345 paise x 2% = 20,246.9 -> 20,247
    expect(decide(input({}, withLoan({ principal: 1_012_345 }))).offer?.originationFee).toBe(20_247);
    // 1,012,325 x 2% = 20,246.5 -> 20,247 (half up)
    expect(decide(input({}, withLoan({ principal: 1_012_325 }))).offer?.originationFee).toBe(20_247);
  });

  it('holds the cut-offs exactly', () => {
    expect(decide(input({ score: score(SCORE_CUTOFFS.approveAt) })).outcome).toBe('approved');
    expect(decide(input({ score: score(SCORE_CUTOFFS.approveAt - 1) })).outcome).toBe('manual_review');
    expect(decide(input({ score: score(SCORE_CUTOFFS.declineBelow) })).outcome).toBe('manual_review');
    expect(decide(input({ score: score(SCORE_CUTOFFS.declineBelow - 1) })).outcome).toBe('declined');
  });

  it("declines below the cut-off with the score's reasons, at most four", () => {
    const five = [...REASONS, reason('OBLIGATIONS')];
    expect(decide(input({ score: score(500, 0, five) }))).toMatchObject({ outcome: 'declined', reasons: REASONS, reviewReasons: [] });
  });

  it('says why a score in the review band needs a person', () => {
    const decision = decide(input({ score: score(560, 10_000_000) }));
    expect(decision.outcome).toBe('manual_review');
    expect(decision.reviewReasons).toEqual(['Score 560 (grade X) is in the review band 540-579', 'Requested 30000000 is above the credit limit of 10000000 INR']);
  });

  it('approves at the credit limit when it is below the amount asked, and declines when the limit is below the minimum', () => {
    expect(decide(input({ score: score(650, 12_000_000) })).offer?.principal).toBe(12_000_000);
    expect(decide(input({ score: score(650, 900_000) }))).toMatchObject({ outcome: 'declined', reasons: [{ code: 'INSUFFICIENT_INCOME', text: 'Income insufficient for amount of credit requested' }] });
    expect(decide(input({ score: score(650, 500_000_000) }, withLoan({ principal: 200_000_000 }))).offer?.principal).toBe(product.maxPrincipal.INR);
  });

  it('declines a KYC failure with the reason of each failed check', () => {
    const kyc: KycResult = { outcome: 'fail', checks: [{ code: KYC_CHECK.age, passed: false }, { code: KYC_CHECK.email, passed: false }, { code: KYC_CHECK.phone, passed: false }, { code: KYC_CHECK.sanctions, passed: true }] };
    expect(decide(input({ kyc })).reasons.map((r) => r.code)).toEqual(['MINIMUM_AGE', 'INCOMPLETE_APPLICATION']);
    expect(decide(input({ kyc: { outcome: 'fail', checks: [{ code: KYC_CHECK.sanctions, passed: false }] } })).reasons).toEqual([{ code: 'IDENTITY_UNVERIFIED', text: 'Unable to verify identity' }]);
  });

  it('declines on fraud with a neutral identity reason that never says fraud, whatever the score', () => {
    const fraud: FraudAssessment = { level: 'decline', score: 60, signals: [{ rule: 'identity_mismatch_dateOfBirth', weight: 60, detail: 'x' }] };
    const decision = decide(input({ fraud, score: score(700) }));
    expect(decision).toMatchObject({ outcome: 'declined', reasons: [{ code: 'IDENTITY_UNVERIFIED', text: 'Unable to verify identity' }] });
    expect(JSON.stringify(decision.reasons)).not.toMatch(/fraud/i);
  });

  it('sends fraud review, KYC review, a missing bureau or a missing score to a person, even with a declining score', () => {
    const fraud: FraudAssessment = { level: 'review', score: 30, signals: [{ rule: 'shared_phone', weight: 30, detail: 'phone number used by 2 other national ID(s)' }] };
    expect(decide(input({ fraud, score: score(400) }))).toMatchObject({ outcome: 'manual_review', reviewReasons: ['Fraud screening score 30: phone number used by 2 other national ID(s)'] });
    expect(decide(input({ kyc: { outcome: 'review', checks: [{ code: KYC_CHECK.sanctions, passed: false, detail: 'name matches sanctions entry SBX-1' }] } })).reviewReasons).toEqual(['KYC: name matches sanctions entry SBX-1']);
    expect(decide(input({ bureauAvailable: false, score: score(700) })).reviewReasons).toEqual(['Credit bureau unavailable: decide without a credit report or pull it again']);
    expect(decide(input({ score: undefined })).reviewReasons).toEqual(['No credit score: the application could not be scored']);
  });

  it('tells a reviewer the bureau refused the details, and which, rather than calling it an outage', () => {
    expect(decide(input({ bureauAvailable: false, bureauRefusedFields: ['firstName'], score: score(700) })).reviewReasons).toEqual([
      "Credit bureau refused the applicant's details (firstName): correct them with the applicant, or decide without a credit report",
    ]);
  });

  it('declines terms the product does not offer', () => {
    const notOffered = { outcome: 'declined', reasons: [{ code: 'TERMS_NOT_OFFERED', text: 'We do not grant credit to any applicant on the terms and conditions you request' }] };
    expect(decide(input({}, withLoan({ currency: 'JPY' })))).toMatchObject(notOffered);
    expect(decide(input({}, withLoan({ termMonths: 61 })))).toMatchObject(notOffered);
    expect(decide(input({}, withLoan({ principal: 999_999 })))).toMatchObject(notOffered);
  });
});
