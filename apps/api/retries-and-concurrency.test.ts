// Commands sent twice or all at once, through the API, as a busy collections day or a client
// retrying after a lost answer sends them. Fifty payments to one loan at once each end applied or
// clearly refused (never a 500, never unknown), every externalId posts once, each duplicate names
// the original it repeats, and the same reference with another amount is refused; what the
// answers say is what the loan and its ledger show. An acceptance sent again gets the loan as the
// first one left it, not a 409.
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

describe('commands sent again, or all at once', () => {
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
    const shown = await eventually(() => h.call<LoanDetail>('GET', `/v1/loans/${loanId}`), (a) => a.body.payments.length === 35);
    expect(shown.body.payments.reduce((sum, p) => sum + p.amount, 0)).toBe(paidIn);
    const appliedEvents = shown.body.events.filter((e) => e.type === 'payment.applied');
    // One event per payment: a discarded workflow task's events are overwritten, never left beside the real ones.
    expect(new Set(appliedEvents.map((e) => e.data.externalId)).size).toBe(35);
    expect(appliedEvents).toHaveLength(35);

    // The ledger posted each payment once.
    const [row] = await h.t.orm.em.fork().execute<{ n: string }[]>(`select count(distinct journal_key) as n from ledger_entries where loan_id = ? and journal_key like '%-payment-%'`, [loanId]);
    expect(Number(row?.n)).toBe(35);
  });

  it('an acceptance sent again answers with the loan it made, and pays out once', async () => {
    const decided = await h.call<DecisionResult>('POST', '/v1/applications?wait=decision', application('approved', { loan: { termMonths: 12 } }));
    const path = `/v1/loans/${decided.body.loanId}/offer/accept`;
    const [first, second] = await Promise.all([h.call<LoanState>('POST', path), h.call<LoanState>('POST', path)]);
    const third = await h.call<LoanState>('POST', path);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    expect([first.body.status, second.body.status, third.body.status]).toEqual(['active', 'active', 'active']);
    const other = await h.call('POST', path, { bankAccount: { accountNumber: '998877665544', routingCode: 'HDFC0001234', holderName: 'Priya Sharma' } });
    expect(other).toMatchObject({ status: 409, body: { detail: 'the offer was already accepted, with another bank account' } });
    const shown = await h.call<LoanDetail>('GET', `/v1/loans/${decided.body.loanId}`);
    expect(shown.body.events.filter((e) => e.type === 'disbursement.paid_out')).toHaveLength(1);
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
