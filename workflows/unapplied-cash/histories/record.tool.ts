// `npm run histories:record`: runs each unapplied-cash scenario on the time-skipping server and
// writes its history to this folder, for replay.test.ts to hold later changes of the workflow
// code to. Re-record only for a deliberate, patched change, and keep the old files.
import { afterAll, beforeAll, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { GATEWAY_TEST_ACCOUNTS } from '../../../apps/sandboxes/gateway/test-accounts.js';
import { SANDBOX_CREDENTIALS } from '../../../apps/shared/config.js';
import { UnappliedCashClient } from '../../../apps/shared/temporal/unapplied-cash-client.js';
import { application } from '../../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../../apps/testkit/loan-env.js';
import { UnappliedCashRepository } from '../../../db/repositories/unapplied-cash.repository.js';
import { unappliedCashWorkflowId, webhookOriginKey, type UnappliedCashItem } from '../../../domain/unapplied-cash.js';
import { FIXTURE_KEYRING } from '../../loan/histories/fixture-keyring.js';
import { historyJson } from './history-files.js';

let t: LoanTestEnv;
let items: UnappliedCashClient;
beforeAll(async () => {
  t = await createLoanTestEnv({ keyring: FIXTURE_KEYRING });
  items = new UnappliedCashClient(t.env.client, t.config.temporal.taskQueue);
});
afterAll(async () => {
  await t?.teardown();
});

async function gateway<T>(path: string, body: unknown, key?: string): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${SANDBOX_CREDENTIALS.gatewaySecretKey}`, 'content-type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) };
  return (await (await fetch(`${t.sandboxes.gateway.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as T;
}

/** Money the gateway took in (an incoming payment, or a collection from `account`), held as if its webhook named no loan. */
async function held(amount: number, account?: string): Promise<UnappliedCashItem> {
  const payment = account
    ? await gateway<{ id: string }>('/v1/collections', { amount, currency: 'INR', reference: 'LN-REC', source: { accountNumber: account, routingCode: 'HDFC0001234', holderName: 'Test Borrower' } }, randomUUID())
    : await gateway<{ id: string }>('/_sandbox/incoming-payments', { amount, currency: 'INR', reference: 'LN-REC', channel: 'upi' });
  const { item } = await new UnappliedCashRepository(t.orm.em.fork()).hold({
    originKey: webhookOriginKey(payment.id),
    amount,
    currency: 'INR',
    source: 'gateway_webhook',
    reason: 'unknown_loan',
    reasonDetail: null,
    paymentReference: payment.id,
    gatewayPaymentId: payment.id,
    loanReference: 'LN-REC',
    receivedAt: new Date().toISOString(),
  });
  return item;
}

/** Recordings are kept (the replay test holds later code to them): one is written only when missing, or named in RECORD. */
async function save(name: string, itemId: string): Promise<void> {
  const file = new URL(`./${name}.run1.json`, import.meta.url);
  if (existsSync(file) && !process.env.RECORD?.split(',').includes(name)) return;
  const raw = new Client({ connection: t.env.connection, namespace: t.env.namespace ?? 'default' });
  // The last run of the item's workflow: each scenario below is one run.
  const history = await raw.workflow.getHandle(unappliedCashWorkflowId(itemId)).fetchHistory();
  writeFileSync(file, historyJson(history));
}

it('records the unapplied-cash scenarios', async () => {
  const loanId = await t.startLoan(application('approved'));
  await t.loans.awaitDecision(loanId);
  await t.loans.acceptOffer(loanId);

  const applied = await held(150_000);
  await items.act({ itemId: applied.id, action: { kind: 'apply', loanId }, requestedBy: 'ops.recorder' });
  await save('applied-to-a-loan', applied.id);
  await items.act({ itemId: applied.id, action: { kind: 'refund' }, requestedBy: 'ops.recorder' });
  await save('refund-refused-already-applied', applied.id);

  const refunded = await held(90_000);
  await items.act({ itemId: refunded.id, action: { kind: 'refund' }, requestedBy: 'ops.recorder' });
  await save('refunded', refunded.id);

  const declined = await held(60_000, GATEWAY_TEST_ACCOUNTS.closedBeforeRefund.accountNumber);
  await items.act({ itemId: declined.id, action: { kind: 'refund' }, requestedBy: 'ops.recorder' });
  await save('refund-declined-by-the-bank', declined.id);

  const declinedLoan = await t.startLoan(application('declined'));
  await t.loans.handle(declinedLoan).result();
  const toClosed = await held(30_000);
  await items.act({ itemId: toClosed.id, action: { kind: 'apply', loanId: declinedLoan }, requestedBy: 'ops.recorder' });
  await save('apply-refused-by-a-closed-loan', toClosed.id);
});
