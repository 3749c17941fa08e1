// No input may wedge a loan. Every malformed payment shape goes through every way a payment can
// reach a loan: the API, the signed gateway webhook, and straight to the workflow as a signal and
// as an update (what anything holding a Temporal client could send). Each is refused or recorded
// as rejected; the loan's workflow never fails a task, and afterwards takes ordinary payments by
// each path as if nothing had happened.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { DecisionResult, PaymentResult, PayoffQuoteView } from '../../workflows/loan/definitions.js';
import { paymentSignal, recordPaymentUpdate } from '../../workflows/loan/definitions.js';
import { application } from '../testkit/applications.js';
import { startApiHarness, type ApiHarness } from '../testkit/api-harness.js';
import { eventually } from '../testkit/read-model.js';
import type { LoanDetail, LoanState } from './loans/loan-view.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const good = { amount: 50_000, currency: 'INR' };
/** Payment bodies that are not payments; `externalId` is filled in per test where the shape keeps one. */
const MALFORMED: [string, unknown][] = [
  ['amount 0', { ...good, amount: 0, externalId: 'm-zero' }],
  ['a negative amount', { ...good, amount: -50_000, externalId: 'm-negative' }],
  ['a fractional amount', { ...good, amount: 500.5, externalId: 'm-fraction' }],
  ['an amount beyond safe integers', { ...good, amount: 2 ** 60, externalId: 'm-huge' }],
  ['an amount as a string', { ...good, amount: '50000', externalId: 'm-string' }],
  ['no amount', { currency: 'INR', externalId: 'm-no-amount' }],
  ['an unknown currency', { ...good, currency: 'XXX', externalId: 'm-xxx' }],
  ['a lower-case currency', { ...good, currency: 'inr', externalId: 'm-lower' }],
  ['no currency', { amount: 50_000, externalId: 'm-no-currency' }],
  ['an empty externalId', { ...good, externalId: '' }],
  ['a blank externalId', { ...good, externalId: '   ' }],
  ['an externalId of 300 characters', { ...good, externalId: 'x'.repeat(300) }],
  ['a numeric externalId', { ...good, externalId: 42 }],
  ['no externalId', { ...good }],
  ['null', null],
  ['an array', [good]],
  ['a string', 'pay me'],
];

async function activeLoan(): Promise<string> {
  const decided = await h.call<DecisionResult>('POST', '/v1/applications?wait=decision', application('approved', { loan: { termMonths: 6 } }));
  expect(decided.body.status).toBe('offered');
  const accepted = await h.call<LoanState>('POST', `/v1/loans/${decided.body.loanId}/offer/accept`);
  expect(accepted.body.status).toBe('active');
  return decided.body.loanId;
}

function gatewayPayment(loanId: string, { externalId, ...rest }: Record<string, unknown>) {
  return { object: 'payment', reference: loanId, receivedAt: new Date().toISOString(), ...rest, ...(externalId === undefined ? {} : { id: externalId }) };
}

function paymentEvent(id: string, object: unknown) {
  return { id, object: 'event', type: 'payment.received', created: 0, data: { object } };
}

describe('malformed payments, through every entry point', () => {
  it('are refused or recorded as rejected, and the loan then takes ordinary payments', async () => {
    const loanId = await activeLoan();
    const handle = h.t.loans.handle(loanId);

    for (const [label, body] of MALFORMED) {
      const api = await h.call('POST', `/v1/loans/${loanId}/payments`, body);
      expect([label, api.status]).toEqual([label, 400]);
      expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      // The gateway names the payment by its own id, where the API takes externalId.
      const object = typeof body === 'object' && body !== null && !Array.isArray(body) ? gatewayPayment(loanId, body as Record<string, unknown>) : body;
      const webhook = await h.webhook(paymentEvent(`evt-${label}`, object));
      expect([label, webhook.status]).toEqual([label, 400]);

      // Straight to the workflow, past every edge.
      await handle.signal(paymentSignal, body as never);
      const update = handle.executeUpdate(recordPaymentUpdate, { args: [body as never] });
      await expect(update).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(update).rejects.toMatchObject({ cause: { type: 'InvalidCommand' } });
    }

    // Ordinary payments, one by each path.
    const byApi = await h.call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, { ...good, externalId: 'ok-api' });
    expect(byApi).toMatchObject({ status: 200, body: { duplicate: false, status: 'active' } });
    const byWebhook = await h.webhook(paymentEvent('evt-ok', { id: 'ok-webhook', object: 'payment', amount: 40_000, currency: 'INR', reference: loanId, receivedAt: new Date().toISOString() }));
    expect(byWebhook.status).toBe(200);
    await handle.signal(paymentSignal, { externalId: 'ok-signal', amount: 30_000, currency: 'INR', source: 'webhook' });
    const byUpdate = await handle.executeUpdate(recordPaymentUpdate, { args: [{ externalId: 'ok-update', amount: 20_000, currency: 'INR', source: 'api' }] });
    expect(byUpdate.duplicate).toBe(false);

    const shown = await eventually(() => h.call<LoanDetail>('GET', `/v1/loans/${loanId}`), (a) => a.body.payments.length === 4);
    expect(shown.body.payments.map((p) => p.externalId).sort()).toEqual(['ok-api', 'ok-signal', 'ok-update', 'ok-webhook']);
    const rejected = shown.body.events.filter((e) => e.type === 'payment.rejected');
    expect(rejected).toHaveLength(MALFORMED.length);
    expect(shown.body.events.filter((e) => e.type === 'payment.applied')).toHaveLength(4);
    expect(await h.call<PayoffQuoteView>('GET', `/v1/loans/${loanId}/payoff-quote`)).toMatchObject({ status: 200 });

    // The gateway reporting a payment under a reference the loan applied for another amount: held for ops, never refused (the gateway would retry it until it gave up).
    const conflicting = await h.webhook(paymentEvent('evt-conflict', { id: 'ok-api', object: 'payment', amount: 99_000, currency: 'INR', reference: loanId, receivedAt: new Date().toISOString() }));
    expect(conflicting).toMatchObject({ status: 200, body: { action: 'held', reason: 'reference_conflict' } });
    const again = await h.webhook(paymentEvent('evt-conflict', { id: 'ok-api', object: 'payment', amount: 99_000, currency: 'INR', reference: loanId, receivedAt: new Date().toISOString() }));
    expect(again.body).toEqual(conflicting.body);

    // The workflow never failed a task on any of it.
    const history = await handle.fetchHistory();
    const failedTasks = (history.events ?? []).filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    expect(failedTasks).toEqual([]);
  });
});
