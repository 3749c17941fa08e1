// `npm run histories:record`: runs each lifecycle scenario on the time-skipping server and writes
// its history (every run of it, when it continued as new) to this folder. The replay test holds
// every later change of the workflow code to these: re-record only for a deliberate, patched
// change, and keep the old files.
import { afterAll, beforeAll, it } from '@jest/globals';
import { Client } from '@temporalio/client';
import { writeFileSync } from 'node:fs';
import { GATEWAY_TEST_ACCOUNTS } from '../../../apps/sandboxes/gateway/test-accounts.js';
import { application } from '../../../apps/testkit/applications.js';
import { createLoanTestEnv, type LoanTestEnv } from '../../../apps/testkit/loan-env.js';
import { toIsoDate } from '../../../domain/calendar.js';
import { loanWorkflowId } from '../../../domain/loan-id.js';
import { FIXTURE_KEYRING } from './fixture-keyring.js';
import { historyJson } from './history-files.js';

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
  // Walk back from the last run: each run's first event names the run it continued.
  const runs = [];
  let runId: string | undefined;
  do {
    const history = await raw.workflow.getHandle(loanWorkflowId(loanId), runId).fetchHistory();
    runs.unshift(history);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  runs.forEach((history, i) => writeFileSync(new URL(`./${name}.run${i + 1}.json`, import.meta.url), historyJson(history)));
}

it('records the lifecycle scenarios', async () => {
  const paid = await t.startLoan(application('approved', { loan: { termMonths: 12 } }));
  await t.loans.awaitDecision(paid);
  await t.loans.acceptOffer(paid);
  await save('paid-off-by-autopay', paid);

  const chargedOff = await t.startLoan(application('newToCredit', { loan: { termMonths: 6 }, bankAccount: account(GATEWAY_TEST_ACCOUNTS.insufficientFunds.accountNumber) }));
  await t.loans.awaitDecision(chargedOff);
  await t.loans.acceptOffer(chargedOff);
  await save('charged-off-with-continue-as-new', chargedOff);

  const early = await t.startLoan(application('reducedOffer', { loan: { termMonths: 12 }, consents: { autopay: false } }));
  const offer = (await t.loans.awaitDecision(early)).offer!;
  await t.loans.acceptOffer(early);
  await t.loans.recordPayment(early, { externalId: 'utr-1', amount: 100_000, currency: offer.currency, source: 'api' });
  await t.loans.notifyPayment(early, { externalId: 'utr-1', amount: 100_000, currency: offer.currency, source: 'webhook' });
  await t.env.sleep('45 days');
  const quote = await t.loans.payoffQuote(early, toIsoDate(await t.env.currentTimeMs()));
  await t.loans.recordPayment(early, { externalId: 'utr-payoff', amount: quote!.total, currency: offer.currency, source: 'api' });
  await save('late-then-paid-off-early', early);

  const declined = await t.startLoan(application('declined'));
  await save('declined', declined);

  const timedOut = await t.startLoan(application('review'));
  await save('review-timed-out', timedOut);

  const reviewed = await t.startLoan(application('bureauOutage'));
  await t.loans.awaitDecision(reviewed);
  await t.loans.review(reviewed, { reviewer: 'u-risk-1', outcome: 'approve', principal: 1_500_000 });
  await t.loans.declineOffer(reviewed);
  await save('reviewed-then-offer-declined', reviewed);

  const failedPayout = await t.startLoan(application('approved', { bankAccount: account(GATEWAY_TEST_ACCOUNTS.accountClosed.accountNumber) }));
  await t.loans.awaitDecision(failedPayout);
  await t.loans.acceptOffer(failedPayout);
  await save('payout-failed-compensated', failedPayout);

  const withdrawn = await t.startLoan(application('approved'));
  await t.loans.awaitDecision(withdrawn);
  await t.loans.withdraw(withdrawn);
  await save('withdrawn', withdrawn);
});
