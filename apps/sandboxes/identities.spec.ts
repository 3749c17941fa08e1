// The contract the README relies on: every published test identity, run through the real
// pipeline pieces — the sandboxes over HTTP via the adapters, KYC, identity match, the fraud
// rules and the fraud-anomaly model (no sharing; up to the re-applications the velocity rules
// tolerate), the application PD model, and the credit policy with the default product — ends in
// exactly the outcome the table promises, in every currency, on any date and at any age the
// identity reaches by 2036. apps/api/readme.test.ts holds the README itself to the real API.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ageOn, compareIsoDates } from '../../domain/calendar.js';
import { ApplicationFailure } from '@temporalio/common';
import type { LoanApplication } from '../../domain/application.js';
import type { BureauReport } from '../../domain/credit-data.js';
import { BureauClient, BureauUnavailableError, createBureauActivities, createBureauBreaker } from '../../activities/bureau/index.js';
import { AggregatorClient, createBankDataActivities } from '../../activities/bank-data/index.js';
import { createKycActivities } from '../../activities/kyc/index.js';
import { createScoringActivities, type ScoringActivities } from '../../activities/scoring/index.js';
import { ModelRegistry } from '../../models/registry/index.js';
import { fraudRecord, FRAUD_ANOMALY_MODEL } from '../../models/fraud-anomaly/index.js';
import { extractFeatures, RECOMMENDED_STATEMENT_MONTHS, type StatementSummary } from '../../models/scorecard/index.js';
import { assessFraud, COUNT_RULES, matchIdentity, velocityBeyondTolerance, type FraudInput } from '../../policies/fraud-rules.js';
import { getProduct } from '../../policies/products.js';
import { startAggregatorSandbox } from './aggregator/aggregator-router.js';
import { startBureauSandbox } from './bureau/bureau-router.js';
import { generatedApplication } from './generated-applicants.js';
import type { RunningSandbox } from './http-server.js';
import { readyBody, readyBodyPath, readyBodyText, TEST_IDENTITIES, testApplication } from './identities.js';

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

const noSharing = { phoneSharedWithOtherIds: 0, deviceSharedWithOtherIds: 0, bankAccountSharedWithOtherIds: 0, emailSharedWithOtherIds: 0 };
/** Other applications with one national ID in 30 days that the velocity rule scores nothing for. */
const TOLERATED_REAPPLICATIONS = COUNT_RULES.velocity_national_id_30d!.steps[0]!.atLeast - 1;
/** How far below the fraud model's alert threshold an identity stays, so no retrain-sized wobble or birthday flips it. */
const ANOMALY_MARGIN = 0.02;

/** The fraud-anomaly model's score as the fraud activity asks for it (activities/fraud). */
async function anomalyScore(counts: Pick<FraudInput, 'identity' | 'velocity' | 'shared'>, application: LoanApplication, bureau: BureauReport | undefined, statement: StatementSummary, on: string) {
  const features = extractFeatures(application, bureau, statement.features, on);
  const [scored] = await models.score(FRAUD_ANOMALY_MODEL, [fraudRecord({ ...counts, velocity: velocityBeyondTolerance(counts.velocity) }, features, application, on)], { subject: `spec:${application.applicant.nationalId}` });
  if (scored?.score.task !== 'anomaly') throw new Error('fraud-anomaly is not an anomaly model');
  return { score: scored.score.score, threshold: models.champion(FRAUD_ANOMALY_MODEL).runtime.card.threshold!.value, model: `${FRAUD_ANOMALY_MODEL}@${scored.version}` };
}

