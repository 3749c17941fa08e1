// Requests the API refuses before any use case runs, through the real app (the real
// ValidationPipe, body reader and problem filter) over dependencies that never connect.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { signatureHeader } from '../../sandboxes/gateway/webhook-dispatcher.js';
import { testApplication } from '../../sandboxes/identities.js';
import { loadConfig } from '../../shared/config.js';
import { createOfflineApi, type OfflineApi } from '../offline-api.js';
import { authAs, testIssuerEnv } from '../../testkit/tokens.js';
import type { Problem } from './problem.js';

let api: OfflineApi;
let base: string;
beforeAll(async () => {
  api = await createOfflineApi(undefined, testIssuerEnv());
  await api.app.listen(0, '127.0.0.1');
  base = await api.app.getUrl();
});
afterAll(() => api?.close());

/** As an admin, so that what is refused is the request, not the caller. */
async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string | null; problem: Problem }> {
  const auth = await authAs('admin');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? { ...auth, ...headers } : { ...auth, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, type: res.headers.get('content-type'), problem: (await res.json()) as Problem };
}

const fields = (problem: Problem) => problem.errors?.map((e) => e.field);
const loanId = '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b';

describe('application validation', () => {
  it('lists every bad field of an application by its path', async () => {
    const a = testApplication('approved');
    const body = {
      ...a,
      applicant: { ...a.applicant, dateOfBirth: '2001-13-01', email: 'not-an-email', address: { ...a.applicant.address, country: 'India' }, employment: { status: 'astronaut', monthlyIncome: 10.5 } },
      loan: { ...a.loan, principal: 0, currency: 'BTC', termMonths: 12.5 },
      consents: { bureauPull: true, bankData: 1, contact: true },
      extra: true,
    };
    const { status, type, problem } = await send('POST', '/v1/applications', body);
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(problem).toMatchObject({ type: 'https://credence.dev/problems/validation-error', status: 400, instance: '/v1/applications', requestId: expect.any(String) });
    expect(fields(problem)?.sort()).toEqual(
      [
        'extra',
        'applicant.dateOfBirth',
        'applicant.email',
        'applicant.address.country',
        'applicant.employment.status',
        'applicant.employment.monthlyIncome',
        'loan.principal',
        'loan.currency',
        'loan.termMonths',
        'consents.bankData',
      ].sort(),
    );
    expect(problem.errors).toContainEqual({ field: 'loan.principal', message: 'must be a whole number of minor units (an integer, no decimals) of at least 1' });
  });

  it('refuses a body that is not an object, and an empty one', async () => {
    expect((await send('POST', '/v1/applications', [])).status).toBe(400);
    expect((await send('POST', '/v1/applications', '"text"')).status).toBe(400);
    const empty = await send('POST', '/v1/applications');
    expect(fields(empty.problem)).toEqual(['applicant', 'loan', 'consents']);
  });

  it('refuses null for a field that may be left out: absent is absent, null is not a value', async () => {
    const a = testApplication('approved');
    const nulls = { ...a, loan: { ...a.loan, product: null }, device: null, bankAccount: null, consents: { ...a.consents, autopay: null } };
    expect(fields((await send('POST', '/v1/applications', nulls)).problem)?.sort()).toEqual(['bankAccount', 'consents.autopay', 'device', 'loan.product']);
    expect(fields((await send('POST', `/v1/loans/${loanId}/offer/accept`, { bankAccount: null })).problem)).toEqual(['bankAccount']);
    expect(fields((await send('POST', `/v1/loans/${loanId}/review`, { reviewer: 'asha', outcome: 'approve', note: null, principal: null })).problem)?.sort()).toEqual(['note', 'principal']);
    expect(fields((await send('POST', '/v1/score', { model: 'application-pd', records: [{}], explain: null })).problem)).toContain('explain');
    expect(fields((await send('POST', `/v1/loans/${loanId}/offer/accept`, 'null')).problem)).toEqual(['(body)']);
  });

  it('refuses what the OpenAPI document once left open: empty address lines and purpose, a blank holder, a country or time zone not in its lists', async () => {
    const a = testApplication('approved');
    const refused = await send('POST', '/v1/applications', {
      ...a,
      applicant: { ...a.applicant, timeZone: 'asia/kolkata', address: { ...a.applicant.address, country: 'AA', line1: '', city: '' } },
      loan: { ...a.loan, purpose: '' },
      bankAccount: { ...a.bankAccount!, holderName: '\u3000' },
    });
    expect(fields(refused.problem)?.sort()).toEqual(['applicant.address.city', 'applicant.address.country', 'applicant.address.line1', 'applicant.timeZone', 'bankAccount.holderName', 'loan.purpose']);
  });

  it('refuses a malformed Idempotency-Key and an unknown ?wait', async () => {
    const a = testApplication('approved');
    expect(fields((await send('POST', '/v1/applications', a, { 'Idempotency-Key': 'x'.repeat(256) })).problem)).toEqual(['Idempotency-Key']);
    expect(fields((await send('POST', '/v1/applications?wait=forever', a)).problem)).toEqual(['wait']);
  });
});

