// The contract the README relies on: every published test identity, run through the real
// pipeline pieces — the sandboxes over HTTP via the adapters, KYC, identity match and fraud
// rules (no velocity or sharing), the scorecard, and the credit policy with the default product
// — ends in exactly the outcome the table promises, in every currency and on any date.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ApplicationFailure } from '@temporalio/common';
import type { LoanApplication } from '../../domain/application.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { BureauClient, BureauUnavailableError, createBureauActivities, createBureauBreaker } from '../../activities/bureau/index.js';
import { AggregatorClient, createBankDataActivities } from '../../activities/bank-data/index.js';
import { createKycActivities } from '../../activities/kyc/index.js';
import { createScoringActivities, type ScoringActivities } from '../../activities/scoring/index.js';
import { ModelRegistry } from '../../models/registry/index.js';
import { RECOMMENDED_STATEMENT_MONTHS } from '../../models/scorecard/index.js';
import { assessFraud, matchIdentity } from '../../policies/fraud-rules.js';
import { getProduct } from '../../policies/products.js';
import { startAggregatorSandbox } from './aggregator/aggregator-router.js';
import { startBureauSandbox } from './bureau/bureau-router.js';
import { generatedApplication } from './generated-applicants.js';
import type { RunningSandbox } from './http-server.js';
import { TEST_IDENTITIES, testApplication } from './identities.js';

const API_KEY = 'sk_test_identities';
let bureauSandbox: RunningSandbox;
let aggregatorSandbox: RunningSandbox;
let models: ModelRegistry;
let scoring: ScoringActivities;

beforeAll(async () => {
  [bureauSandbox, aggregatorSandbox, models] = await Promise.all([startBureauSandbox({ port: 0, apiKey: API_KEY }), startAggregatorSandbox({ port: 0, apiKey: API_KEY }), ModelRegistry.load()]);
  scoring = createScoringActivities({ models });
});
afterAll(async () => {
  await Promise.all([bureauSandbox.close(), aggregatorSandbox.close(), models.dispose()]);
});

const noVelocity = { applicationsSameNationalId30d: 0, applicationsSameDevice24h: 0 };
const noSharing = { phoneSharedWithOtherIds: 0, deviceSharedWithOtherIds: 0, bankAccountSharedWithOtherIds: 0, emailSharedWithOtherIds: 0 };

async function runPipeline(application: LoanApplication, asOf: string) {
  const loanId = `ln_${application.applicant.nationalId}_${application.loan.currency}_${asOf}`;
  const kyc = await createKycActivities().verifyIdentity({ loanId, application, asOf });
  const bureauActivities = createBureauActivities({ client: new BureauClient({ baseUrl: bureauSandbox.url, apiKey: API_KEY }), breaker: createBureauBreaker() });
  let bureau: BureauReport | undefined;
  let bureauAvailable = true;
  try {
    bureau = await bureauActivities.pullCreditReport({ loanId, applicant: application.applicant, consentReference: `consent-${loanId}`, idempotencyKey: `loan-${loanId}-bureau`, asOf });
  } catch (err) {
    // What the workflow does once Temporal's retries are spent or the breaker is open.
    if (!(err instanceof BureauUnavailableError) && !(err instanceof ApplicationFailure && err.type === 'BureauUnavailable')) throw err;
    bureauAvailable = false;
  }
  const statement = await createBankDataActivities({ client: new AggregatorClient({ baseUrl: aggregatorSandbox.url, apiKey: API_KEY }) }).fetchBankStatement({
    loanId,
    applicant: application.applicant,
    consentReference: `consent-${loanId}`,
    months: RECOMMENDED_STATEMENT_MONTHS,
    asOf,
    currency: application.loan.currency,
    idempotencyKey: `loan-${loanId}-statement`,
  });
  const fraud = assessFraud({ identity: matchIdentity(application.applicant, bureau?.subject), velocity: noVelocity, shared: noSharing });
  const score = await scoring.scoreApplication({ loanId, application, bureau, statement, asOf });
  const decision = await scoring.decideApplication({ loanId, application, product: getProduct(application.loan.product), kyc, fraud, score, bureauAvailable });
  return { kyc, bureau, bureauAvailable, fraud, score, decision };
}

