// Arrangements on the time-skipping server, with the API's recovery around them (a policy
// activated through it, the episode's timeline read from it): plans kept and broken, a seasonal
// plan, a restructure, a settlement that ends the loan `settled`, a write-off, and refusals.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplyArrangementUseCase } from '../../apps/api/loans/apply-arrangement.usecase.js';
import { GetArrangementBasisUseCase } from '../../apps/api/loans/get-arrangement-basis.usecase.js';
import { Database } from '../../apps/api/database.js';
import { UnprocessableFieldsError } from '../../apps/api/errors.js';
import { startApiHarness, type ApiHarness } from '../../apps/testkit/api-harness.js';
import { application } from '../../apps/testkit/applications.js';
import { journals, ledgerBalances, loanEvents, loanPayments } from '../../apps/testkit/read-model.js';
import { caseDetail, loanIntoArrears, submitPolicy, untilCase } from '../../apps/testkit/recovery-cases.js';
import { terminateSettled } from '../../apps/testkit/terminate-settled.js';
import { type ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { addDays, addMonths, isoDateToEpochMs, parseIsoDate, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { evenPlan, seasonalPlan } from '../../domain/arrangement-schedule.js';
import type { ArrangementTerms } from '../../domain/arrangements.js';
import { loanWorkflowId } from '../../domain/loan-id.js';
import { applyArrangementUpdate } from './definitions.js';
import { WriteOffLoanUseCase } from '../../apps/api/loans/write-off.usecase.js';
import { LoanClosedError } from '../../apps/api/errors.js';
import { buildSchedule } from '../../domain/schedule.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ server: 'time-skipping' });
  // Waits only: the episodes contact nobody, and a broken promise chooses its own rule.
  await submitPolicy(
    h,
    `
name: arrangements
settings: { weeklyCaps: { sms: 3, voice: 4, email: 3, whatsapp: 3 }, fallback: { voice: [sms] }, promiseToleranceBps: 0, promiseMaxDays: 30 }
rules:
  - id: broken
    when: { events: [promise_broken] }
    path:
      - wait: { days: 30, until: [paid] }
  - id: main
    when: {}
    path:
      - wait: { days: 60, until: [paid] }
`,
  );
});
afterAll(async () => {
  await h?.close();
});

const today = async (): Promise<IsoDate> => toIsoDate(await h.t.env.currentTimeMs());
/** Moves workflow time to a few hours into `day`. */
const sleepUntil = async (day: IsoDate) => h.t.env.sleep(isoDateToEpochMs(day) + 3 * 3_600_000 - (await h.t.env.currentTimeMs()));
const owedOn = async (loanId: string, on: IsoDate) => (await h.t.loans.payoffQuote(loanId, on)).quote!;
const approval = { proposedBy: 'col-asha', approvedBy: 'ops-ben' };
const types = async (loanId: string) => (await loanEvents(h.t.orm, loanId)).map((e) => e.type);

async function pay(loanId: string, ref: string, amount: number, currency: string) {
  const result = await h.t.loans.recordPayment(loanId, { externalId: `${ref}-${loanId}`, amount, currency, source: 'api' });
  expect(result.duplicate).toBe(false);
  return result;
}

/** The ledger balances to the minor unit: every journal's debits equal its credits. */
async function expectBalancedLedger(loanId: string) {
  const sums = await h.t.orm.em
    .fork()
    .execute<{ kind: string; debit: string; credit: string }[]>(`select kind, sum(debit) as debit, sum(credit) as credit from ledger_entries where loan_id = ? group by journal_key, kind`, [loanId]);
  expect(sums.length).toBeGreaterThan(0);
  for (const j of sums) expect([j.kind, Number(j.debit)]).toEqual([j.kind, Number(j.credit)]);
}

