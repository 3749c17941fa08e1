// Fifty payments to one loan at once, through the API, as a busy collections day or a retrying
// client sends them: each ends applied or clearly refused (never a 500, never unknown), every
// externalId posts once, each duplicate names the original it repeats, and the same reference
// with another amount is refused. What the answers say is what the loan and its ledger show.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DecisionResult, PaymentResult } from '../../workflows/loan/definitions.js';
import { application } from '../testkit/applications.js';
import { startApiHarness, type Answer, type ApiHarness } from '../testkit/api-harness.js';
import { eventually } from '../testkit/read-model.js';
import type { Problem } from './http/problem.js';
import type { LoanDetail, LoanState } from './loans/loan-view.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

async function activeLoan(): Promise<string> {
  const decided = await h.call<DecisionResult>('POST', '/v1/applications?wait=decision', application('approved', { loan: { termMonths: 12 } }));
  expect(decided.body.status).toBe('offered');
  const accepted = await h.call<LoanState>('POST', `/v1/loans/${decided.body.loanId}/offer/accept`);
  expect(accepted.body.status).toBe('active');
  return decided.body.loanId;
}

describe('concurrent payments on one loan', () => {
  it('each ends applied, a duplicate naming its original, or refused', async () => {
    const loanId = await activeLoan();
    // 35 distinct references; 15 of them sent twice; one of the repeats with another amount.
    const requests = Array.from({ length: 50 }, (_, i) => ({ externalId: `utr-${i % 35}`, amount: i === 49 ? 2_000 : 1_000, currency: 'INR' }));
    const answers = await Promise.all(requests.map((body) => h.call<PaymentResult | Problem>('POST', `/v1/loans/${loanId}/payments`, body)));

    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 422)).toEqual([]);
    const applied = answers.filter((a): a is Answer<PaymentResult> => a.status === 200 && !(a.body as PaymentResult).duplicate);
    const duplicates = answers.filter((a): a is Answer<PaymentResult> => a.status === 200 && (a.body as PaymentResult).duplicate);
    const refused = answers.filter((a) => a.status === 422);

    expect(new Set(applied.map((a) => a.body.externalId)).size).toBe(35);
    expect(applied).toHaveLength(35);
    for (const duplicate of duplicates) {
      const original = applied.find((a) => a.body.externalId === duplicate.body.externalId)!;
      expect(duplicate.body.original).toMatchObject({ amount: 1_000, currency: 'INR', source: 'api', requestId: original.headers.get('x-request-id') });
      expect(duplicate.body.allocation).toMatchObject({ principal: 0, interest: 0, toCredit: 0 });
    }
    // utr-14 with 2,000 is either refused (the 1,000 came first) or applied, and then the 1,000 is refused.
    expect(refused).toHaveLength(1);
    expect(refused[0]!.body).toMatchObject({ type: 'https://credence.dev/problems/unprocessable', errors: [{ field: 'externalId' }] });
    expect(duplicates.length + refused.length).toBe(15);

    const paidIn = applied.reduce((sum, a) => sum + amountOf(a), 0);
    console.log(JSON.stringify(applied.filter((a) => amountOf(a) !== 1000).map((a) => a.body)), JSON.stringify(refused.map((r) => r.body)));
    const shown = await eventually(() => h.call<LoanDetail>('GET', `/v1/loans/${loanId}`), (a) => a.body.payments.length === 35);
    console.log(JSON.stringify(shown.body.payments.filter((p) => p.amount !== 1000)), JSON.stringify(shown.body.events.filter((e) => JSON.stringify(e.data).includes("utr-14"))));
    const dbPayments = await h.t.orm.em.fork().execute<{ external_id: string; amount: string }[]>(`select external_id, amount from payments where loan_id = ?`, [loanId]);
    const dbEvents = await h.t.orm.em.fork().execute<{ seq: number; type: string; data: { externalId?: string } }[]>(`select seq, type, data from loan_events where loan_id = ? order by seq`, [loanId]);
    const hist = await h.t.loans.handle(loanId).fetchHistory();
    console.log('DBG', dbPayments.length, shown.body.payments.length, JSON.stringify(shown.body.payments.map((p) => [p.externalId, p.amount])), dbEvents.filter((e) => e.type === 'payment.applied').length, JSON.stringify(dbEvents.map((e) => `${e.seq}:${e.type}:${e.data.externalId ?? ''}`)), (hist.events ?? []).map((e) => e.eventType).join(','));
    expect(shown.body.payments.reduce((sum, p) => sum + p.amount, 0)).toBe(paidIn);
    expect(shown.body.events.filter((e) => e.type === 'payment.applied')).toHaveLength(35);

    // The ledger posted each payment once.
    const [row] = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(distinct journal_key) as n from ledger_entries where loan_id = ? and journal_key like '%-payment-%'`, [loanId]);
    expect(Number(row?.n)).toBe(35);
  });

  it('a retried request (same Idempotency-Key) gets the first answer again, word for word', async () => {
    const loanId = await activeLoan();
    const body = { externalId: 'utr-retry', amount: 5_000, currency: 'INR' };
    const headers = { 'Idempotency-Key': 'pay-utr-retry-1' };
    const [first, second] = await Promise.all([h.call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, body, headers), h.call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, body, headers)]);
    expect(first.body).toEqual(second.body);
    expect(first.body.duplicate).toBe(false);
    const later = await h.call<PaymentResult>('POST', `/v1/loans/${loanId}/payments`, body);
    expect(later.body).toMatchObject({ duplicate: true, original: { amount: 5_000, requestId: 'pay-utr-retry-1' } });
  });
});

/** What an applied payment put on the loan, from its own allocation. */
function amountOf(answer: Answer<PaymentResult>): number {
  const { fees, interest, principal, toCredit, overpayment } = answer.body.allocation;
  return fees + interest + principal + toCredit + overpayment;
}
