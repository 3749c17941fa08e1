// The fraud-anomaly model's input record: the fraud activity's velocity and sharing counts, the
// identity match, and the same application features the PD model reads (so "loan to income"
// means one thing everywhere). Column meanings: fraud.csv in models/training/portfolio.md.
import type { LoanApplication } from '../../domain/application.js';
import { ageOn, type IsoDate } from '../../domain/calendar.js';
import type { FraudInput } from '../../policies/fraud-rules.js';
import { applicationRecord } from '../application-pd/index.js';
import type { ScorecardFeatures } from '../scorecard/index.js';

export const FRAUD_ANOMALY_MODEL = 'fraud-anomaly';

export function fraudRecord(input: Pick<FraudInput, 'identity' | 'velocity' | 'shared'>, features: ScorecardFeatures, application: LoanApplication, submittedOn: IsoDate): Record<string, number | null> {
  const verified = features.avgMonthlyIncome;
  return {
    applications_same_national_id_30d: input.velocity.applicationsSameNationalId30d,
    applications_same_device_24h: input.velocity.applicationsSameDevice24h,
    phone_shared_with_other_ids: input.shared.phoneSharedWithOtherIds,
    device_shared_with_other_ids: input.shared.deviceSharedWithOtherIds,
    bank_account_shared_with_other_ids: input.shared.bankAccountSharedWithOtherIds,
    email_shared_with_other_ids: input.shared.emailSharedWithOtherIds,
    identity_mismatches: input.identity.mismatches.length,
    bureau_hit: features.bureauHit ? 1 : 0,
    months_since_oldest_tradeline: features.monthsSinceOldestTradeline,
    // Inflated income shows as declared far above what the statement shows arriving.
    declared_to_verified_income_bps: verified !== null && verified > 0 ? Math.round((features.declaredMonthlyIncome * 10_000) / verified) : null,
    loan_to_income_bps: applicationRecord(features, application).loan_to_income_bps as number,
    age: ageOn(application.applicant.dateOfBirth, submittedOn),
  };
}