describe('arrangements', () => {
  it('a plan on a loan in arrears, paid on its dates, completes and pays the loan off; the episode waits it out', async () => {
    const { loanId, workflowId, active } = await loanIntoArrears(h);
    await untilCase(h, workflowId, (c) => c.timeline.some((e) => e.kind === 'path_chosen'), 'the episode to start');
    const on = await today();
    const owed = await owedOn(loanId, on);
    const instalments = evenPlan(owed.total, 3, addDays(on, 10));
    const terms: ArrangementTerms = { kind: 'plan', instalments };
    const applied = await h.t.loans.applyArrangement(loanId, { arrangementId: `plan-${loanId}`, terms, ...approval });
    expect(applied.status).toBe('active');
    expect(applied.daysPastDue).toBe(0);
    expect(applied.arrangement).toMatchObject({ id: `plan-${loanId}`, kind: 'plan', status: 'active', owedMinor: owed.total, writeDownMinor: 0 });
    expect(applied.arrangement!.instalments.map((i) => [i.dueOn, i.amountMinor, i.paidMinor])).toEqual(instalments.map((i) => [i.dueOn, i.amountMinor, 0]));
    // The schedule is the due instalments cut down to what was paid (nothing) and the plan's.
    expect(applied.schedule!.filter((l) => l.amountDue > 0).map((l) => [l.dueDate, l.amountDue])).toEqual(instalments.map((i) => [i.dueOn, i.amountMinor]));
    // Applying it again (a retry) changes nothing.
    const again = await h.t.loans.applyArrangement(loanId, { arrangementId: `plan-${loanId}`, terms, ...approval });
    expect(again.arrangement?.id).toBe(`plan-${loanId}`);
    // Under another update ID too (another process); the same ID with other terms is refused.
    const other = await h.t.loans.handle(loanId).executeUpdate(applyArrangementUpdate, { args: [{ arrangementId: `plan-${loanId}`, terms, ...approval }], updateId: `other-${loanId}` });
    expect(other.arrangement?.id).toBe(`plan-${loanId}`);
    const clash = await h.t.loans.applyArrangement(loanId, { arrangementId: `plan-${loanId}`, terms: { kind: 'plan', instalments: evenPlan(owed.total, 2, addDays(on, 10)) }, ...approval }).catch((e: unknown) => e);
    expect(clash).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((clash as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0]).toEqual([expect.objectContaining({ field: 'arrangementId' })]);
    expect((await types(loanId)).filter((t) => t === 'arrangement.applied')).toHaveLength(1);
    // The read model shows the arrangement as the workflow does.
    const row = await h.t.orm.em.fork().execute<{ arrangement: unknown }[]>(`select arrangement from loans where loan_id = ?`, [loanId]);
    expect(row[0]?.arrangement).toMatchObject({ id: `plan-${loanId}`, kind: 'plan', status: 'active' });
    // The cure the plan brought leaves the episode open.
    expect((await caseDetail(h, workflowId)).endReason).toBeNull();

    for (const [k, i] of instalments.entries()) {
      await sleepUntil(i.dueOn);
      await pay(loanId, `plan-${k}`, i.amountMinor, active.currency);
    }
    expect(await h.t.loans.handle(loanId).result()).toEqual({ loanId, status: 'paid_off', closedReason: 'paid_in_full' });
    const events = await types(loanId);
    expect(events).toContain('arrangement.completed');
    expect(events).not.toContain('arrangement.broken');
    const paid = (await loanPayments(h.t.orm, loanId)).reduce((s, p) => s + Number(p.amount), 0);
    expect(paid).toBe(owed.total);
    const balances = await ledgerBalances(h.t.orm, loanId);
    expect(balances.loans_receivable).toBe(0);
    expect(balances.collections_clearing).toBe(owed.total);
    // Everything collected beyond the principal is the interest (and fees) owed when the plan was made.
    expect(-(balances.interest_income ?? 0)).toBe(owed.interest);
    await expectBalancedLedger(loanId);
    await untilCase(h, workflowId, (c) => c.endReason === 'paid_off', 'the episode to end paid off');
  });

  it('a plan left unpaid breaks past its grace, and recovery treats it as a broken promise', async () => {
    const { loanId, workflowId } = await loanIntoArrears(h);
    await untilCase(h, workflowId, (c) => c.timeline.some((e) => e.kind === 'path_chosen'), 'the episode to start');
    const on = await today();
    const owed = await owedOn(loanId, on);
    const instalments = evenPlan(owed.total, 2, addDays(on, 7));
    await h.t.loans.applyArrangement(loanId, { arrangementId: `broken-${loanId}`, terms: { kind: 'plan', instalments }, ...approval });
    await sleepUntil(addDays(instalments[0]!.dueOn, 3));
    const c = await untilCase(h, workflowId, (x) => x.timeline.some((e) => e.kind === 'path_chosen' && e.ruleId === 'broken'), 'the broken-promise rule', { ms: 60_000 });
    expect(c.timeline.find((e) => e.kind === 'arrangement_broken')?.data).toMatchObject({ arrangementId: `broken-${loanId}`, dueOn: instalments[0]!.dueOn, paidMinor: 0 });
    const state = await h.t.loans.state(loanId);
    expect(state.arrangement?.status).toBe('broken');
    expect(state.status).toBe('delinquent');
    const broken = (await loanEvents(h.t.orm, loanId)).find((e) => e.type === 'arrangement.broken');
    expect(broken?.data).toMatchObject({ seq: state.arrangement!.instalments[0]!.seq, amountMinor: instalments[0]!.amountMinor, paidMinor: 0 });
    await terminateSettled(h.t.env.client, workflowId);
    await terminateSettled(h.t.env.client, loanWorkflowId(loanId));
  });

  it('a seasonal plan falls only in the income months; a write-off then closes the loan charged off', async () => {
    const { loanId, workflowId } = await loanIntoArrears(h);
    const on = await today();
    const owed = await owedOn(loanId, on);
    const month = parseIsoDate(on).month;
    // Income in two months four and five months from now: instalments there, this year and next.
    const incomeMonths = [((month + 3) % 12) + 1, ((month + 4) % 12) + 1];
    const instalments = seasonalPlan(owed.total, 3, incomeMonths, on, 10);
    expect(instalments.map((i) => parseIsoDate(i.dueOn).month)).toEqual([incomeMonths[0], incomeMonths[1], incomeMonths[0]]);
    const applied = await h.t.loans.applyArrangement(loanId, { arrangementId: `seasonal-${loanId}`, terms: { kind: 'plan', instalments }, ...approval });
    expect(applied.arrangement!.instalments.map((i) => [i.dueOn, i.amountMinor])).toEqual(instalments.map((i) => [i.dueOn, i.amountMinor]));
    // A month later nothing is due: the loan stays current between the income months.
    await h.t.env.sleep('30 days');
    expect((await h.t.loans.state(loanId)).daysPastDue).toBe(0);

    // A write-off needs a second person: the same person twice is refused, field named.
    const writeOffs = new WriteOffLoanUseCase(h.t.loans, new Database(h.t.orm as never));
    const alone = await writeOffs.execute({ loanId, writeOff: { writeOffId: `wo-${loanId}`, reason: 'deceased', proposedBy: 'col-asha', approvedBy: 'col-asha' } }).catch((e: unknown) => e);
    expect((alone as UnprocessableFieldsError).errors.map((e) => e.field)).toEqual(['approvedBy']);
    const written = await writeOffs.execute({ loanId, writeOff: { writeOffId: `wo-${loanId}`, reason: 'deceased', ...approval } });
    expect(written).toMatchObject({ status: 'charged_off', closedReason: 'written_off' });
    // Retried after the workflow completed: answered from the read model; another write-off is a 409.
    expect(await writeOffs.execute({ loanId, writeOff: { writeOffId: `wo-${loanId}`, reason: 'deceased', ...approval } })).toMatchObject({ status: 'charged_off', closedReason: 'written_off' });
    expect(await writeOffs.execute({ loanId, writeOff: { writeOffId: `wo2-${loanId}`, reason: 'deceased', ...approval } }).catch((e: unknown) => e)).toBeInstanceOf(LoanClosedError);
    expect(await h.t.loans.handle(loanId).result()).toEqual({ loanId, status: 'charged_off', closedReason: 'written_off' });
    const balances = await ledgerBalances(h.t.orm, loanId);
    expect(balances.loans_receivable).toBe(0);
    expect(balances.credit_losses).toBe(owed.principal);
    expect((await journals(h.t.orm, loanId)).map((j) => j.kind)).toEqual(['disbursement', 'write_off']);
    await expectBalancedLedger(loanId);
    expect((await loanEvents(h.t.orm, loanId)).find((e) => e.type === 'loan.written_off')?.data).toMatchObject({ writeOffId: `wo-${loanId}`, principalWrittenOff: owed.principal, approvedBy: 'ops-ben' });
    await untilCase(h, workflowId, (c) => c.endReason === 'charged_off', 'the episode to end charged off');
  });

  it('a restructure re-amortises the principal after a holiday, longer and cheaper, exactly; bad terms are refused and leave nothing', async () => {
    const loanId = await h.t.startLoan(application('approved', { loan: { termMonths: 12 }, consents: { autopay: false } }));
    await h.t.loans.awaitDecision(loanId);
    const active = await h.t.loans.acceptOffer(loanId);
    const first = active.schedule![0]!;
    await sleepUntil(first.dueDate);
    await pay(loanId, 'first', first.amountDue, active.currency);
    await h.t.env.sleep('5 days');
    const on = await today();
    const owed = await owedOn(loanId, on);
    // What the bounds check reads: what is owed today and the schedule as it stands.
    const basis = await new GetArrangementBasisUseCase(h.t.loans, new Database(h.t.orm as never)).execute({ loanId, asOf: on });
    expect(basis).toMatchObject({ loanId, status: 'active', asOf: on, owed: { total: owed.total, principal: owed.principal }, arrangement: null });
    expect(basis.schedule.map((l) => l.amountDue)).toEqual(active.schedule!.map((l) => l.amountDue));
    const updatesInHistory = async () =>
      ((await h.t.loans.handle(loanId).fetchHistory()).events ?? []).filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED).length;
    const updatesBefore = await updatesInHistory();

    // Refused: a plan that does not add up, a date in the past, a rate raised; through the use case, 422 with the fields.
    const db = new Database(h.t.orm as never);
    const useCase = new ApplyArrangementUseCase(h.t.loans, db);
    const refused = await useCase
      .execute({ loanId, arrangement: { arrangementId: `bad-${loanId}`, terms: { kind: 'plan', instalments: [{ dueOn: addDays(on, -1), amountMinor: 1 }] }, ...approval } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnprocessableFieldsError);
    expect((refused as UnprocessableFieldsError).errors.map((e) => e.field)).toEqual(['terms.instalments[0].dueOn']);
    const short = await h.t.loans.applyArrangement(loanId, { arrangementId: `short-${loanId}`, terms: { kind: 'plan', instalments: [{ dueOn: addDays(on, 5), amountMinor: owed.total - 1 }] }, ...approval }).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(WorkflowUpdateFailedError);
    const raised = await useCase.execute({ loanId, arrangement: { arrangementId: `up-${loanId}`, terms: { kind: 'restructure', extraMonths: 1, holidayMonths: 0, aprBps: 9999 }, ...approval } }).catch((e: unknown) => e);
    expect((raised as UnprocessableFieldsError).errors.map((e) => e.field)).toEqual(['terms.aprBps']);
    // Refused by the validator: no update in the history, no event on the loan.
    expect(await updatesInHistory()).toBe(updatesBefore);
    expect((await types(loanId)).filter((t) => t.startsWith('arrangement.'))).toEqual([]);

    const aprBps = active.offer!.aprBps - 200;
    const restructured = await h.t.loans.applyArrangement(loanId, { arrangementId: `rs-${loanId}`, terms: { kind: 'restructure', extraMonths: 6, holidayMonths: 2, aprBps }, ...approval });
    // 11 instalments unpaid + 6 = 17, from the next due date two months on, the 5 days' accrued interest on the first.
    // The loan's due day: the latest day of the month its instalments fall on (short months clamp it).
    const dueDay = Math.max(...active.schedule!.map((l) => parseIsoDate(l.dueDate).day));
    const expected = buildSchedule({ principal: owed.principal, aprBps, termMonths: 17, firstDueDate: addMonths(active.schedule![1]!.dueDate, 2, dueDay), dueDay });
    const rows = restructured.arrangement!.instalments;
    expect(rows).toHaveLength(17);
    expect(rows.map((r) => [r.dueOn, r.amountMinor])).toEqual(expected.map((r, k) => [r.dueDate, r.total + (k === 0 ? owed.interest : 0)]));
    expect(restructured.outstandingPrincipal).toBe(owed.principal);
    expect(restructured.arrangement?.kind).toBe('restructure');
    await terminateSettled(h.t.env.client, loanWorkflowId(loanId));
  });

  it('a settlement paid in full ends the loan settled, the rest written down, the ledger balanced to the minor unit', async () => {
    const { loanId, workflowId, active } = await loanIntoArrears(h);
    const on = await today();
    const owed = await owedOn(loanId, on);
    const settlementTotal = Math.floor(owed.total * 0.6);
    const instalments = evenPlan(settlementTotal, 2, addDays(on, 5));
    const applied = await h.t.loans.applyArrangement(loanId, { arrangementId: `settle-${loanId}`, terms: { kind: 'settlement', instalments }, ...approval });
    expect(applied.arrangement).toMatchObject({ kind: 'settlement', writeDownMinor: owed.total - settlementTotal });
    expect(applied.outstandingTotal).toBe(settlementTotal);
    for (const [k, i] of instalments.entries()) {
      await sleepUntil(i.dueOn);
      await pay(loanId, `settle-${k}`, i.amountMinor, active.currency);
    }
    expect(await h.t.loans.handle(loanId).result()).toEqual({ loanId, status: 'settled', closedReason: 'settlement_paid' });
    // The settlement took the interest first, then principal: the principal it did not reach is the credit loss.
    const principalPaid = settlementTotal - owed.interest - owed.fees;
    const balances = await ledgerBalances(h.t.orm, loanId);
    expect(balances.loans_receivable).toBe(0);
    expect(balances.credit_losses).toBe(owed.principal - principalPaid);
    expect(balances.collections_clearing).toBe(settlementTotal);
    expect((await journals(h.t.orm, loanId)).map((j) => j.kind)).toEqual(['disbursement', 'repayment', 'repayment', 'settlement_write_down']);
    await expectBalancedLedger(loanId);
    expect((await loanEvents(h.t.orm, loanId)).find((e) => e.type === 'loan.settled')?.data).toMatchObject({ writtenDown: owed.total - settlementTotal, principalWrittenDown: owed.principal - principalPaid });
    await untilCase(h, workflowId, (c) => c.endReason === 'settled', 'the episode to end settled');
  });
});
