import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addMonths } from '../../../domain/calendar.js';
import type { BureauReport } from '../../../domain/credit-data.js';
import type { RunningSandbox } from '../http-server.js';
import { testIdentity } from '../identities.js';
import { startBureauSandbox } from './bureau-router.js';

const API_KEY = 'sk_test_bureau';
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startBureauSandbox({ port: 0, apiKey: API_KEY });
});
afterAll(() => sandbox.close());

function bodyFor(key: Parameters<typeof testIdentity>[0], asOf = '2026-11-21') {
  const p = testIdentity(key);
  return { firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth, nationalId: p.nationalId, address: p.address, consentReference: 'consent-1', purpose: 'credit_application', asOf };
}

async function pull(body: unknown, idempotencyKey: string, apiKey = API_KEY) {
  const res = await fetch(`${sandbox.url}/v1/credit-reports`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as BureauReport & { error?: { code: string; fieldErrors?: Array<{ field: string }> } } };
}

describe('bureau sandbox', () => {
  it('returns the same report for the same request, with dates counted back from asOf', async () => {
    const first = await pull(bodyFor('approved'), 'k-1');
    const second = await pull(bodyFor('approved'), 'k-2');
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(first.body.hit).toBe(true);
    expect(first.body.pulledOn).toBe('2026-11-21');
    expect(first.body.subject).toEqual({ firstName: 'PRIYA', lastName: 'SHARMA', dateOfBirth: '1988-04-12', nationalId: 'AKLPS4821K' });
    expect(first.body.tradelines[0]?.openedOn).toBe(addMonths('2026-11-21', -130));

    const later = await pull(bodyFor('approved', '2030-01-31'), 'k-3');
    expect(later.body.tradelines[0]?.openedOn).toBe(addMonths('2030-01-31', -130));
    expect(later.body.reportId).not.toBe(first.body.reportId);
    expect(later.body.tradelines.map((t) => t.balance)).toEqual(first.body.tradelines.map((t) => t.balance));
  });

  it('has no file for the new-to-credit identity and another subject for the identity mismatch', async () => {
    const thin = await pull(bodyFor('newToCredit'), 'k-ntc');
    expect(thin.body).toMatchObject({ hit: false, tradelines: [], hardInquiries6m: 0 });
    expect(thin.body.subject).toBeUndefined();
    const mismatch = await pull(bodyFor('identityMismatch'), 'k-mm');
    expect(mismatch.body.subject).toMatchObject({ firstName: 'SURESH', lastName: 'PILLAI', dateOfBirth: '1968-09-30' });
  });

  it('reports every invalid field in one 400', async () => {
    const res = await pull({ ...bodyFor('approved'), firstName: '', dateOfBirth: '1990-02-30', purpose: 'marketing', address: { city: 'Pune' } }, 'k-bad');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('invalid_fields');
    expect(res.body.error?.fieldErrors?.map((e) => e.field).sort()).toEqual(['address.country', 'address.line1', 'address.postalCode', 'dateOfBirth', 'firstName', 'purpose']);
  });

  it('refuses a wrong key with 401 and a missing Idempotency-Key with 400', async () => {
    expect((await pull(bodyFor('approved'), 'k-auth', 'sk_wrong')).status).toBe(401);
    const res = await fetch(`${sandbox.url}/v1/credit-reports`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}` }, body: JSON.stringify(bodyFor('approved')) });
    expect(res.status).toBe(400);
  });

  it('replays a repeated key and refuses it with another body', async () => {
    const first = await pull(bodyFor('review'), 'k-idem');
    const replay = await pull(bodyFor('review'), 'k-idem');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await pull(bodyFor('declined'), 'k-idem')).status).toBe(422);
  });

  it('answers 503 for the outage identity and for everyone while the outage switch is on', async () => {
    expect((await pull(bodyFor('bureauOutage'), 'k-out')).status).toBe(503);
    const on = await fetch(`${sandbox.url}/_sandbox/outage`, { method: 'POST', body: JSON.stringify({ enabled: true }) });
    expect(on.status).toBe(200);
    expect(await (await fetch(`${sandbox.url}/health`)).json()).toEqual({ status: 'ok', service: 'bureau', outage: true });
    const down = await pull(bodyFor('approved'), 'k-during');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('1');
    await fetch(`${sandbox.url}/_sandbox/outage`, { method: 'POST', body: JSON.stringify({ enabled: false }) });
    // Nothing was stored under the key during the outage, so the retry goes through.
    expect((await pull(bodyFor('approved'), 'k-during')).status).toBe(200);
  });

  it('generates a stable file for a national ID it has never seen', async () => {
    const body = { ...bodyFor('approved'), firstName: 'Test', lastName: 'Person', nationalId: 'ZZZPP0001Q' };
    const a = await pull(body, 'k-gen-1');
    const b = await pull(body, 'k-gen-2');
    expect(a.status).toBe(200);
    expect(b.body).toEqual(a.body);
    if (a.body.hit) expect(a.body.subject).toMatchObject({ firstName: 'TEST', lastName: 'PERSON' });
  });
});