/** `priors`: the applicant's other applications in the last 30 days. */
async function runPipeline(application: LoanApplication, asOf: string, priors = 0) {
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
  const counts = { identity: matchIdentity(application.applicant, bureau?.subject), velocity: { applicationsSameNationalId30d: priors, applicationsSameDevice24h: 0 }, shared: noSharing };
  const fraud = assessFraud({ ...counts, anomaly: await anomalyScore(counts, application, bureau, statement, asOf) });
  const score = await scoring.scoreApplication({ loanId, application, bureau, statement, asOf });
  const decision = await scoring.decideApplication({ loanId, application, product: getProduct(application.loan.product), kyc, fraud, score, bureauAvailable });
  return { kyc, bureau, bureauAvailable, statement, counts, fraud, score, decision };
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

  it.each(TEST_IDENTITIES.map((identity) => [identity.key, identity] as const))('%s reaches the same outcome on each application the velocity rule tolerates', async (key, identity) => {
    for (let priors = 1; priors <= TOLERATED_REAPPLICATIONS; priors++) {
      const { decision, fraud } = await runPipeline(testApplication(key), '2026-11-21', priors);
      expect({ priors, outcome: decision.outcome, fraud: fraud.level }).toEqual({ priors, outcome: identity.expected.decision, fraud: identity.expected.fraud });
    }
  });

  it.each(TEST_IDENTITIES.filter((identity) => identity.expected.fraud === 'clear' && identity.expected.kyc !== 'fail').map((identity) => [identity.key, identity] as const))(
    '%s stays clear of the fraud model at every age through 2036, re-applications included',
    async (key, identity) => {
      // The PD model reads no age; the fraud model does, so a birthday could tip an identity over its threshold.
      const { bureau, statement, counts } = await runPipeline(testApplication(key), '2026-11-21');
      const birthdays = Array.from({ length: 12 }, (_, i) => `${2025 + i}${identity.dateOfBirth.slice(4)}`).filter((d) => compareIsoDates(d, '2036-12-31') <= 0);
      for (const on of birthdays) {
        for (let priors = 0; priors <= TOLERATED_REAPPLICATIONS; priors++) {
          const anomaly = await anomalyScore({ ...counts, velocity: { applicationsSameNationalId30d: priors, applicationsSameDevice24h: 0 } }, testApplication(key), bureau, statement, on);
          expect({ age: ageOn(identity.dateOfBirth, on), priors, below: anomaly.score < anomaly.threshold - ANOMALY_MARGIN }).toEqual({ age: ageOn(identity.dateOfBirth, on), priors, below: true });
        }
      }
    },
  );

  it('publishes each identity\'s request body as it is built here', () => {
    for (const identity of TEST_IDENTITIES) {
      const published = readFileSync(new URL(`./${readyBodyPath(identity.key)}`, import.meta.url), 'utf8');
      // Stale: run apps/sandboxes/identities/write-bodies.tool.ts (the command is in that file).
      expect({ file: readyBodyPath(identity.key), text: published }).toEqual({ file: readyBodyPath(identity.key), text: readyBodyText(readyBody(identity.key)) });
    }
  });

  it('tells the identity-mismatch applicant only that their identity could not be verified', async () => {
    const { decision, fraud } = await runPipeline(testApplication('identityMismatch'), '2026-11-21');
    expect(fraud.signals.map((s) => s.rule).sort()).toEqual(['identity_mismatch_dateOfBirth', 'identity_mismatch_firstName', 'identity_mismatch_lastName']);
    expect(decision.reasons).toEqual([{ code: 'IDENTITY_UNVERIFIED', text: 'Unable to verify identity' }]);
  });

  it("gives the poor file specific credit reasons, the erratic thin file income reasons (the model's TreeSHAP)", async () => {
    const poor = await runPipeline(testApplication('declined'), '2026-11-21');
    expect(poor.decision.reasons.map((r) => r.code)).toEqual(['INQUIRIES', 'UTILISATION', 'DELINQUENCY', 'INSUFFICIENT_INCOME']);
    const erratic = await runPipeline(testApplication('erratic'), '2026-11-21');
    expect(erratic.score.thinFile).toBe(true);
    // Borderline score, but nothing affordable to lend: declined for income rather than reviewed.
    expect(erratic.decision.reasons.map((r) => r.code)).toEqual(['INSUFFICIENT_INCOME', 'IRREGULAR_INCOME', 'OBLIGATIONS', 'LIMITED_EXPERIENCE']);
  });

  it('has the scores and amounts IDENTITIES.md quotes', async () => {
    const quoted = { approved: 619, declined: 467, review: 553, newToCredit: 629, erratic: 556 } as const;
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
    // What the README and IDENTITIES.md say: roughly 40% approved, a third declined, a quarter reviewed.
    const share = (outcome: string) => Math.round(((counts[outcome] ?? 0) * 100) / total);
    for (const [outcome, low, high] of [['approved', 35, 50], ['declined', 25, 40], ['manual_review', 18, 32]] as const) {
      expect({ outcome, percent: share(outcome), within: share(outcome) >= low && share(outcome) <= high }).toEqual({ outcome, percent: share(outcome), within: true });
    }
    expect(thinFiles).toBeGreaterThan(total * 0.1);
  }, 120_000);

  it('are the same person for the same seed', () => {
    expect(generatedApplication(42)).toEqual(generatedApplication(42));
    expect(generatedApplication(42).applicant.nationalId).not.toBe(generatedApplication(43).applicant.nationalId);
  });
});
