// The unapplied-cash store against a real PostgreSQL database: holding once, one fate per item
// under concurrent claims, and a ledger that balances through receipt, application and refund.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { applicationPaymentId, webhookOriginKey, type NewUnappliedCash } from '../../domain/unapplied-cash.js';
import { UnappliedCashRepository } from './unapplied-cash.repository.js';

const db = useTestOrm(8);

const repo = () => new UnappliedCashRepository(db.orm.em.fork());

function webhookPayment(amount = 9_999_999): NewUnappliedCash {
  const payment = `pay_${randomUUID().replaceAll('-', '')}`;
  return {
    originKey: webhookOriginKey(payment),
    amount,
    currency: 'INR',
    source: 'gateway_webhook',
    reason: 'unknown_loan',
    reasonDetail: null,
    paymentReference: payment,
    gatewayPaymentId: payment,
    loanReference: 'LN-00042',
    receivedAt: new Date().toISOString(),
  };
}

async function ledger(itemId: string): Promise<{ journal_key: string; account: string; debit: number; credit: number }[]> {
  const rows = await db.orm.em.fork().execute<{ journal_key: string; account: string; debit: string; credit: string }[]>(
    `select journal_key, account, debit, credit from ledger_entries where unapplied_cash_id = ? order by id`,
    [itemId],
  );
  return rows.map((r) => ({ ...r, debit: Number(r.debit), credit: Number(r.credit) }));
}

async function totals(): Promise<{ debit: number; credit: number }> {
  const [row] = await db.orm.em.fork().execute<{ debit: string; credit: string }[]>(`select coalesce(sum(debit), 0) as debit, coalesce(sum(credit), 0) as credit from ledger_entries`);
  return { debit: Number(row!.debit), credit: Number(row!.credit) };
}

