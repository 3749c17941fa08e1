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
import { addDays, toIsoDate } from '../../../domain/calendar.js';
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
};

it('records the scenarios not yet recorded', async () => {
  const named = process.env.RECORD?.split(',').filter(Boolean);
  for (const [name, record] of Object.entries(SCENARIOS)) {
    const recorded = existsSync(new URL(`./${name}.run1.json`, import.meta.url));
    if (named ? named.includes(name) : !recorded) await record();
  }
});
