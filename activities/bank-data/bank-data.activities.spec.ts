// The aggregator adapter and the activity against the real aggregator sandbox on a free port.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { startAggregatorSandbox } from '../../apps/sandboxes/aggregator/aggregator-router.js';
import type { RunningSandbox } from '../../apps/sandboxes/http-server.js';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { AggregatorClient, AggregatorRejectedError, AggregatorUnavailableError } from './aggregator-client.js';
import { createBankDataActivities } from './bank-data.activities.js';

const API_KEY = 'sk_test_bank';
let sandbox: RunningSandbox;
let keys = 0;
beforeAll(async () => {
  sandbox = await startAggregatorSandbox({ port: 0, apiKey: API_KEY });
});
afterAll(() => sandbox.close());

function fetchFor(apiKey: string, overrides: { months?: number; currency?: string } = {}) {
  const { applicant } = testApplication('newToCredit');
  return createBankDataActivities({ client: new AggregatorClient({ baseUrl: sandbox.url, apiKey }) }).fetchBankStatement({
    loanId: 'ln_7',
    applicant,
    consentReference: 'aa-consent-7',
    months: overrides.months ?? 12,
    asOf: '2026-11-21',
    currency: overrides.currency ?? 'INR',
    idempotencyKey: `loan-ln_7-statement-${keys++}`,
  });
}

describe('fetchBankStatement', () => {
  it('summarises twelve months of statement in the loan currency', async () => {
    const summary = await fetchFor(API_KEY);
    expect(summary).toMatchObject({ from: '2025-11-21', to: '2026-11-20', accounts: 1 });
    expect(summary.transactions).toBeGreaterThan(12);
    expect(summary.features.statementMonths).toBe(12);
    expect(summary.features.monthsWithIncome).toBeGreaterThan(0);
  });

  it('turns a refused request (401, 400) into a non-retryable BankDataRequestRejected', async () => {
    await expect(fetchFor('sk_wrong')).rejects.toMatchObject({ type: 'BankDataRequestRejected', nonRetryable: true, details: [{ status: 401, code: 'unauthorized', fieldErrors: [] }] });
    const err = await fetchFor(API_KEY, { months: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).details).toEqual([{ status: 400, code: 'invalid_fields', fieldErrors: [{ field: 'months', message: 'required: a whole number from 1 to 24' }] }]);
  });

  it('throws an outage plainly so Temporal retries it', async () => {
    await fetch(`${sandbox.url}/_sandbox/outage`, { method: 'POST', body: JSON.stringify({ enabled: true }) });
    try {
      const err = await fetchFor(API_KEY).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AggregatorUnavailableError);
      expect(err).toMatchObject({ status: 503 });
    } finally {
      await fetch(`${sandbox.url}/_sandbox/outage`, { method: 'POST', body: JSON.stringify({ enabled: false }) });
    }
  });

  it('treats an unreachable aggregator as unavailable and keeps the adapter errors distinct', async () => {
    const gone = await startAggregatorSandbox({ port: 0, apiKey: API_KEY });
    await gone.close();
    const client = new AggregatorClient({ baseUrl: gone.url, apiKey: API_KEY });
    const err = await client.fetchStatement({ phone: '+919820011001', nationalId: 'AKLPS4821K', consentReference: 'c', months: 3, asOf: '2026-11-21', currency: 'INR' }, 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AggregatorUnavailableError);
    expect(err).not.toBeInstanceOf(AggregatorRejectedError);
  });
});
