// Money that has nowhere to go, end to end: the gateway sandbox delivers signed payments to the
// API (createApi on port 0 over the real Temporal dev server, a real Postgres database, the real
// workers); what no loan can take is held, listed, applied to another loan or refunded through the
// sandbox, once, with a ledger that balances.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { applicationPaymentId, type UnappliedCashItem } from '../../domain/unapplied-cash.js';
import type { DecisionResult, PayoffQuoteView } from '../../workflows/loan/definitions.js';
import { SANDBOX_CREDENTIALS } from '../shared/config.js';
import { signatureHeader } from '../sandboxes/gateway/webhook-dispatcher.js';
import type { TestIdentityKey } from '../sandboxes/identities.js';
import { application } from '../testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../testkit/loan-env.js';
import { eventually, ledgerBalances } from '../testkit/read-model.js';
import { createApi } from './create-api.js';
import type { Problem } from './http/problem.js';
import type { LoanDetail, LoanState } from './loans/loan-view.js';
import type { UnappliedCashList } from './unapplied-cash/list-unapplied-cash.usecase.js';
import type { WebhookOutcome } from './webhooks/handle-gateway-webhook.usecase.js';
import { authAs } from '../testkit/tokens.js';

let t: LoanTestEnv;
let app: INestApplication;
let base: string;
let gateway: string;
const gatewayAuth = { authorization: `Bearer ${SANDBOX_CREDENTIALS.gatewaySecretKey}`, 'content-type': 'application/json' };

beforeAll(async () => {
  t = await createLoanTestEnv({ server: 'dev' });
  app = await createApi({ config: t.config, orm: t.orm, loans: t.loans, models: t.models, logger: pino({ level: 'silent' }) });
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
  gateway = t.sandboxes.gateway.url;
  await fetch(`${gateway}/_sandbox/webhook-endpoint`, { method: 'POST', headers: gatewayAuth, body: JSON.stringify({ url: `${base}/v1/webhooks/gateway` }) });
});
afterAll(async () => {
  await app?.close();
  await t?.teardown();
});

interface Answer<T> {
  status: number;
  body: T;
}