describe('published test identities', () => {
  const cases = TEST_IDENTITIES.flatMap((identity) => ['INR', 'USD', 'EUR', 'GBP'].flatMap((currency) => ['2026-11-21', '2025-02-28', '2027-08-31'].map((asOf) => [identity.key, currency, asOf, identity] as const)));

  it.each(cases)('%s in %s on %s reaches the promised outcome', async (key, currency, asOf, identity) => {
    const application = testApplication(key, { currency });
    const { kyc, bureau, bureauAvailable, fraud, score, decision } = await runPipeline(application, asOf);
    const { expected } = identity;

    expect(decision.outcome).toBe(expected.decision);
    expect(kyc.outcome).toBe(expected.kyc);
    expect(fraud.level).toBe(expected.fraud);
    expect(bureauAvailable ? (bureau?.hit ? 'hit' : 'no_file') : 'unavailable').toBe(expected.bureau);

    if (decision.outcome === 'approved') {
      const offer = decision.offer!;
      expect(offer.currency).toBe(currency);
      if (expected.reducedOffer) {
        expect(offer.principal).toBeLessThan(application.loan.principal);
        expect(offer.principal).toBe(Math.min(score.creditLimit, getProduct().maxPrincipal[currency]!));
      } else {
        expect(offer.principal).toBe(application.loan.principal);
      }
    }
    if (decision.outcome === 'declined') {
      expect(decision.reasons.length).toBeGreaterThanOrEqual(1);
      expect(decision.reasons.length).toBeLessThanOrEqual(4);
      for (const reason of decision.reasons) expect(reason.text).not.toMatch(/fraud/i);
    }
    if (decision.outcome === 'manual_review') expect(decision.reviewReasons.length).toBeGreaterThan(0);
  });

  it('tells the identity-mismatch applicant only that their identity could not be verified', async () => {
    const { decision, fraud } = await runPipeline(testApplication('identityMismatch'), '2026-11-21');
    expect(fraud.signals.map((s) => s.rule).sort()).toEqual(['identity_mismatch_dateOfBirth', 'identity_mismatch_firstName', 'identity_mismatch_lastName']);
    expect(decision.reasons).toEqual([{ code: 'IDENTITY_UNVERIFIED', text: 'Unable to verify identity' }]);
  });

  it("gives the poor file specific credit reasons, the erratic thin file income reasons (the model's TreeSHAP)", async () => {
    const poor = await runPipeline(testApplication('declined'), '2026-11-21');
    expect(poor.decision.reasons.map((r) => r.code)).toEqual(['INQUIRIES', 'UTILISATION', 'DELINQUENCY', 'CASH_FLOW']);
    const erratic = await runPipeline(testApplication('erratic'), '2026-11-21');
    expect(erratic.score.thinFile).toBe(true);
    // Borderline score, but nothing affordable to lend: declined for income rather than reviewed.
    expect(erratic.decision.reasons.map((r) => r.code)).toEqual(['INSUFFICIENT_INCOME', 'IRREGULAR_INCOME', 'OBLIGATIONS', 'LIMITED_EXPERIENCE']);
  });

  it('has the scores and amounts IDENTITIES.md quotes', async () => {
    const quoted = { approved: 621, declined: 486, review: 573, newToCredit: 616, erratic: 557 } as const;
    for (const [key, score] of Object.entries(quoted)) {
      expect((await runPipeline(testApplication(key as keyof typeof quoted), '2026-11-21')).score.score).toBe(score);
    }
    const reduced = await runPipeline(testApplication('reducedOffer'), '2026-11-21');
    expect(reduced.decision.offer?.principal).toBe(30_600_000);
  });

  it('is what IDENTITIES.md publishes', () => {
    const doc = readFileSync(new URL('./IDENTITIES.md', import.meta.url), 'utf8');
    for (const identity of TEST_IDENTITIES) {
      const row = doc.split('\n').find((line) => line.includes(`\`${identity.nationalId}\``));
      expect(row).toBeDefined();
      expect(row).toContain(`${identity.firstName} ${identity.lastName}`);
      expect(row).toContain(identity.dateOfBirth);
      expect(row).toContain(identity.phone);
      expect(row).toContain(`\`${identity.key}\``);
      expect(row).toContain(`**${identity.expected.decision}**`);
    }
  });
});

describe('generated applicants', () => {
  it('land on a realistic spread of outcomes', async () => {
    const counts: Record<string, number> = { approved: 0, declined: 0, manual_review: 0 };
    let thinFiles = 0;
    const total = 300;
    for (let seed = 0; seed < total; seed++) {
      const { decision, kyc, score } = await runPipeline(generatedApplication(seed), '2026-11-21');
      expect(kyc.outcome).toBe('pass');
      counts[decision.outcome] = (counts[decision.outcome] ?? 0) + 1;
      if (score.thinFile) thinFiles++;
    }
    expect(counts.approved).toBeGreaterThan(total * 0.35);
    expect(counts.declined).toBeGreaterThan(total * 0.1);
    expect(counts.manual_review).toBeGreaterThan(total * 0.05);
    expect(thinFiles).toBeGreaterThan(total * 0.1);
  }, 60_000);

  it('are the same person for the same seed', () => {
    expect(generatedApplication(42)).toEqual(generatedApplication(42));
    expect(generatedApplication(42).applicant.nationalId).not.toBe(generatedApplication(43).applicant.nationalId);
  });
});
