// The adapter against the real bureau sandbox on a free port (no mocked fetch).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBureauSandbox } from '../../apps/sandboxes/bureau/bureau-router.js';
import type { RunningSandbox } from '../../apps/sandboxes/http-server.js';
import { testApplication } from '../../apps/sandboxes/identities.js';
import { BureauClient, BureauRejectedError, BureauUnavailableError, type CreditReportRequest } from './bureau-client.js';

const API_KEY = 'sk_test_client';
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startBureauSandbox({ port: 0, apiKey: API_KEY });
});
afterAll(() => sandbox.close());

function request(key: Parameters<typeof testApplication>[0]): CreditReportRequest {
  const { firstName, lastName, dateOfBirth, nationalId, address } = testApplication(key).applicant;
  return { firstName, lastName, dateOfBirth, nationalId, address, consentReference: 'consent-9', purpose: 'credit_application', asOf: '2026-11-21' };
}

describe('BureauClient', () => {
  it('pulls a report', async () => {
    const report = await new BureauClient({ baseUrl: sandbox.url, apiKey: API_KEY }).pullReport(request('approved'), 'c-1');
    expect(report).toMatchObject({ hit: true, pulledOn: '2026-11-21', subject: { nationalId: 'AKLPS4821K' } });
    expect(report.tradelines).toHaveLength(4);
  });

  it('maps a wrong API key to a rejection (401), not an outage', async () => {
    const err = await new BureauClient({ baseUrl: sandbox.url, apiKey: 'sk_wrong' }).pullReport(request('approved'), 'c-2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BureauRejectedError);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('carries the field errors of a 400', async () => {
    const err = await new BureauClient({ baseUrl: sandbox.url, apiKey: API_KEY }).pullReport({ ...request('approved'), dateOfBirth: 'yesterday' }, 'c-3').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BureauRejectedError);
    expect((err as BureauRejectedError).fieldErrors).toEqual([{ field: 'dateOfBirth', message: 'required: a calendar date as YYYY-MM-DD' }]);
  });

  it('maps a 503 to BureauUnavailableError', async () => {
    const err = await new BureauClient({ baseUrl: sandbox.url, apiKey: API_KEY }).pullReport(request('bureauOutage'), 'c-4').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BureauUnavailableError);
    expect(err).toMatchObject({ status: 503 });
  });

  it('maps a refused connection to BureauUnavailableError', async () => {
    const closed = await startBureauSandbox({ port: 0, apiKey: API_KEY });
    await closed.close();
    const err = await new BureauClient({ baseUrl: closed.url, apiKey: API_KEY }).pullReport(request('approved'), 'c-5').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BureauUnavailableError);
  });

  it('gives up after timeoutMs on a bureau that does not answer', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const err = await new BureauClient({ baseUrl: url, apiKey: API_KEY, timeoutMs: 100 }).pullReport(request('approved'), 'c-6').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BureauUnavailableError);
      expect((err as Error).message).toMatch(/did not answer within 100 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