/** As ops, who resolve unapplied cash, unless the headers say otherwise. */
async function call<T = Problem>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const auth = await authAs('ops');
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? { ...auth, ...headers } : { ...auth, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${gateway}${path}`, { method, headers: gatewayAuth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return (await res.json()) as T;
}

interface SandboxEvent {
  id: string;
  type: string;
  data: { object: { id: string; payment?: string; amount: number } };
  delivery: { outcome: string; attempts: { status?: number }[] };
}

/** A borrower pays through the gateway; answers once its webhook has been delivered, with the delivery. */
async function payThroughGateway(reference: string, amount: number, currency = 'INR'): Promise<{ paymentId: string; event: SandboxEvent }> {
  const payment = await sandbox<{ id: string }>('POST', '/_sandbox/incoming-payments', { reference, amount, currency, channel: 'upi' });
  await t.sandboxes.gateway.webhooksSettled();
  const { data } = await sandbox<{ data: SandboxEvent[] }>('GET', '/_sandbox/events?type=payment.received');
  return { paymentId: payment.id, event: data.find((e) => e.data.object.id === payment.id)! };
}

async function activeLoan(key: TestIdentityKey): Promise<string> {
  const decided = await call<DecisionResult>('POST', '/v1/applications?wait=decision', application(key));
  expect(decided.body.status).toBe('offered');
  const accepted = await call<LoanState>('POST', `/v1/loans/${decided.body.loanId}/offer/accept`);
  expect(accepted.body.status).toBe('active');
  return decided.body.loanId;
}

async function heldAs(paymentId: string): Promise<UnappliedCashItem[]> {
  const { body } = await call<UnappliedCashList>('GET', '/v1/unapplied-cash?limit=100');
  return body.items.filter((i) => i.paymentReference === paymentId || i.gatewayPaymentId === paymentId);
}

async function itemLedger(itemId: string): Promise<Record<string, number>> {
  const rows = await t.orm.em.fork().execute<{ account: string; balance: string }[]>(
    `select account, sum(debit) - sum(credit) as balance from ledger_entries where unapplied_cash_id = ? group by account order by account`,
    [itemId],
  );
  return Object.fromEntries(rows.map((r) => [r.account, Number(r.balance)]));
}

async function ledgerIsBalanced(): Promise<void> {
  const journals = await t.orm.em.fork().execute<{ journal_key: string }[]>(`select journal_key from ledger_entries group by journal_key having sum(debit) <> sum(credit)`);
  expect(journals).toEqual([]);
  const [all] = await t.orm.em.fork().execute<{ debit: string; credit: string }[]>(`select sum(debit) as debit, sum(credit) as credit from ledger_entries`);
  expect(Number(all!.debit)).toBe(Number(all!.credit));
}

async function payments(loanId: string): Promise<LoanDetail['payments']> {
  return (await call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body.payments;
}

async function resend(event: SandboxEvent): Promise<Answer<WebhookOutcome>> {
  const raw = JSON.stringify({ id: event.id, object: 'event', type: event.type, created: 0, data: event.data });
  return call<WebhookOutcome>('POST', '/v1/webhooks/gateway', raw, { 'Gateway-Signature': signatureHeader(raw, SANDBOX_CREDENTIALS.gatewayWebhookSecret, Math.floor(Date.now() / 1000)) });
}

describe('a payment for a loan we do not have', () => {
  let item: UnappliedCashItem;
  let loanId: string;

  it('is held (200 on the first delivery, no retries), listed, and the same once however often it arrives', async () => {
    const { paymentId, event } = await payThroughGateway('LN-2026-0042', 1_500_000);
    expect(event.delivery).toMatchObject({ outcome: 'delivered', attempts: [{ status: 200 }] });
    const held = await heldAs(paymentId);
    expect(held).toEqual([
      expect.objectContaining({ amount: 1_500_000, currency: 'INR', source: 'gateway_webhook', reason: 'unknown_loan', gatewayPaymentId: paymentId, loanReference: 'LN-2026-0042', status: 'open' }),
    ]);
    item = held[0]!;
    expect(await resend(event)).toMatchObject({ status: 200, body: { action: 'held', unappliedCashId: item.id, reason: 'unknown_loan' } });
    expect(await heldAs(paymentId)).toHaveLength(1);
    expect(await itemLedger(item.id)).toEqual({ collections_clearing: 1_500_000, unapplied_cash: -1_500_000 });

    const { paymentId: uuidReference } = await payThroughGateway(randomUUID(), 20_000);
    expect(await heldAs(uuidReference)).toEqual([expect.objectContaining({ reason: 'unknown_loan', amount: 20_000 })]);
    expect((await call<UnappliedCashItem>('GET', `/v1/unapplied-cash/${item.id}`)).body).toEqual(item);
  });

  it('is applied to another loan once: the loan takes it as a payment, its balance drops, the ledger balances', async () => {
    loanId = await activeLoan('newToCredit');
    const before = (await call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body.outstandingBalance;
    const applied = await call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item.id}/apply`, { loanId, requestedBy: 'ops.asha' });
    expect(applied).toMatchObject({ status: 200, body: { id: item.id, status: 'applied', targetLoanId: loanId, requestedBy: 'ops.asha', resolvedAt: expect.any(String), applicationPaymentId: applicationPaymentId(item.id, 1) } });
    const again = await call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item.id}/apply`, { loanId });
    expect(again).toMatchObject({ status: 200, body: { status: 'applied', resolvedAt: applied.body.resolvedAt } });

    expect(await payments(loanId)).toEqual([expect.objectContaining({ externalId: applicationPaymentId(item.id, 1), amount: 1_500_000, source: 'api' })]);
    expect((await call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body.outstandingBalance).toBe(before - 1_500_000);
    expect(await itemLedger(item.id)).toEqual({ collections_clearing: 1_500_000 - 1_500_000, unapplied_cash: 0 });
    expect(await ledgerBalances(t.orm, loanId)).toMatchObject({ collections_clearing: 1_500_000, borrower_advances: -1_500_000 });
    await ledgerIsBalanced();
  });

  it('cannot be refunded once applied, nor applied elsewhere', async () => {
    expect(await call('POST', `/v1/unapplied-cash/${item.id}/refund`)).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/unapplied-cash-settled', detail: expect.stringContaining(loanId) } });
    const other = await activeLoan('approved');
    expect(await call('POST', `/v1/unapplied-cash/${item.id}/apply`, { loanId: other })).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/unapplied-cash-settled' } });
    expect(await payments(other)).toEqual([]);
    expect(await sandbox<{ data: unknown[] }>('GET', `/v1/refunds?payment=${item.gatewayPaymentId}`)).toMatchObject({ data: [] });
  });
});

describe('a payment for a closed loan', () => {
  it('is held, refunded through the gateway once however often the refund is asked for, and then cannot be applied', async () => {
    const declined = await call<DecisionResult>('POST', '/v1/applications?wait=decision', application('declined'));
    expect(declined.body.status).toBe('declined');
    await t.loans.handle(declined.body.loanId).result();
    const { paymentId, event } = await payThroughGateway(declined.body.loanId, 75_000);
    expect(event.delivery).toMatchObject({ outcome: 'delivered', attempts: [{ status: 200 }] });
    const [item] = await heldAs(paymentId);
    expect(item).toMatchObject({ reason: 'loan_closed', loanReference: declined.body.loanId, amount: 75_000, status: 'open' });

    const refunds = await Promise.all([1, 2, 3].map(() => call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item!.id}/refund`, { requestedBy: 'ops.ravi' })));
    expect(refunds.map((r) => r.status)).toEqual([200, 200, 200]);
    const refundId = refunds[0]!.body.refundId;
    expect(refundId).toMatch(/^re_/);
    expect(refunds.every((r) => r.body.status === 'refunded' && r.body.refundId === refundId)).toBe(true);
    expect((await call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item!.id}/refund`)).body).toMatchObject({ status: 'refunded', refundId });

    const atGateway = await sandbox<{ data: { id: string; amount: number; status: string }[] }>('GET', `/v1/refunds?payment=${paymentId}`);
    expect(atGateway.data).toEqual([expect.objectContaining({ id: refundId, amount: 75_000, status: 'succeeded' })]);
    await t.sandboxes.gateway.webhooksSettled();
    const refundEvents = (await sandbox<{ data: SandboxEvent[] }>('GET', '/_sandbox/events?type=refund.succeeded')).data.filter((e) => e.data.object.payment === paymentId);
    expect(refundEvents).toHaveLength(1);
    expect(await itemLedger(item!.id)).toEqual({ collections_clearing: 0, unapplied_cash: 0 });

    const loanId = await activeLoan('approved');
    expect(await call('POST', `/v1/unapplied-cash/${item!.id}/apply`, { loanId })).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/unapplied-cash-settled', detail: expect.stringContaining('refunded') } });
    expect(await payments(loanId)).toEqual([]);
    await ledgerIsBalanced();
  });
});

describe('an overpayment on payoff', () => {
  it('is held with every rupee paid beyond the payoff, and refunded through the payment it came by', async () => {
    const loanId = await activeLoan('reducedOffer');
    const quote = (await call<PayoffQuoteView>('GET', `/v1/loans/${loanId}/payoff-quote`)).body;
    const { paymentId } = await payThroughGateway(loanId, quote.total + 999_999_999);
    expect((await call<LoanDetail>('GET', `/v1/loans/${loanId}`)).body.status).toBe('paid_off');
    const [item] = await eventually(() => heldAs(paymentId), (items) => items.length > 0);
    expect(item).toMatchObject({ reason: 'overpayment', source: 'loan_workflow', amount: 999_999_999, currency: 'INR', gatewayPaymentId: paymentId, loanReference: loanId, status: 'open' });
    expect(await ledgerBalances(t.orm, loanId)).toMatchObject({ refunds_payable: -999_999_999 });

    const refunded = await call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item!.id}/refund`);
    expect(refunded).toMatchObject({ status: 200, body: { status: 'refunded', refundId: expect.stringMatching(/^re_/) } });
    expect((await sandbox<{ data: { amount: number }[] }>('GET', `/v1/refunds?payment=${paymentId}`)).data).toEqual([expect.objectContaining({ amount: 999_999_999 })]);
    expect(await ledgerBalances(t.orm, loanId)).toMatchObject({ refunds_payable: 0 });
    expect(await call('POST', `/v1/unapplied-cash/${item!.id}/apply`, { loanId })).toMatchObject({ status: 409 });
    await ledgerIsBalanced();
  });
});