describe('loan command validation', () => {
  it('needs reason codes to decline, known ones, at most four', async () => {
    const review = (body: unknown) => send('POST', `/v1/loans/${loanId}/review`, body);
    expect(fields((await review({ reviewer: 'asha', outcome: 'decline' })).problem)).toEqual(['reasonCodes']);
    expect(fields((await review({ reviewer: 'asha', outcome: 'decline', reasonCodes: [] })).problem)).toEqual(['reasonCodes']);
    expect(fields((await review({ reviewer: 'asha', outcome: 'decline', reasonCodes: ['DELINQUENCY', 'MADE_UP'] })).problem)).toEqual(['reasonCodes']);
    expect(fields((await review({ reviewer: 'asha', outcome: 'decline', reasonCodes: ['DELINQUENCY', 'UTILISATION', 'INQUIRIES', 'DEROGATORY', 'OBLIGATIONS'] })).problem)).toEqual(['reasonCodes']);
    expect(fields((await review({ reviewer: '', outcome: 'maybe', principal: -5, aprBps: 20_000 })).problem)?.sort()).toEqual(['aprBps', 'outcome', 'principal', 'reviewer']);
  });

  it("takes a decline's reason codes and an approval's terms only with that outcome, as the document's two shapes say", async () => {
    const review = (body: unknown) => send('POST', `/v1/loans/${loanId}/review`, body);
    expect(await review({ reviewer: 'asha', outcome: 'approve', reasonCodes: ['DELINQUENCY'] })).toMatchObject({ status: 400, problem: { errors: [{ field: 'reasonCodes', message: 'is for a decline only' }] } });
    expect(fields((await review({ reviewer: 'asha', outcome: 'decline', reasonCodes: ['DELINQUENCY'], principal: 1_000_000, termMonths: 12, aprBps: 1500 })).problem)?.sort()).toEqual(['aprBps', 'principal', 'termMonths']);
    expect(fields((await review({ reviewer: ' \t', outcome: 'approve' })).problem)).toEqual(['reviewer']);
  });

  it('refuses payments in floats, strings, unknown currencies or without a reference', async () => {
    const pay = (body: unknown) => send('POST', `/v1/loans/${loanId}/payments`, body);
    expect(fields((await pay({ amount: 100.25, currency: 'INR', externalId: 'p-1' })).problem)).toEqual(['amount']);
    expect(fields((await pay({ amount: '10025', currency: 'INR', externalId: 'p-1' })).problem)).toEqual(['amount']);
    expect(fields((await pay({ amount: 10_025, currency: 'ZZZ', externalId: 'p-1' })).problem)).toEqual(['currency']);
    expect(fields((await pay({ amount: 10_025, currency: 'INR' })).problem)).toEqual(['externalId']);
  });

  it('refuses a loan ID that is not a UUID, and bad list queries', async () => {
    expect(fields((await send('GET', '/v1/loans/12345')).problem)).toEqual(['loanId']);
    expect(fields((await send('POST', '/v1/loans/12345/withdraw')).problem)).toEqual(['loanId']);
    expect(fields((await send('GET', '/v1/loans?limit=1.5')).problem)).toEqual(['limit']);
    expect(fields((await send('GET', '/v1/loans?limit=101&status=open')).problem)).toEqual(['status', 'limit']);
    expect(fields((await send('GET', '/v1/loans?cursor=bm90LWEtY3Vyc29y')).problem)).toEqual(['cursor']);
    expect(fields((await send('GET', '/v1/unapplied-cash?cursor=')).problem)).toEqual(['cursor']);
    // Any cursor of the documented shape is a position: past the validation, to the database (503 here).
    expect((await send('GET', `/v1/loans?cursor=${'A'.repeat(32)}`)).status).toBe(503);
    // Lengths count characters, as the document's maxLength does: 32 emoji are 64 UTF-16 units.
    expect((await send('GET', `/v1/loans?bucket=${encodeURIComponent('😀'.repeat(32))}`)).status).toBe(503);
    expect(fields((await send('GET', `/v1/loans?bucket=${encodeURIComponent('😀'.repeat(33))}`)).problem)).toEqual(['bucket']);
    expect(fields((await send('GET', `/v1/loans/${loanId}/payoff-quote?asOf=2026-02-30`)).problem)).toEqual(['asOf']);
  });

  it('refuses bad paging alike on every keyset-paginated list, after the problems with its own filters', async () => {
    for (const list of ['/v1/loans', '/v1/unapplied-cash', '/v1/recovery/cases', '/v1/recovery/dead-letters']) {
      const { status, problem } = await send('GET', `${list}?limit=0&status=lost&cursor=abc`);
      expect({ list, status, errors: problem.errors?.slice(1) }).toEqual({
        list,
        status: 400,
        errors: [
          { field: 'cursor', message: 'must be a nextCursor this API returned' },
          { field: 'limit', message: 'must not be less than 1' },
        ],
      });
      expect(fields(problem)?.[0]).toBe('status');
      expect((await send('GET', `${list}?limit=101`)).problem.errors).toEqual([{ field: 'limit', message: 'must not be greater than 100' }]);
      expect((await send('GET', `${list}?limit=2.5`)).problem.errors).toEqual([{ field: 'limit', message: 'must be an integer number' }]);
      expect((await send('GET', `${list}?limit=100&cursor=${'A'.repeat(32)}`)).status).toBe(503);
    }
  });
});

