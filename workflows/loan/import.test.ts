import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { importRow, startImported } from '../../apps/testkit/imported-loans.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../apps/testkit/loan-env.js';
import { eventually, journals, ledgerBalances, loanEvents, loanPayments, loanRow, reservation } from '../../apps/testkit/read-model.js';
import { addDays, compareIsoDates, daysBetween, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { openImportedAccount } from '../../domain/imported-history.js';
import { applyPayment, assessLateFee } from '../../domain/servicing.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { loanWorkflowId } from '../../domain/loan-id.js';

let t: LoanTestEnv;
let today: IsoDate;
beforeAll(async () => {
  t = await createLoanTestEnv();
  today = toIsoDate(await t.env.currentTimeMs());
});
afterAll(async () => {
  await t?.teardown();
});

const settled = (loanId: string) => eventually(() => loanRow(t.orm, loanId), (row) => row?.status === 'active' || row?.status === 'delinquent' || row?.status === 'paid_off');

describe('an imported loan starts in servicing with its history', () => {
  it('40 days past due: delinquent in 31-60 at once, through the recovery seam, owing what the schedule and the late fees say', async () => {
    const row = importRow(today, 70, { firstDueDate: addDays(today, -40) });
    const loanId = await startImported(t, row);
    await settled(loanId);
    const state = await t.loans.state(loanId);
    expect(state).toMatchObject({ status: 'delinquent', bucket: '31-60', daysPastDue: 40, decision: null, offer: null, principal: 10_000_000 });

    // Nothing was paid: all the principal is owed, with every instalment's interest and a late fee
    // for each instalment five days past due by today.
    const account = openImportedAccount({ disbursedOn: addDays(today, -70), firstDueDate: addDays(today, -40), principal: 10_000_000, aprBps: 1899, termMonths: 12 }, 'INR');
    const lateFees = account.installments.filter((i) => compareIsoDates(addDays(i.dueDate, t.product.lateFeeAfterDays), today) <= 0).length;
    const interest = account.installments.reduce((s, i) => s + i.interest, 0);
    expect(state.outstandingPrincipal).toBe(10_000_000);
    expect(state.outstandingTotal).toBe(10_000_000 + interest + lateFees * t.product.lateFee.INR!);
    expect(state.schedule!.filter((l) => l.status === 'past_due').length).toBe(lateFees);

    const events = await eventually(() => loanEvents(t.orm, loanId), (e) => e.some((x) => x.type.startsWith('recovery.')));
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('loan.imported');
    expect(types).not.toContain('application.submitted');
    expect(types).not.toContain('disbursement.paid_out');
    expect(events.filter((e) => e.type === 'delinquency.bucket_changed').map((e) => e.data)).toEqual([{ from: 'current', to: '31-60', dpd: 40, on: today }]);
    expect(types.some((x) => x === 'recovery.segmented' || x === 'recovery.segmentation_failed')).toBe(true);
    expect(events.filter((e) => e.type === 'status.changed').map((e) => e.data.to)).toEqual(['active', 'delinquent']);

    // No payout, no capital: the receivable is taken over against loan_migration.
    expect(await reservation(t.orm, loanId)).toBeUndefined();
    expect((await journals(t.orm, loanId)).map((j) => j.kind)).toEqual(['import']);
    expect(await ledgerBalances(t.orm, loanId)).toEqual({ loan_migration: -10_000_000, loans_receivable: 10_000_000 });
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });

  it('paid on every due date so far: current, no late fee, the payments on the loan as imported', async () => {
    const disbursedOn = addDays(today, -100);
    const account = openImportedAccount({ disbursedOn, principal: 10_000_000, aprBps: 1899, termMonths: 12 }, 'INR');
    const due = account.installments.filter((i) => compareIsoDates(i.dueDate, today) <= 0);
    const payments = due.map((i) => ({ date: i.dueDate, amount: i.principal + i.interest, reference: `UTR-${i.seq}` }));
    const loanId = await startImported(t, importRow(today, 100, { payments }));
    await settled(loanId);
    const state = await t.loans.state(loanId);
    expect(state).toMatchObject({ status: 'active', bucket: 'current', daysPastDue: 0 });
    const repaid = due.reduce((s, i) => s + i.principal, 0);
    expect(state.outstandingPrincipal).toBe(10_000_000 - repaid);

    const events = await loanEvents(t.orm, loanId);
    expect(events.filter((e) => e.type === 'late_fee.assessed')).toEqual([]);
    expect(events.filter((e) => e.type === 'delinquency.bucket_changed')).toEqual([]);
    const stored = await eventually(() => loanPayments(t.orm, loanId), (p) => p.length === payments.length);
    expect(stored.map((p) => [p.external_id, Number(p.amount), p.source])).toEqual(payments.map((p) => [p.reference, p.amount, 'import']));
    const balances = await ledgerBalances(t.orm, loanId);
    expect(balances.loans_receivable).toBe(10_000_000 - repaid);
    expect(Object.values(balances).reduce((s, b) => s + b, 0)).toBe(0);

    // The lender's payment reference reported again through the API is the duplicate it is.
    const again = await t.loans.recordPayment(loanId, { externalId: 'UTR-1', amount: payments[0]!.amount, currency: 'INR', source: 'api' });
    expect(again).toMatchObject({ duplicate: true, original: { source: 'import', receivedOn: payments[0]!.date } });
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });

  it('a late, partial payment is allocated as servicing allocates one: the late fee, then interest, then principal', async () => {
    const disbursedOn = addDays(today, -50);
    const opened = openImportedAccount({ disbursedOn, principal: 10_000_000, aprBps: 1899, termMonths: 12 }, 'INR');
    const first = opened.installments[0]!;
    const paidOn = addDays(first.dueDate, 8);
    const amount = 500_000;
    const loanId = await startImported(t, importRow(today, 50, { payments: [{ date: paidOn, amount, reference: 'UTR-late' }] }));
    await settled(loanId);

    // By hand, as servicing lives it: the fee on the fifth day, then the payment three days later.
    const fee = t.product.lateFee.INR!;
    const expected = applyPayment(assessLateFee(opened, 1, fee), amount, paidOn);
    const [payment] = await eventually(() => loanPayments(t.orm, loanId), (p) => p.length === 1);
    expect(payment?.allocation).toMatchObject({ fees: fee, interest: first.interest, principal: amount - fee - first.interest, toCredit: 0 });
    expect(payment?.allocation).toMatchObject({ fees: expected.allocation.fees, interest: expected.allocation.interest, principal: expected.allocation.principal });
    const events = await loanEvents(t.orm, loanId);
    expect(events.find((e) => e.type === 'late_fee.assessed')?.data).toMatchObject({ seq: 1, fee, on: addDays(first.dueDate, t.product.lateFeeAfterDays) });
    const state = await t.loans.state(loanId);
    // What is left of the first instalment keeps it past due from its due date.
    expect(state).toMatchObject({ status: 'delinquent', daysPastDue: daysBetween(first.dueDate, today) });
    await terminateSettled(t.env.client, loanWorkflowId(loanId));
  });
});