describe('what cannot be done is refused, naming the problem, and changes nothing', () => {
  it('refuses a loan that is not being repaid (409), another currency (422), an unknown loan (404), and refunding money that never came through the gateway (422)', async () => {
    const { paymentId: dollars } = await payThroughGateway('LN-USD-1', 5_000, 'USD');
    const [usd] = await heldAs(dollars);
    const loanId = await activeLoan('approved');
    expect(await call('POST', `/v1/unapplied-cash/${usd!.id}/apply`, { loanId })).toMatchObject({ status: 422, body: { type: 'https://credence.dev/problems/currency-mismatch', detail: expect.stringContaining('USD') } });
    expect(await call('POST', `/v1/unapplied-cash/${usd!.id}/apply`, { loanId: randomUUID() })).toMatchObject({ status: 404, body: { type: 'https://credence.dev/problems/loan-not-found' } });
    const declined = await call<DecisionResult>('POST', '/v1/applications?wait=decision', application('declined'));
    expect(await call('POST', `/v1/unapplied-cash/${usd!.id}/apply`, { loanId: declined.body.loanId })).toMatchObject({ status: 409, body: { type: 'https://credence.dev/problems/loan-not-servicing', detail: expect.stringContaining('declined') } });
    expect((await call<UnappliedCashItem>('GET', `/v1/unapplied-cash/${usd!.id}`)).body).toMatchObject({ status: 'open', attempt: 0 });

    // A loan not yet being repaid (offered) cannot take a payment either: held, not queued on the loan.
    const offered = await call<DecisionResult>('POST', '/v1/applications?wait=decision', application('newToCredit'));
    expect(offered.body.status).toBe('offered');
    const { paymentId: early } = await payThroughGateway(offered.body.loanId, 3_000);
    expect(await heldAs(early)).toEqual([expect.objectContaining({ reason: 'loan_not_servicing', loanReference: offered.body.loanId })]);
    expect(await call('POST', `/v1/loans/${offered.body.loanId}/withdraw`)).toMatchObject({ status: 200 });

    // A webhook payment in another currency than its (active) loan is held, not lost.
    const { paymentId: wrongCurrency } = await payThroughGateway(loanId, 7_000, 'USD');
    expect(await heldAs(wrongCurrency)).toEqual([expect.objectContaining({ reason: 'currency_mismatch', loanReference: loanId })]);

    // An overpayment reported through the API has no gateway payment to refund against.
    const quote = (await call<PayoffQuoteView>('GET', `/v1/loans/${loanId}/payoff-quote`)).body;
    await call('POST', `/v1/loans/${loanId}/payments`, { amount: quote.total + 10_000, currency: 'INR', externalId: `bank-${loanId}` });
    const [api] = await eventually(() => heldAs(`bank-${loanId}`), (items) => items.length > 0);
    expect(api).toMatchObject({ reason: 'overpayment', amount: 10_000, gatewayPaymentId: null });
    expect(await call('POST', `/v1/unapplied-cash/${api!.id}/refund`)).toMatchObject({ status: 422, body: { type: 'https://credence.dev/problems/not-refundable' } });
  });

  it('refuses bad filters, ids and bodies with 400 naming each field, and an unknown item with 404', async () => {
    expect(await call('GET', '/v1/unapplied-cash?status=lost&reason=whim&currency=inr&limit=0&cursor=abc')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'status' }, { field: 'reason' }, { field: 'currency' }, { field: 'cursor' }, { field: 'limit' }] },
    });
    expect(await call('GET', '/v1/unapplied-cash/not-a-uuid')).toMatchObject({ status: 400, body: { errors: [{ field: 'id' }] } });
    expect(await call('GET', `/v1/unapplied-cash/${randomUUID()}`)).toMatchObject({ status: 404, body: { type: 'https://credence.dev/problems/unapplied-cash-not-found' } });
    const bad = await call('POST', `/v1/unapplied-cash/${randomUUID()}/apply`, { loanId: 'nope', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['extra', 'loanId']);
    expect(await call('POST', `/v1/unapplied-cash/${randomUUID()}/refund`)).toMatchObject({ status: 404 });
  });

  it('lists by status, reason and currency, a page at a time', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer<UnappliedCashList> = await call<UnappliedCashList>('GET', `/v1/unapplied-cash?currency=INR&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.items.every((i) => i.currency === 'INR')).toBe(true);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(2);
    expect((await call<UnappliedCashList>('GET', '/v1/unapplied-cash?status=refunded&reason=overpayment&limit=100')).body.items.every((i) => i.status === 'refunded' && i.reason === 'overpayment')).toBe(true);
  });
});

describe('an apply and a refund racing for one item', () => {
  it('let exactly one of them move the money', async () => {
    const loanId = await activeLoan('approved');
    for (let round = 0; round < 3; round += 1) {
      const { paymentId } = await payThroughGateway(`LN-RACE-${round}`, 11_000);
      const [item] = await heldAs(paymentId);
      const [apply, refund] = await Promise.all([
        call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item!.id}/apply`, { loanId }),
        call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item!.id}/refund`),
      ]);
      expect([apply.status, refund.status].sort()).toEqual([200, 409]);
      const paid = (await payments(loanId)).filter((p) => p.externalId.startsWith(`unapplied-${item!.id}-`));
      const refunded = (await sandbox<{ data: unknown[] }>('GET', `/v1/refunds?payment=${paymentId}`)).data;
      expect(paid.length + refunded.length).toBe(1);
      expect((await call<UnappliedCashItem>('GET', `/v1/unapplied-cash/${item!.id}`)).body.status).toBe(apply.status === 200 ? 'applied' : 'refunded');
      expect(await itemLedger(item!.id)).toEqual({ collections_clearing: 0, unapplied_cash: 0 });
    }
    await ledgerIsBalanced();
  });
});

describe('a crash mid-way', () => {
  it('neither loses nor doubles the money: a request after a crash finishes the action the dead run claimed, paying the loan once', async () => {
    const { paymentId } = await payThroughGateway('LN-CRASH-1', 40_000);
    const [item] = await heldAs(paymentId);
    const loanId = await activeLoan('approved');
    // What a worker crash after the loan took the payment, before the item was marked applied, leaves behind.
    const externalId = applicationPaymentId(item!.id, 1);
    await t.orm.em.fork().execute(`update unapplied_cash set status = 'applying', attempt = 1, claim_token = 'dead-run', target_loan_id = ?, application_payment_id = ? where id = ?`, [loanId, externalId, item!.id]);
    await t.loans.recordPayment(loanId, { externalId, amount: 40_000, currency: 'INR', source: 'api' });
    expect(await call('POST', `/v1/unapplied-cash/${item!.id}/refund`)).toMatchObject({ status: 409, body: { detail: expect.stringContaining(`being applied to loan ${loanId}`) } });

    const finished = await call<UnappliedCashItem>('POST', `/v1/unapplied-cash/${item!.id}/apply`, { loanId });
    expect(finished).toMatchObject({ status: 200, body: { status: 'applied', attempt: 1 } });
    expect(await payments(loanId)).toEqual([expect.objectContaining({ externalId, amount: 40_000 })]);
    expect(await itemLedger(item!.id)).toEqual({ collections_clearing: 0, unapplied_cash: 0 });
    await ledgerIsBalanced();
  });
});