describe('unapplied cash store', () => {
  it('holds a payment once however often it arrives, with one receipt into suspense', async () => {
    const payment = webhookPayment();
    const results = await Promise.all(Array.from({ length: 5 }, () => repo().hold(payment)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.item.id)).size).toBe(1);
    const item = results[0]!.item;
    expect(item).toMatchObject({ status: 'open', amount: 9_999_999, reason: 'unknown_loan', attempt: 0, loanReference: 'LN-00042' });
    expect(await ledger(item.id)).toEqual([
      { journal_key: `unapplied-cash-${item.id}-receipt`, account: 'collections_clearing', debit: 9_999_999, credit: 0 },
      { journal_key: `unapplied-cash-${item.id}-receipt`, account: 'unapplied_cash', debit: 0, credit: 9_999_999 },
    ]);
    expect((await repo().findHeldPayment(payment.paymentReference))?.id).toBe(item.id);
  });

  it('lets exactly one of an apply and a refund racing for an item claim it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { item } = await repo().hold(webhookPayment());
      const loanId = randomUUID();
      const [apply, refund] = await Promise.all([repo().claim(item.id, { kind: 'apply', loanId }, 'ops.a', 'run-a'), repo().claim(item.id, { kind: 'refund' }, 'ops.b', 'run-b')]);
      const winners = [apply, refund].filter((c) => c?.decision.kind === 'claim');
      expect(winners).toHaveLength(1);
      expect([apply, refund].find((c) => c?.decision.kind !== 'claim')?.decision).toMatchObject({ kind: 'refused', code: 'in_progress' });
    }
  });

  it('applies an item once: a second run takes over the same attempt, a stale run completes nothing', async () => {
    const { item } = await repo().hold(webhookPayment(50_000));
    const loanId = randomUUID();
    const first = await repo().claim(item.id, { kind: 'apply', loanId }, 'ops.asha', 'run-1');
    expect(first?.item).toMatchObject({ status: 'applying', attempt: 1, targetLoanId: loanId, requestedBy: 'ops.asha', applicationPaymentId: applicationPaymentId(item.id, 1) });
    const resumed = await repo().claim(item.id, { kind: 'apply', loanId }, null, 'run-2');
    expect(resumed).toMatchObject({ decision: { kind: 'claim', resume: true }, item: { attempt: 1, requestedBy: 'ops.asha' } });
    expect(await repo().completeApplication(item.id, 'run-1')).toMatchObject({ status: 'applying' });
    expect(await repo().completeApplication(item.id, 'run-2')).toMatchObject({ status: 'applied', resolvedAt: expect.any(String) });
    expect(await repo().completeApplication(item.id, 'run-2')).toMatchObject({ status: 'applied' });
    expect((await ledger(item.id)).filter((l) => l.journal_key.endsWith('-application'))).toEqual([
      { journal_key: `unapplied-cash-${item.id}-application`, account: 'unapplied_cash', debit: 50_000, credit: 0 },
      { journal_key: `unapplied-cash-${item.id}-application`, account: 'collections_clearing', debit: 0, credit: 50_000 },
    ]);
    expect((await repo().claim(item.id, { kind: 'refund' }, null, 'run-3'))?.decision).toMatchObject({ kind: 'refused', code: 'already_applied' });
    expect((await repo().claim(item.id, { kind: 'apply', loanId }, null, 'run-4'))?.decision).toEqual({ kind: 'done' });
  });

  it('opens a refused item again under a new attempt, and refunds it out of suspense', async () => {
    const { item } = await repo().hold(webhookPayment(70_000));
    await repo().claim(item.id, { kind: 'refund' }, 'ops.asha', 'run-1');
    expect(await repo().release(item.id, 'run-1', 'the gateway refused the refund: account_closed')).toMatchObject({ status: 'open', lastProblem: expect.stringContaining('account_closed'), refundIdempotencyKey: null });
    const again = await repo().claim(item.id, { kind: 'refund' }, 'ops.asha', 'run-2');
    expect(again?.item).toMatchObject({ status: 'refunding', attempt: 2, refundIdempotencyKey: `unapplied-cash-${item.id}-refund-2`, lastProblem: null });
    expect(await repo().completeRefund(item.id, 'run-2', 're_123')).toMatchObject({ status: 'refunded', refundId: 're_123' });
    expect((await ledger(item.id)).map((l) => [l.account, l.debit - l.credit])).toEqual([
      ['collections_clearing', 70_000],
      ['unapplied_cash', -70_000],
      ['unapplied_cash', 70_000],
      ['collections_clearing', -70_000],
    ]);
  });

  it('lets an overpayment by an application be refunded through the payment the money first came by', async () => {
    const { item: parent } = await repo().hold(webhookPayment(80_000));
    const loanId = randomUUID();
    await repo().claim(parent.id, { kind: 'apply', loanId }, null, 'run-1');
    const externalId = applicationPaymentId(parent.id, 1);
    await db.orm.em.fork().transactional(async (em) => {
      await new UnappliedCashRepository(em).holdFromLoan([
        { originKey: `loan:${loanId}:${externalId}:overpayment`, amount: 30_000, currency: 'INR', source: 'loan_workflow', reason: 'overpayment', reasonDetail: null, paymentReference: externalId, gatewayPaymentId: null, loanReference: loanId, receivedAt: new Date().toISOString() },
      ]);
    });
    const page = await repo().list({ reason: 'overpayment' }, null, 100);
    const child = page.items.find((i) => i.parentId === parent.id);
    expect(child).toMatchObject({ amount: 30_000, gatewayPaymentId: parent.gatewayPaymentId, loanReference: loanId });
    // Already in refunds_payable by the loan's repayment journal: no receipt of its own.
    expect(await ledger(child!.id)).toEqual([]);
  });

  it('lists newest first a page at a time, by status, reason and currency', async () => {
    for (const currency of ['USD', 'USD', 'USD']) await repo().hold({ ...webhookPayment(1_000), currency, reason: 'currency_mismatch' });
    const seen: string[] = [];
    let after = null;
    do {
      const page: Awaited<ReturnType<UnappliedCashRepository['list']>> = await repo().list({ currency: 'USD' }, after, 2);
      expect(page.items.every((i) => i.currency === 'USD' && i.reason === 'currency_mismatch')).toBe(true);
      seen.push(...page.items.map((i) => i.createdAt));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(3);
    expect(seen).toEqual([...seen].sort().reverse());
    expect((await repo().list({ status: 'refunded' }, null, 100)).items.every((i) => i.status === 'refunded')).toBe(true);
  });

  it('keeps the whole ledger balanced', async () => {
    const { debit, credit } = await totals();
    expect(debit).toBe(credit);
    expect(debit).toBeGreaterThan(0);
  });
});
