// The HTTP API end to end: createApi on port 0 over the real Temporal dev server, a real
// Postgres database, the real workers and the provider sandboxes, driven with plain fetch.
// One environment for the whole file; each test starts its own loans.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { LoanApplication } from '../../domain/application.js';
import type { DecisionResult, PaymentResult, PayoffQuoteView } from '../../workflows/loan/definitions.js';
import { SANDBOX_CREDENTIALS } from '../shared/config.js';
import { signatureHeader } from '../sandboxes/gateway/webhook-dispatcher.js';
import type { TestIdentityKey } from '../sandboxes/identities.js';
import { application } from '../testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../testkit/loan-env.js';
import { eventually } from '../testkit/read-model.js';
import type { ApplicationAcceptedDto } from './applications/application-response.dto.js';
import { requestHash } from './applications/request-hash.js';
import { IDEMPOTENCY_SCOPE } from './applications/submit-application.usecase.js';
import { createApi } from './create-api.js';
import type { HealthReport } from './health/check-health.usecase.js';
import type { Problem } from './http/problem.js';
import type { LoanList } from './loans/list-loans.usecase.js';
import type { LoanDetail, LoanState } from './loans/loan-view.js';
import type { WebhookOutcome } from './webhooks/handle-gateway-webhook.usecase.js';
import { terminateSettled } from '../testkit/terminate-settled.js';
import { authAs } from '../testkit/tokens.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
let app: INestApplication;
let base: string;
/** The API's log lines, parsed: request logs are part of what the API promises. */
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  t = await createLoanTestEnv({ server: 'dev' });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  app = await createApi({ config: t.config, orm: t.orm, loans: t.loans, models: t.models, logger });
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});
afterAll(async () => {
  await app?.close();
  await t?.teardown();
});

interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request as a client sends it, as an admin unless the headers say otherwise; `T` is what the API promises to answer (a problem otherwise). */
async function call<T = Problem>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const auth = await authAs('admin');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? { ...auth, ...headers } : { ...auth, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

async function applyAndDecide(app: LoanApplication): Promise<Answer<DecisionResult>> {
  const answer = await call<DecisionResult>('POST', '/v1/applications?wait=decision', app);
  expect(answer.status).toBe(200);
  return answer;
}

async function activeLoan(key: TestIdentityKey): Promise<string> {
  const decided = await applyAndDecide(application(key));
  expect(decided.body.status).toBe('offered');
  const accepted = await call<LoanState>('POST', `/v1/loans/${decided.body.loanId}/offer/accept`);
  expect(accepted.status).toBe(200);
  expect(accepted.body.status).toBe('active');
  return decided.body.loanId;
}

async function rowCount(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.orm.em.fork().execute<{ n: string }[]>(sql, params);
  return Number(row?.n ?? 0);
}

async function workflowRuns(loanId: string): Promise<number> {
  let runs = 0;
  for await (const _ of t.env.client.workflow.list({ query: `WorkflowId = 'loan-${loanId}'` })) runs += 1;
  return runs;
}

describe('a loan through the API', () => {
  it('is applied for, decided, accepted, paid off, and shows its payment, schedule and events', async () => {
    const decided = await applyAndDecide(application('approved', { loan: { termMonths: 12 } }));
    const { loanId } = decided.body;
    expect(decided.headers.get('location')).toBe(`/v1/loans/${loanId}`);
    expect(decided.body).toMatchObject({ status: 'offered', decision: { outcome: 'approved', grade: expect.any(String) }, offer: { currency: 'INR', termMonths: 12 } });

    const active = await call<LoanState>('POST', `/v1/loans/${loanId}/offer/accept`);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ loanId, status: 'active', schedule: expect.any(Array) });
    expect(active.body.schedule).toHaveLength(12);
    expect(active.body.schedule[0]).toMatchObject({ seq: 1, amountPaid: 0, status: 'upcoming' });

    const quote = await call<PayoffQuoteView>('GET', `/v1/loans/${loanId}/payoff-quote`);
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ currency: 'INR', principal: active.body.principal, total: expect.any(Number) });

    const paid = await call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, { amount: quote.body.total, currency: 'INR', externalId: `utr-${loanId}` });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ duplicate: false, status: 'paid_off', allocation: { principal: active.body.principal } });

    const shown = await call<LoanDetail>('GET', `/v1/loans/${loanId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ loanId, status: 'paid_off', outstandingBalance: 0, requestedPrincipal: decided.body.offer?.principal, currency: 'INR' });
    expect(shown.body.payments).toEqual([expect.objectContaining({ externalId: `utr-${loanId}`, amount: quote.body.total, source: 'api', allocation: expect.objectContaining({ principal: active.body.principal }) })]);
    expect(shown.body.schedule.every((line) => line.status === 'paid' && line.amountPaid === line.amountDue)).toBe(true);
    const types = shown.body.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['application.submitted', 'decision.made', 'loan.activated', 'payment.applied']));
    expect(shown.body.events.map((e) => e.seq)).toEqual([...types.keys()].map((i) => i + 1));

    const again = await call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, { amount: quote.body.total, currency: 'INR', externalId: `utr-${loanId}` });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, allocation: { principal: 0 } });
    expect((await call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body.payments).toHaveLength(1);
  });

  it('answers 202 with a Location, and reads a loan from its workflow while its projection has not landed', async () => {
    const submitted = await call<ApplicationAcceptedDto>('POST', '/v1/applications', application('newToCredit'), { 'X-Request-Id': 'req-202-test' });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toEqual({ loanId: expect.any(String), status: 'submitted' });
    const { loanId } = submitted.body;
    expect(submitted.headers.get('x-request-id')).toBe('req-202-test');
    expect(logLines).toContainEqual(expect.objectContaining({ requestId: 'req-202-test', method: 'POST', path: '/v1/applications', status: 202, durationMs: expect.any(Number), loanId, workflowId: `loan-${loanId}`, by: 'admin' }));

    await t.loans.awaitDecision(loanId);
    // As in a loan's first milliseconds: the workflow exists, its row in Postgres does not.
    await t.orm.em.fork().execute('delete from loans where loan_id = ?', [loanId]);
    const read = await call<LoanDetail>('GET', submitted.headers.get('location')!);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ loanId, status: 'offered', decision: { outcome: 'approved' }, events: [], payments: [] });
    expect(await call('POST', `/v1/loans/${loanId}/withdraw`)).toMatchObject({ status: 200, body: { status: 'withdrawn' } });
    expect((await call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body).toMatchObject({ status: 'withdrawn', closedReason: 'withdrawn_by_applicant' });
  });
});

describe('?wait=decision', () => {
  it('answers 202 instead once the decision takes longer than the configured bound', async () => {
    const impatient = await createApi({ config: { ...t.config, api: { ...t.config.api, decisionWaitMs: 1 } }, orm: t.orm, loans: t.loans, models: t.models, logger: pino({ level: 'silent' }) });
    try {
      await impatient.listen(0, '127.0.0.1');
      const res = await fetch(`${await impatient.getUrl()}/v1/applications?wait=decision`, { method: 'POST', headers: { ...(await authAs('ops')), 'content-type': 'application/json' }, body: JSON.stringify(application('newToCredit')) });
      expect(res.status).toBe(202);
      const { loanId } = (await res.json()) as ApplicationAcceptedDto;
      expect(res.headers.get('location')).toBe(`/v1/loans/${loanId}`);
      expect((await t.loans.awaitDecision(loanId)).decision?.outcome).toBe('approved');
    } finally {
      await impatient.close();
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the same loan for the same body, starting the workflow once', async () => {
    const key = randomUUID();
    const body = application('reducedOffer');
    const [first, concurrent] = await Promise.all([
      call<DecisionResult>('POST', '/v1/applications?wait=decision', body, { 'Idempotency-Key': key }),
      call<DecisionResult>('POST', '/v1/applications?wait=decision', body, { 'Idempotency-Key': key }),
    ]);
    expect(first.status).toBe(200);
    expect(concurrent.body.loanId).toBe(first.body.loanId);
    // The same application with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const replay = await call<DecisionResult>('POST', '/v1/applications?wait=decision', reordered, { 'Idempotency-Key': key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    // Without ?wait=decision a retry answers with the loan as it is now: decided, so its decision.
    const plain = await call<DecisionResult>('POST', '/v1/applications', body, { 'Idempotency-Key': key });
    expect(plain).toMatchObject({ status: 200, body: first.body });
    expect(plain.headers.get('idempotent-replayed')).toBe('true');
    expect(await rowCount(`select count(*) as n from idempotency_keys where key = ?`, [key])).toBe(1);
    expect(await eventually(() => workflowRuns(first.body.loanId), (n) => n > 0)).toBe(1);
  });

  it('answers a retry of an undecided application 202 with the status it has reached, then its decision', async () => {
    const key = randomUUID();
    // The bureau answers 503 for this identity: Temporal's retries keep the loan under review a few seconds.
    const body = application('bureauOutage');
    const first = await call<ApplicationAcceptedDto>('POST', '/v1/applications', body, { 'Idempotency-Key': key });
    expect(first).toMatchObject({ status: 202, body: { loanId: expect.any(String), status: 'submitted' } });
    const retry = await call<ApplicationAcceptedDto>('POST', '/v1/applications', body, { 'Idempotency-Key': key });
    expect(retry).toMatchObject({ status: 202, body: { loanId: first.body.loanId, status: 'under_review' } });
    expect(retry.headers.get('location')).toBe(`/v1/loans/${first.body.loanId}`);
    const decided = await t.loans.awaitDecision(first.body.loanId);
    const later = await call<DecisionResult>('POST', '/v1/applications', body, { 'Idempotency-Key': key });
    expect(later).toMatchObject({ status: 200, body: { loanId: first.body.loanId, status: 'manual_review', decision: decided.decision } });
    await call('POST', `/v1/loans/${first.body.loanId}/withdraw`);
  });

  it('starts the loan a crash left claimed but not started, when the client retries', async () => {
    const key = randomUUID();
    const body = application('sanctionsNameMatch');
    const claimed = randomUUID();
    // What a crash between storing the key and starting the workflow leaves behind.
    await t.orm.em.fork().execute('insert into idempotency_keys (scope, key, request_hash, resource_id, created_at) values (?, ?, ?, ?, now())', [IDEMPOTENCY_SCOPE, key, requestHash(body), claimed]);
    const retry = await call<DecisionResult>('POST', '/v1/applications?wait=decision', body, { 'Idempotency-Key': key });
    expect(retry).toMatchObject({ status: 200, body: { loanId: claimed, decision: { outcome: expect.any(String) } } });
  });

  it('refuses the key with another body (422) and creates nothing', async () => {
    const key = randomUUID();
    const first = await call<ApplicationAcceptedDto>('POST', '/v1/applications', application('approved'), { 'Idempotency-Key': key });
    expect(first.status).toBe(202);
    const other = await call('POST', '/v1/applications', application('approved', { loan: { principal: 12_345_600 } }), { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.body).toMatchObject({ type: 'https://credence.dev/problems/idempotency-key-reused', status: 422 });
    const [claim] = await t.orm.em.fork().execute<{ resource_id: string }[]>('select resource_id from idempotency_keys where key = ?', [key]);
    expect(claim?.resource_id).toBe(first.body.loanId);
    await call('POST', `/v1/loans/${first.body.loanId}/withdraw`);
  });

  it('does not start a finished loan again when its key is replayed', async () => {
    const key = randomUUID();
    const body = application('declined');
    const first = await call<DecisionResult>('POST', '/v1/applications?wait=decision', body, { 'Idempotency-Key': key });
    expect(first.body.status).toBe('declined');
    await t.loans.handle(first.body.loanId).result();
    const replay = await call<DecisionResult>('POST', '/v1/applications?wait=decision', body, { 'Idempotency-Key': key });
    expect(replay.body).toMatchObject({ loanId: first.body.loanId, status: 'declined', decision: first.body.decision });
    expect(await call('POST', '/v1/applications', body, { 'Idempotency-Key': key })).toMatchObject({ status: 200, body: { loanId: first.body.loanId, status: 'declined', decision: first.body.decision } });
    expect(await eventually(() => workflowRuns(first.body.loanId), (n) => n > 1, 1_000)).toBe(1);
  });
});

describe('refused requests', () => {
  const valid = () => application('approved');
  type Breaker = (a: LoanApplication) => unknown;
  const loan = (change: Record<string, unknown>): Breaker => (a) => ({ ...a, loan: { ...a.loan, ...change } });
  const applicant = (change: Record<string, unknown>): Breaker => (a) => ({ ...a, applicant: { ...a.applicant, ...change } });
  const cases: [string, Breaker, string][] = [
    ['a float amount', loan({ principal: 1000.5 }), 'loan.principal'],
    ['a negative amount', loan({ principal: -100 }), 'loan.principal'],
    ['an amount as a string', loan({ principal: '30000000' }), 'loan.principal'],
    ['an unsafe integer', loan({ principal: 2 ** 60 }), 'loan.principal'],
    ['a negative income', applicant({ employment: { status: 'salaried', monthlyIncome: -1 } }), 'applicant.employment.monthlyIncome'],
    ['an unsupported currency', loan({ currency: 'XYZ' }), 'loan.currency'],
    ['a lower-case currency', loan({ currency: 'inr' }), 'loan.currency'],
    ['an impossible date', applicant({ dateOfBirth: '1990-02-30' }), 'applicant.dateOfBirth'],
    ['a date in another format', applicant({ dateOfBirth: '12/04/1988' }), 'applicant.dateOfBirth'],
    ['a bad time zone', applicant({ timeZone: 'Mars/Olympus' }), 'applicant.timeZone'],
    ['an offset for a time zone', applicant({ timeZone: '+05:30' }), 'applicant.timeZone'],
    ['a phone number not in E.164', applicant({ phone: '09820011001' }), 'applicant.phone'],
    ['an unknown product', loan({ product: 'payday' }), 'loan.product'],
    ['a term as a string', loan({ termMonths: '24' }), 'loan.termMonths'],
    ['a consent as a string', (a) => ({ ...a, consents: { ...a.consents, bureauPull: 'yes' } }), 'consents.bureauPull'],
    ['a missing section', (a) => ({ applicant: a.applicant, loan: a.loan }), 'consents'],
    ['an unknown field', (a) => applicant({ address: { ...a.applicant.address, planet: 'Earth' } })(a), 'applicant.address.planet'],
    ['a country in lower case', (a) => applicant({ address: { ...a.applicant.address, country: 'in' } })(a), 'applicant.address.country'],
    ['an array for an object', (a) => ({ ...a, applicant: [] }), 'applicant'],
  ];

  it('answers 400 problem documents naming each bad field, and stores and starts nothing', async () => {
    const loansBefore = await rowCount('select count(*) as n from loans');
    const workflowsBefore = (await t.env.client.workflow.count()).count;
    for (const [what, breakIt, field] of cases) {
      const key = `bad-${randomUUID()}`;
      const answer = await call('POST', '/v1/applications?wait=decision', breakIt(valid()), { 'Idempotency-Key': key });
      expect({ what, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ what, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(answer.body).toMatchObject({ type: 'https://credence.dev/problems/validation-error', status: 400, instance: '/v1/applications' });
      expect({ what, fields: answer.body.errors?.map((e) => e.field) }).toEqual({ what, fields: [field] });
      expect(await rowCount('select count(*) as n from idempotency_keys where key = ?', [key])).toBe(0);
    }
    expect(await rowCount('select count(*) as n from loans')).toBe(loansBefore);
    expect((await t.env.client.workflow.count()).count).toBe(workflowsBefore);
  });

  it('answers malformed JSON 400, another media type 415, a huge body 413, ?wait=soon 400, an unknown route 404', async () => {
    expect(await call('POST', '/v1/applications', '{"applicant":')).toMatchObject({ status: 400, body: { type: 'https://credence.dev/problems/malformed-json' } });
    const text = await fetch(`${base}/v1/applications`, { method: 'POST', headers: { ...(await authAs('ops')), 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await call('POST', '/v1/applications', JSON.stringify({ ...valid(), padding: 'x'.repeat(100_000) }))).toMatchObject({ status: 413 });
    expect(await call('POST', '/v1/applications?wait=soon', valid())).toMatchObject({ status: 400, body: { errors: [{ field: 'wait' }] } });
    expect(await call('GET', '/v1/nothing-here')).toMatchObject({ status: 404, body: { type: 'about:blank', status: 404, instance: '/v1/nothing-here' } });
  });

  it('answers 404 for an unknown loan, 400 for an ID that is not a UUID', async () => {
    const unknown = randomUUID();
    expect(await call('GET', `/v1/loans/${unknown}`)).toMatchObject({ status: 404, body: { type: 'https://credence.dev/problems/loan-not-found' } });
    expect(await call('POST', `/v1/loans/${unknown}/withdraw`)).toMatchObject({ status: 404 });
    expect(await call('GET', '/v1/loans/not-a-uuid')).toMatchObject({ status: 400, body: { errors: [{ field: 'loanId' }] } });
  });
});

describe('commands the loan refuses', () => {
  it('refuses a payment to a declined loan (409, the loan is closed)', async () => {
    const declined = await applyAndDecide(application('declined'));
    expect(declined.body).toMatchObject({ status: 'declined', decision: { outcome: 'declined', reasons: expect.arrayContaining([expect.objectContaining({ code: 'DELINQUENCY' })]) } });
    await t.loans.handle(declined.body.loanId).result();
    const paid = await call('POST', `/v1/loans/${declined.body.loanId}/payments`, { amount: 10_000, currency: 'INR', externalId: 'late-1' });
    expect(paid).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/loan-closed' } });
    expect(await call('GET', `/v1/loans/${declined.body.loanId}/payoff-quote`)).toMatchObject({ status: 409 });
  });
});

describe('credit limits', () => {
  it('shows the limit, and records consent to a higher one only from a loan being repaid', async () => {
    const decided = await applyAndDecide(application('newToCredit'));
    const { loanId } = decided.body;
    const limit = decided.body.decision?.creditLimit;
    expect(limit).toEqual(expect.any(Number));
    const offered = await call('POST', `/v1/loans/${loanId}/credit-limit/consent`);
    expect(offered).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/command-rejected', detail: expect.stringMatching(/this one is offered/) } });

    const accepted = await call<LoanState>('POST', `/v1/loans/${loanId}/offer/accept`);
    expect(accepted.body).toMatchObject({ status: 'active', creditLimit: limit });
    const consented = await call<LoanState>('POST', `/v1/loans/${loanId}/credit-limit/consent`);
    // The limit does not move now: the next review on a due date may raise it.
    expect(consented).toMatchObject({ status: 200, body: { loanId, status: 'active', creditLimit: limit } });
    const shown = await call<LoanDetail>('GET', `/v1/loans/${loanId}`);
    expect(shown.body.creditLimit).toBe(limit);
    expect(shown.body.events.filter((e) => e.type === 'credit_limit.consent_given')).toEqual([expect.objectContaining({ data: { at: expect.any(String), currency: 'INR', limit } })]);
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
    expect(await call('POST', `/v1/loans/${loanId}/credit-limit/consent`)).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/loan-closed' } });
  });
});

describe('manual review', () => {
  it('approves a loan in review, which is then offered', async () => {
    const decided = await applyAndDecide(application('review'));
    const { loanId } = decided.body;
    expect(decided.body).toMatchObject({ status: 'manual_review', decision: { outcome: 'manual_review' } });
    expect(await call('POST', `/v1/loans/${loanId}/review`, { reviewer: 'asha', outcome: 'decline' })).toMatchObject({ status: 400, body: { errors: [{ field: 'reasonCodes' }] } });
    expect(await call('POST', `/v1/loans/${loanId}/review`, { reviewer: 'asha', outcome: 'decline', reasonCodes: ['NOT_A_CODE'] })).toMatchObject({ status: 400 });
    expect(await call('POST', `/v1/loans/${loanId}/offer/accept`)).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/command-rejected', detail: expect.stringContaining('no open offer') } });

    const outside = await call('POST', `/v1/loans/${loanId}/review`, { reviewer: 'asha', outcome: 'approve', principal: 100, termMonths: 24 });
    expect(outside).toMatchObject({ status: 422, body: { type: 'https://credence.dev/problems/invalid-review-terms', detail: expect.stringContaining('principal') } });
    expect((await t.loans.state(loanId)).status).toBe('manual_review');

    const reviewed = await call<LoanState>('POST', `/v1/loans/${loanId}/review`, { reviewer: 'asha', outcome: 'approve', note: 'stable salary' });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ loanId, status: 'offered', decision: { outcome: 'approved', decidedBy: 'reviewer:asha' }, offer: expect.objectContaining({ currency: 'INR' }) });
    expect(await call('POST', `/v1/loans/${loanId}/review`, { reviewer: 'asha', outcome: 'approve' })).toMatchObject({ status: 409 });

    const declined = await call<LoanState>('POST', `/v1/loans/${loanId}/offer/decline`);
    expect(declined).toMatchObject({ status: 200, body: { status: 'withdrawn', closedReason: 'offer_declined' } });
    expect(await call('POST', `/v1/loans/${loanId}/offer/decline`)).toMatchObject({ status: 409 });
  });
});

describe('payments and the gateway webhook', () => {
  it('posts a payment once, and takes the gateway webhook only when signed', async () => {
    const loanId = await activeLoan('newToCredit');
    const first = await call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, { amount: 50_000, currency: 'INR', externalId: 'upi-1' });
    expect(first).toMatchObject({ status: 200, body: { externalId: 'upi-1', duplicate: false, status: 'active', allocation: { toCredit: 50_000 } } });
    const second = await call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, { amount: 50_000, currency: 'INR', externalId: 'upi-1' });
    expect(second).toMatchObject({ status: 200, body: { duplicate: true, allocation: { toCredit: 0 } } });
    expect(await call('POST', `/v1/loans/${loanId}/payments`, { amount: 50_000, currency: 'USD', externalId: 'upi-2' })).toMatchObject({
      status: 422,
      body: { type: 'https://credence.dev/problems/unprocessable', errors: [{ field: 'currency', message: 'the loan is in INR, not USD' }] },
    });
    expect(await call('POST', `/v1/loans/${loanId}/payments`, { amount: 500.5, currency: 'INR', externalId: 'upi-3' })).toMatchObject({ status: 400 });

    const event = { id: 'evt_test_1', object: 'event', type: 'payment.received', created: 0, data: { object: { id: 'pay_1', object: 'payment', amount: 70_000, currency: 'INR', reference: loanId, channel: 'upi', externalId: 'utr-77', receivedAt: new Date().toISOString() } } };
    const raw = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const forged = await call('POST', '/v1/webhooks/gateway', raw, { 'Gateway-Signature': signatureHeader(raw, 'whsec_wrong', now) });
    expect(forged).toMatchObject({ status: 401, body: { type: 'https://credence.dev/problems/invalid-signature' } });
    expect(await call('POST', '/v1/webhooks/gateway', raw)).toMatchObject({ status: 401 });

    const signed = await call<WebhookOutcome>('POST', '/v1/webhooks/gateway', raw, { 'Gateway-Signature': signatureHeader(raw, SANDBOX_CREDENTIALS.gatewayWebhookSecret, now) });
    expect(signed).toMatchObject({ status: 200, body: { action: 'applied', loanId } });
    const shown = await eventually(() => call<LoanDetail>('GET', `/v1/loans/${loanId}`), (a) => a.body.payments.length === 2);
    expect(shown.body.payments).toEqual(expect.arrayContaining([expect.objectContaining({ externalId: 'pay_1', amount: 70_000, source: 'webhook' })]));

    // A payment for no loan of ours is held as unapplied cash (apps/api/unapplied-cash.test.ts), and acknowledged.
    const elsewhere = JSON.stringify({ ...event, id: 'evt_test_2', data: { object: { ...event.data.object, id: 'pay_2', reference: randomUUID() } } });
    expect(await call('POST', '/v1/webhooks/gateway', elsewhere, { 'Gateway-Signature': signatureHeader(elsewhere, SANDBOX_CREDENTIALS.gatewayWebhookSecret, now) })).toMatchObject({ status: 200, body: { action: 'held', reason: 'unknown_loan' } });
    const other = JSON.stringify({ id: 'evt_test_3', object: 'event', type: 'customer.updated', created: 0, data: { object: {} } });
    expect(await call('POST', '/v1/webhooks/gateway', other, { 'Gateway-Signature': signatureHeader(other, SANDBOX_CREDENTIALS.gatewayWebhookSecret, now) })).toMatchObject({ status: 200, body: { action: 'ignored' } });
  });

  it('takes a payment the gateway sandbox delivers', async () => {
    const loanId = await activeLoan('approved');
    const gateway = t.sandboxes.gateway.url;
    const auth = { authorization: `Bearer ${SANDBOX_CREDENTIALS.gatewaySecretKey}`, 'content-type': 'application/json' };
    await fetch(`${gateway}/_sandbox/webhook-endpoint`, { method: 'POST', headers: auth, body: JSON.stringify({ url: `${base}/v1/webhooks/gateway` }) });
    const paid = await fetch(`${gateway}/_sandbox/incoming-payments`, { method: 'POST', headers: auth, body: JSON.stringify({ amount: 25_000, currency: 'INR', reference: loanId, channel: 'bank_transfer' }) });
    expect(paid.status).toBe(201);
    const shown = await eventually(() => call<LoanDetail>('GET', `/v1/loans/${loanId}`), (a) => a.body.payments.length === 1);
    expect(shown.body.payments).toEqual([expect.objectContaining({ amount: 25_000, source: 'webhook' })]);
    expect(shown.body.events.map((e) => e.type)).toContain('payment.applied');
  });
});

describe('models', () => {
  interface Scored { model: string; version: string; scores: { probability: number; rawProbability: number; decision: boolean; reasons?: { code: string; contribution: number }[] }[] }
  const verification = JSON.parse(readFileSync(new URL('../../models/artifacts/application-pd/1.0.0/verification.json', import.meta.url), 'utf8')) as { records: Record<string, unknown>[]; probability: number[]; calibrated?: number[] };

  it('scores records with the champion as Python did, explains them, and records champion and challenger', async () => {
    const records = verification.records.slice(0, 3);
    const { status, body } = await call<Scored>('POST', '/v1/score', { model: 'application-pd', records, explain: 2 });
    expect(status).toBe(200);
    expect(body.version).toBe('1.0.0');
    body.scores.forEach((s, i) => {
      // The served probability is the calibrated one when the card has a calibration; the raw one is beside it.
      expect(Math.abs(s.probability - (verification.calibrated ?? verification.probability)[i]!)).toBeLessThan(1e-9);
      expect(Math.abs(s.rawProbability - verification.probability[i]!)).toBeLessThan(1e-9);
      expect(s.reasons).toHaveLength(2);
    });
    await t.models.settled();
    // The score log writes in batches a moment later.
    const rows = await eventually(
      async () => (await t.orm.em.fork().execute<{ role: string; n: string }[]>(`select role, count(*) as n from model_scores where subject like 'api:%' and model = 'application-pd' group by role order by role`)).map((r) => [r.role, Number(r.n)]),
      (counts) => counts.length === 2,
    );
    expect(rows).toEqual([['challenger', 3], ['champion', 3]]);
  });

  it('refuses an unknown model and every bad feature of every record with 400, scoring nothing', async () => {
    const unknown = await call('POST', '/v1/score', { model: 'no-such-model', records: [{}] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'model', message: expect.stringContaining('unknown model') as unknown }]);
    const good = verification.records[0]!;
    const bad = await call('POST', '/v1/score', { model: 'application-pd', records: [good, { ...good, term_months: 'twelve' }, { ...good, bureau_hit: undefined, income_verified: null }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['records[1].term_months', 'records[2].bureau_hit', 'records[2].income_verified']);
    const empty = await call('POST', '/v1/score', { model: 'application-pd', records: [] });
    expect(empty.status).toBe(400);
  });

  it('lists the models with their card figures, and serves drift as Prometheus metrics', async () => {
    const models = await call<{ name: string; champion: string; challenger: string | null; metrics: { test: { auc: number } } }[]>('GET', '/v1/models');
    expect(models.status).toBe(200);
    expect(models.body.find((m) => m.name === 'application-pd')).toMatchObject({ champion: '1.0.0', challenger: '1.0.0-scorecard' });
    const drift = await call<{ rows: number }>('GET', '/v1/models/application-pd/drift');
    expect(drift.status).toBe(200);
    expect(drift.body.rows).toBeGreaterThan(0);
    expect((await call('GET', '/v1/models/nope/drift')).status).toBe(404);
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: await authAs('compliance') });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/credence_model_drift_rows\{model="application-pd",version="1\.0\.0"\} \d+/);
    expect(text).toMatch(/^credence_episode_signal_outbox_unsent \d+$/m);
    expect(text).toMatch(/^credence_episode_signal_outbox_failing 0$/m);
  });
});

describe('lists, health and the spec', () => {
  it('lists loans newest first, by status, a page at a time', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<LoanList> = await call<LoanList>('GET', `/v1/loans?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      all.push(...page.body.items.map((i) => i.loanId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(await rowCount('select count(*) as n from loans'));
    const created = (await call<LoanList>('GET', '/v1/loans?limit=100')).body.items.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const declined = await call<LoanList>('GET', '/v1/loans?status=declined&limit=1');
    expect(declined.body.items).toHaveLength(1);
    expect(declined.body.items[0]).toMatchObject({ status: 'declined', decisionOutcome: 'declined' });
    const next = await call<LoanList>('GET', `/v1/loans?status=declined&limit=1&cursor=${declined.body.nextCursor!}`);
    expect(next.body.items).toHaveLength(1);
    expect(next.body.items[0]!.loanId).not.toBe(declined.body.items[0]!.loanId);

    expect((await call<LoanList>('GET', '/v1/loans?product=personal&limit=100')).body.items).toHaveLength(all.length);
    expect((await call<LoanList>('GET', '/v1/loans?product=other')).body).toEqual({ items: [], nextCursor: null });
    const current = (await call<LoanList>('GET', '/v1/loans?bucket=current&limit=100')).body.items;
    expect(current.length).toBeGreaterThan(0);
    expect(current.every((i) => i.bucket === 'current')).toBe(true);

    expect(await call('GET', '/v1/loans?status=lost&limit=0&cursor=abc')).toMatchObject({ status: 400, body: { errors: [{ field: 'status' }, { field: 'cursor' }, { field: 'limit' }] } });
  });

  it('reports every dependency healthy', async () => {
    const health = await call<HealthReport>('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      status: 'ok',
      checks: Object.fromEntries(['temporal', 'database', 'bureau', 'aggregator', 'gateway'].map((k) => [k, { status: 'ok', latencyMs: expect.any(Number) }])),
    });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await call<{ paths: Record<string, unknown> }>('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/v1/applications', '/v1/loans', '/v1/loans/{loanId}', '/v1/loans/{loanId}/payments', '/v1/webhooks/gateway', '/health']));
    expect((await fetch(`${base}/docs`)).status).toBe(200);
  });
});