describe('scoring validation', () => {
  it('refuses a record key that is no feature of the model, named, with its other problems', async () => {
    const verification = JSON.parse(readFileSync(new URL('../../../models/artifacts/application-pd/1.0.0/verification.json', import.meta.url), 'utf8')) as { records: Record<string, unknown>[] };
    const good = verification.records[0]!;
    // The documented batch fits in the body scoring takes (other requests stop at 64 KiB).
    const batch = JSON.stringify({ model: 'application-pd', records: Array.from({ length: 1000 }, () => good) });
    expect(batch.length).toBeGreaterThan(64 * 1024);
    expect((await send('POST', '/v1/score', batch)).status).toBe(200);
    const { status, problem } = await send('POST', '/v1/score', { model: 'application-pd', records: [good, { ...good, tradeline: 4, term_months: undefined }] });
    expect(status).toBe(400);
    expect(problem.errors).toEqual([
      { field: 'records[1].tradeline', message: 'is not a feature of application-pd' },
      { field: 'records[1].term_months', message: 'is missing from the record' },
    ]);
  });
});

describe('transport errors', () => {
  it('answers malformed JSON 400, a non-JSON body 415, a body over the limit 413, an unknown route 404', async () => {
    expect(await send('POST', '/v1/applications', '{"applicant": {')).toMatchObject({ status: 400, problem: { type: 'https://credence.dev/problems/malformed-json' } });
    const xml = await fetch(`${base}/v1/applications`, { method: 'POST', headers: { ...(await authAs('ops')), 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(415);
    expect(xml.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await send('POST', '/v1/applications', 'x'.repeat(70_000), { 'content-type': 'application/json' })).status).toBe(413);
    expect(await send('DELETE', '/v1/nothing-here')).toMatchObject({ status: 404, problem: { type: 'about:blank', title: 'Not Found' } });
  });

  it('answers 503 while PostgreSQL is unreachable, naming the request id and nothing else', async () => {
    // Postgres is unreachable here, so reading a loan fails inside the repository: a retry may
    // succeed, so not a 500 (anything truly unexpected still is: problem-mapping.spec.ts).
    const { status, problem } = await send('GET', `/v1/loans/${loanId}`, undefined, { 'X-Request-Id': 'req-503' });
    expect(status).toBe(503);
    expect(problem).toEqual({ type: 'https://credence.dev/problems/dependency-unavailable', title: expect.any(String), status: 503, detail: expect.stringContaining('req-503'), instance: `/v1/loans/${loanId}`, requestId: 'req-503' });
  });
});

describe('what no body may carry', () => {
  it('refuses JSON nested thousands of levels deep with a 400, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    for (const path of ['/v1/applications', `/v1/loans/${loanId}/payments`, '/v1/score']) {
      const { status, problem } = await send('POST', path, deep);
      expect([path, status, problem.errors?.[0]?.message]).toEqual([path, 400, 'nests deeper than 32 levels']);
    }
  });

  it('checks the webhook signature before anything about the body, then holds a signed body to the same shape', async () => {
    const secret = loadConfig({}).gateway.webhookSecret;
    const signed = (body: string) => ({ 'gateway-signature': signatureHeader(body, secret, Math.floor(Date.now() / 1000)) });
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const bidi = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment.received', 'x\u202e': 'Priya\u202e' });
    for (const body of [deep, bidi]) expect((await send('POST', '/v1/webhooks/gateway', body, { 'gateway-signature': 't=1,v1=00' })).status).toBe(401);
    expect(await send('POST', '/v1/webhooks/gateway', deep, signed(deep))).toMatchObject({ status: 400, problem: { errors: [{ message: 'nests deeper than 32 levels' }] } });
    expect(fields((await send('POST', '/v1/webhooks/gateway', bidi, signed(bidi))).problem)?.sort()).toEqual(['(body)', 'x\u202e']);
  });

  it.each([
    ['a NUL', 'Pri\u0000ya'],
    ['a right-to-left override', 'Priya\u202e'],
    ['a zero-width space', 'Pri\u200bya'],
    ['a zero-width joiner', 'Pri\u200dya'],
    ['a digit', 'Priya2'],
    ['an emoji', 'Priya 😀'],
    ['a leading space', ' Priya'],
  ])('refuses a name with %s', async (_label, firstName) => {
    const a = testApplication('approved');
    const { status, problem } = await send('POST', '/v1/applications', { ...a, applicant: { ...a.applicant, firstName } });
    expect(status).toBe(400);
    expect(fields(problem)).toEqual(['applicant.firstName']);
  });

  it('takes names in any script, with their combining marks', async () => {
    const a = testApplication('approved');
    // Refused only for what it lacks (no Temporal here answers 503): the names themselves pass.
    for (const [firstName, lastName] of [['प्रिया', 'शर्मा'], ['José', "O'Brien-Núñez"], ['Ananya', 'Iyer Jr.']]) {
      const { status } = await send('POST', '/v1/applications', { ...a, applicant: { ...a.applicant, firstName, lastName } });
      expect([firstName, status]).not.toEqual([firstName, 400]);
    }
  });

  it('refuses a date of birth before 1900 as invalid (400), and one after today as unprocessable (422), rather than declining either', async () => {
    const a = testApplication('approved');
    // The document can state 1900 (a pattern); "after today" depends on the day, so it is a 422, documented.
    for (const [dateOfBirth, expected] of [['1899-12-31', 400], ['2999-01-01', 422], [new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10), 422]] as const) {
      const { status, problem } = await send('POST', '/v1/applications', { ...a, applicant: { ...a.applicant, dateOfBirth } });
      expect([dateOfBirth, status, fields(problem)]).toEqual([dateOfBirth, expected, ['applicant.dateOfBirth']]);
    }
  });

  it('refuses what the bureau and the gateway would refuse later: national IDs, postal codes, bank accounts', async () => {
    const a = testApplication('approved');
    const body = {
      ...a,
      applicant: { ...a.applicant, nationalId: 'AK LP$', address: { ...a.applicant.address, postalCode: '4000501234567' } },
      bankAccount: { accountNumber: '12345', routingCode: 'HDFC00012345', holderName: '   ' },
    };
    const { status, problem } = await send('POST', '/v1/applications', body);
    expect(status).toBe(400);
    expect(fields(problem)?.sort()).toEqual(['applicant.address.postalCode', 'applicant.nationalId', 'bankAccount.accountNumber', 'bankAccount.holderName', 'bankAccount.routingCode']);
  });

  it('refuses a shadow-report start that is not an instant Postgres can read', async () => {
    for (const since of ['1171', '2026-W49', '2026-13-01', '1969-12-31']) {
      const { status, problem } = await send('GET', `/v1/models/application-pd/shadow?since=${since}`);
      expect([since, status, fields(problem)]).toEqual([since, 400, ['since']]);
    }
  });
});
