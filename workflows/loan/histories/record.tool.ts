// `npm run histories:record`: runs each lifecycle scenario on the time-skipping server and writes
// its history (every run of it, when it continued as new) to this folder. The replay test holds
// every later change of the workflow code to these, so recordings are kept: a scenario whose
// files exist is not run again. Add a scenario for each new path; to re-record one deliberately,
// delete its files (or name it: RECORD=declined-at-kyc npm run histories:record).
// `delinquent-recovery-cured` (a loan whose recovery episode a payment cures) is recorded with its
// episode by workflows/recovery/histories/record.tool.ts, which drives both through the API.
import { afterAll, beforeAll, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { existsSync } from 'node:fs';
import { GATEWAY_TEST_ACCOUNTS } from '../../../apps/sandboxes/gateway/test-accounts.js';
import { application } from '../../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../../apps/testkit/loan-env.js';
import { addDays, isoDateToEpochMs, toIsoDate, type IsoDate } from '../../../domain/calendar.js';
import { evenPlan } from '../../../domain/arrangement-schedule.js';
import { importRow, startImported } from '../../../apps/testkit/imported-loans.js';
import { loanWorkflowId } from '../../../domain/loan-id.js';
import { FIXTURE_KEYRING } from './fixture-keyring.js';
import { fetchRuns, writeRuns } from './history-files.js';

let t: LoanTestEnv;
beforeAll(async () => {
  t = await createLoanTestEnv({ keyring: FIXTURE_KEYRING, historyLimit: 1000 });
});
afterAll(async () => {
  await t?.teardown();
});

const account = (accountNumber: string) => ({ accountNumber, routingCode: 'HDFC0001234', holderName: 'Test Borrower' });

async function save(name: string, loanId: string): Promise<void> {
  await t.loans.handle(loanId).result();
  const raw = new Client({ connection: t.env.connection, namespace: t.env.namespace ?? 'default' });
  writeRuns(new URL('.', import.meta.url), name, await fetchRuns(raw, loanWorkflowId(loanId)));
}

/** A loan without autopay, a day past its first due date: a recovery episode has started. */
async function loanInArrears(): Promise<{ loanId: string; currency: string; today: IsoDate }> {
  const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
  await t.loans.awaitDecision(loanId);
  const active = await t.loans.acceptOffer(loanId);
  await sleepUntil(addDays(active.schedule![0]!.dueDate, 1));
  return { loanId, currency: active.currency, today: toIsoDate(await t.env.currentTimeMs()) };
}

async function sleepUntil(day: IsoDate): Promise<void> {
  await t.env.sleep(isoDateToEpochMs(day) + 3 * 3_600_000 - (await t.env.currentTimeMs()));
}

const approval = { proposedBy: 'col-record', approvedBy: 'ops-record' };

/** Owed today, spread over `count` monthly instalments from `days` days on. */
async function planFor(loanId: string, today: IsoDate, count: number, days: number, share = 1) {
  const { quote } = await t.loans.payoffQuote(loanId, today);
  return evenPlan(Math.floor(quote!.total * share), count, addDays(today, days));
}

/** Each scenario starts its loans and saves them; it runs only when its recording is missing. */
const SCENARIOS: Record<string, () => Promise<void>> = {
  'paid-off-by-autopay': async () => {
    const paid = await t.startLoan(application('approved', { loan: { termMonths: 12 } }));
    await t.loans.awaitDecision(paid);
    await t.loans.acceptOffer(paid);
    await save('paid-off-by-autopay', paid);
  },
  'charged-off-with-continue-as-new': async () => {
    const chargedOff = await t.startLoan(application('newToCredit', { loan: { termMonths: 6 }, bankAccount: account(GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber) }));
    await t.loans.awaitDecision(chargedOff);
    await t.loans.acceptOffer(chargedOff);
    await save('charged-off-with-continue-as-new', chargedOff);
  },
  'late-then-paid-off-early': async () => {
    const early = await t.startLoan(application('reducedOffer', { loan: { termMonths: 12 }, consents: { autopay: false } }));
    const offer = (await t.loans.awaitDecision(early)).offer!;
    await t.loans.acceptOffer(early);
    await t.loans.recordPayment(early, { externalId: 'utr-1', amount: 100_000, currency: offer.currency, source: 'api' });
    await t.loans.notifyPayment(early, { externalId: 'utr-1', amount: 100_000, currency: offer.currency, source: 'webhook' });
    await t.env.sleep('45 days');
    const { quote } = await t.loans.payoffQuote(early, toIsoDate(await t.env.currentTimeMs()));
    await t.loans.recordPayment(early, { externalId: 'utr-payoff', amount: quote!.total, currency: offer.currency, source: 'api' });
    await save('late-then-paid-off-early', early);
  },
  declined: async () => {
    const declined = await t.startLoan(application('declined'));
    await save('declined', declined);
  },
  'review-timed-out': async () => {
    const timedOut = await t.startLoan(application('review'));
    await save('review-timed-out', timedOut);
  },
  'reviewed-then-offer-declined': async () => {
    const reviewed = await t.startLoan(application('bureauOutage'));
    await t.loans.awaitDecision(reviewed);
    await t.loans.review(reviewed, { reviewer: 'u-risk-1', outcome: 'approve', principal: 1_500_000 });
    await t.loans.declineOffer(reviewed);
    await save('reviewed-then-offer-declined', reviewed);
  },
  'payout-failed-compensated': async () => {
    const failedPayout = await t.startLoan(application('approved', { bankAccount: account(GATEWAY_TEST_ACCOUNTS.accountClosed.accountNumber) }));
    await t.loans.awaitDecision(failedPayout);
    await t.loans.acceptOffer(failedPayout);
    await save('payout-failed-compensated', failedPayout);
  },
  withdrawn: async () => {
    const withdrawn = await t.startLoan(application('approved'));
    await t.loans.awaitDecision(withdrawn);
    await t.loans.withdraw(withdrawn);
    await save('withdrawn', withdrawn);
  },
  // Declined at the KYC fast path while the first projection is still being written: the shape
  // that failed replay when local activities overlapped (serial-local-activities).
  'declined-at-kyc': async () => {
    const underage = await t.startLoan(application('underage'));
    await t.loans.awaitDecision(underage);
    await save('declined-at-kyc', underage);
  },
  // A payment signal that is no payment (amount 0) recorded as rejected, then ordinary payments,
  // duplicates naming their original, and autopay to the end.
  'malformed-signal-then-paid': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 } }));
    await t.loans.awaitDecision(loanId);
    await t.loans.acceptOffer(loanId);
    await t.loans.notifyPayment(loanId, { externalId: 'utr-zero', amount: 0, currency: 'INR', source: 'webhook' });
    await t.loans.recordPayment(loanId, { externalId: 'utr-a', amount: 10_000, currency: 'INR', source: 'api', requestId: 'req-a' });
    await t.loans.recordPayment(loanId, { externalId: 'utr-a', amount: 10_000, currency: 'INR', source: 'api', requestId: 'req-a-again' });
    await t.loans.notifyPayment(loanId, { externalId: 'utr-b', amount: 5_000, currency: 'INR', source: 'webhook' });
    await save('malformed-signal-then-paid', loanId);
  },
  // A payout refused after the money was committed as one recorded activity: the unwind runs
  // locally from what the history already holds (money-writes-as-activities).
  'payout-failed-after-commit': async () => {
    const loanId = await t.startLoan(application('approved', { bankAccount: account(GATEWAY_TEST_ACCOUNTS.accountClosed.accountNumber) }));
    await t.loans.awaitDecision(loanId);
    await t.loans.acceptOffer(loanId);
    await save('payout-failed-after-commit', loanId);
  },
  // Signals whose shape earlier code queued (an unsupported currency, an unknown source) are
  // recorded as rejected under payment-signal-shapes; the loan is then paid off as usual.
  'malformed-shapes-rejected': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 } }));
    await t.loans.awaitDecision(loanId);
    await t.loans.acceptOffer(loanId);
    await t.loans.notifyPayment(loanId, { externalId: 'utr-lower', amount: 5_000, currency: 'inr', source: 'webhook' } as never);
    await t.loans.notifyPayment(loanId, { externalId: 'utr-source', amount: 5_000, currency: 'INR', source: 'cheque' } as never);
    await t.loans.notifyPayment(loanId, { externalId: 'utr-c', amount: 5_000, currency: 'INR', source: 'webhook' });
    await save('malformed-shapes-rejected', loanId);
  },
  // Continue-as-new under payments-before-continue-as-new (a queued payment wakes the wait).
  'continued-as-new-then-charged-off': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, bankAccount: account(GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber) }));
    await t.loans.awaitDecision(loanId);
    await t.loans.acceptOffer(loanId);
    await save('continued-as-new-then-charged-off', loanId);
  },
  // Servicing's model paths on the current code: limit reviews on due dates, recovery segments at
  // each delinquent bucket, money posted as activities, to the charge-off.
  'segmented-then-charged-off': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, bankAccount: account(GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber) }));
    await t.loans.awaitDecision(loanId);
    await t.loans.acceptOffer(loanId);
    await save('segmented-then-charged-off', loanId);
  },
  // A loan imported from another system 40 days past due: no origination or payout, its history
  // applied, delinquent in 31-60 at once and segmented for recovery, then left unpaid to the charge-off.
  'imported-delinquent': async () => {
    const today = toIsoDate(await t.env.currentTimeMs());
    const row = importRow(today, 100, {
      lenderReference: 'LN-HISTORY-1',
      termMonths: 6,
      firstDueDate: addDays(today, -70),
      payments: [{ date: addDays(today, -68), amount: 1_000_000, reference: 'UTR-HISTORY-1' }],
    });
    const loanId = await startImported(t, row);
    await save('imported-delinquent', loanId);
  },
  // loan-arrangements: a plan on a loan in arrears (the episode kept open by arrangements-keep-episode),
  // paid on its dates: completed, paid off.
  'plan-kept': async () => {
    const { loanId, currency, today } = await loanInArrears();
    const instalments = await planFor(loanId, today, 3, 10);
    await t.loans.applyArrangement(loanId, { arrangementId: 'plan-kept', terms: { kind: 'plan', instalments }, ...approval });
    for (const [k, i] of instalments.entries()) {
      await sleepUntil(i.dueOn);
      await t.loans.recordPayment(loanId, { externalId: `plan-${k}`, amount: i.amountMinor, currency, source: 'api' });
    }
    await save('plan-kept', loanId);
  },
  // A plan left unpaid: broken past its grace, the episode told; then written off (maker and checker).
  'plan-broken-then-written-off': async () => {
    const { loanId, today } = await loanInArrears();
    const instalments = await planFor(loanId, today, 2, 7);
    await t.loans.applyArrangement(loanId, { arrangementId: 'plan-broken', terms: { kind: 'plan', instalments }, ...approval });
    await sleepUntil(addDays(instalments[0]!.dueOn, 5));
    await t.loans.writeOff(loanId, { writeOffId: 'wo-broken', reason: 'plan broken, borrower unreachable', ...approval });
    await save('plan-broken-then-written-off', loanId);
  },
  // A current loan restructured (a two-month holiday, six months longer, two points cheaper), then paid off early.
  'restructured-then-paid-off': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 12 }, consents: { autopay: false } }));
    const offer = (await t.loans.awaitDecision(loanId)).offer!;
    const active = await t.loans.acceptOffer(loanId);
    await sleepUntil(addDays(active.schedule![0]!.dueDate, -3));
    await t.loans.applyArrangement(loanId, { arrangementId: 'restructure', terms: { kind: 'restructure', holidayMonths: 2, extraMonths: 6, aprBps: offer.aprBps - 200 }, ...approval });
    // Within the holiday: nothing falls due, and the payoff waives the interest not yet accrued.
    await t.env.sleep('40 days');
    const { quote } = await t.loans.payoffQuote(loanId, toIsoDate(await t.env.currentTimeMs()));
    await t.loans.recordPayment(loanId, { externalId: 'restructured-payoff', amount: quote!.total, currency: offer.currency, source: 'api' });
    await save('restructured-then-paid-off', loanId);
  },
  // A current loan restructured without a holiday (six months longer) mid-period (restructure-interest-once), then paid off early.
  'restructured-without-holiday': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 12 }, consents: { autopay: false } }));
    const offer = (await t.loans.awaitDecision(loanId)).offer!;
    const active = await t.loans.acceptOffer(loanId);
    await sleepUntil(addDays(active.schedule![0]!.dueDate, -10));
    await t.loans.applyArrangement(loanId, { arrangementId: 'restructure-no-holiday', terms: { kind: 'restructure', holidayMonths: 0, extraMonths: 6 }, ...approval });
    await t.env.sleep('40 days');
    const { quote } = await t.loans.payoffQuote(loanId, toIsoDate(await t.env.currentTimeMs()));
    await t.loans.recordPayment(loanId, { externalId: 'restructured-no-holiday-payoff', amount: quote!.total, currency: offer.currency, source: 'api' });
    await save('restructured-without-holiday', loanId);
  },
  // A settlement of 60% of what is owed in two instalments, paid: settled, the rest written down.
  settled: async () => {
    const { loanId, currency, today } = await loanInArrears();
    const instalments = await planFor(loanId, today, 2, 5, 0.6);
    await t.loans.applyArrangement(loanId, { arrangementId: 'settlement', terms: { kind: 'settlement', instalments }, ...approval });
    for (const [k, i] of instalments.entries()) {
      await sleepUntil(i.dueOn);
      await t.loans.recordPayment(loanId, { externalId: `settlement-${k}`, amount: i.amountMinor, currency, source: 'api' });
    }
    await save('settled', loanId);
  },
  // A current loan written off at once (maker and checker).
  'written-off': async () => {
    const loanId = await t.startLoan(application('approved', { loan: { termMonths: 6 }, consents: { autopay: false } }));
    await t.loans.awaitDecision(loanId);
    await t.loans.acceptOffer(loanId);
    await t.env.sleep('10 days');
    await t.loans.writeOff(loanId, { writeOffId: 'wo-current', reason: 'fraud confirmed', ...approval });
    await save('written-off', loanId);
  },
};

it('records the scenarios not yet recorded', async () => {
  const named = process.env.RECORD?.split(',').filter(Boolean);
  for (const [name, record] of Object.entries(SCENARIOS)) {
    const recorded = existsSync(new URL(`./${name}.run1.json`, import.meta.url));
    if (named ? named.includes(name) : !recorded) await record();
  }
});
