import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import { startBureauSandbox } from '../../apps/sandboxes/bureau/bureau-router.js';
import type { RunningSandbox } from '../../apps/sandboxes/http-server.js';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { BureauClient, BureauUnavailableError } from './bureau-client.js';
import { createBureauActivities, createBureauBreaker } from './bureau.activities.js';

const API_KEY = 'sk_test_activity';
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startBureauSandbox({ port: 0, apiKey: API_KEY });
});
afterAll(() => sandbox.close());

let keys = 0;
const outage = (enabled: boolean) => fetch(`${sandbox.url}/_sandbox/outage`, { method: 'POST', body: JSON.stringify({ enabled }) });

function setup(apiKey = API_KEY) {
  let now = 1_000_000;
  const breaker = createBureauBreaker(() => now);
  const activities = createBureauActivities({ client: new BureauClient({ baseUrl: sandbox.url, apiKey }), breaker });
  const pull = (key: Parameters<typeof testApplication>[0] = 'approved') =>
    activities.pullCreditReport({ loanId: 'ln_1', applicant: testApplication(key).applicant, consentReference: 'consent-1', idempotencyKey: `loan-ln_1-bureau-${keys++}`, asOf: '2026-11-21' });
  return { breaker, pull, advance: (ms: number) => (now += ms) };
}

describe('pullCreditReport', () => {
  it('returns the report', async () => {
    await expect(setup().pull('approved')).resolves.toMatchObject({ hit: true });
  });

  it('throws transient failures plainly (Temporal retries them) until the breaker opens, then a non-retryable BureauUnavailable without calling', async () => {
    const t = setup();
    await outage(true);
    try {
      for (let i = 0; i < 5; i++) await expect(t.pull()).rejects.toBeInstanceOf(BureauUnavailableError);
      expect(t.breaker.state).toBe('open');
      await outage(false);
      // The bureau is back, but the open breaker does not call it.
      const err = await t.pull().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'BureauUnavailable', nonRetryable: true });
      t.advance(60_000);
      expect(t.breaker.state).toBe('half_open');
      await expect(t.pull()).resolves.toMatchObject({ hit: true });
      expect(t.breaker.state).toBe('closed');
    } finally {
      await outage(false);
    }
  });

  it('opens the breaker on the outage identity too', async () => {
    const t = setup();
    for (let i = 0; i < 5; i++) await expect(t.pull('bureauOutage')).rejects.toBeInstanceOf(BureauUnavailableError);
    await expect(t.pull('approved')).rejects.toMatchObject({ type: 'BureauUnavailable' });
  });

  it('turns a refused request into a non-retryable BureauRequestRejected that does not trip the breaker', async () => {
    const t = setup('sk_wrong');
    for (let i = 0; i < 6; i++) {
      const err = await t.pull().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApplicationFailure);
      expect(err).toMatchObject({ type: 'BureauRequestRejected', nonRetryable: true });
    }
    expect(t.breaker.state).toBe('closed');
  });
});
