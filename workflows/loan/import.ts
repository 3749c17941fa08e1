// A loan brought in from another system starts here instead of at origination: no bureau, no
// decision, no capital reservation and no payout (the lender paid it out long ago). Its account is
// opened as of its disbursement date with the schedule its terms make, its history replayed as
// servicing would have lived it (domain/imported-history.ts), the ledger takes the receivable over
// against loan_migration in one journal, and the loan enters the ordinary servicing loop, which
// then sees what is due and past due today: a loan 40 days late falls into its bucket at once,
// through onBucketChange and the recovery seam like any other.
//
// Histories recorded before imports existed never carry `imported`, so this path needs no patch.
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import { toIsoDate } from '../../domain/calendar.js';
import { openImportedAccount, replayImportedHistory, type HistoryStep, type ImportedHistory } from '../../domain/imported-history.js';
import { lateFeeRuleOf } from '../../domain/late-fees.js';
import { importJournal } from '../../domain/ledger.js';
import type { LoanAccount } from '../../domain/servicing.js';
import { ledger } from './activities.js';
import type { ImportedLoan, LoanWorkflowInput } from './definitions.js';
import { recordContactProfile } from './contact-profile.js';
import type { LoanRecord } from './loan-record.js';
import type { ServicingState } from './servicing-state.js';

/** The ApplicationFailure type of an import whose terms or history cannot be (the API checks them first). */
export const INVALID_IMPORT = 'InvalidImport';

/** Opens the account and applies the history; answers servicing's state, less the borrower profile. */
export async function importLoan(record: LoanRecord, input: LoanWorkflowInput & { imported: ImportedLoan }): Promise<ServicingState> {
  const { imported, product } = input;
  const { currency } = input.application.loan;
  const history = replayImportedHistory({
    account: openAccountOrFail(imported, currency),
    lateFee: lateFeeRuleOf(product, currency),
    payments: imported.payments,
    through: toIsoDate(Date.now()),
  });
  if (history.problems.length > 0) throw invalid(history.problems.map((p) => `${p.field}: ${p.message}`).join('; '));

  record.emit('loan.imported', {
    lenderReference: imported.lenderReference,
    product: product.code,
    principal: imported.principal,
    currency,
    aprBps: imported.aprBps,
    termMonths: imported.termMonths,
    disbursedOn: imported.disbursedOn,
    firstDueDate: history.account.installments[0]?.dueDate,
    installments: history.account.installments.length,
    payments: imported.payments.length,
  });
  for (const step of history.steps) emitStep(record, step, currency);
  record.state.principal = imported.principal;
  record.state.account = history.account;
  await postOpeningJournal(record, imported, history, currency);
  // Recovery reaches the borrower through the contact profile, as for an originated loan.
  await recordContactProfile(input.loanId, input.application);
  // Servicing moves the bucket from here on today's DPD, through onBucketChange.
  record.state.bucket = product.buckets[0]?.name ?? null;
  record.setStatus('active');

  return {
    processedPaymentIds: imported.payments.map((p) => p.reference),
    paymentReceipts: Object.fromEntries(imported.payments.map((p) => [p.reference, { amount: p.amount, currency, source: 'import' as const, receivedOn: p.on }])),
    handledDueSeq: history.handledDueSeq,
    autopayAttempts: {},
    // An imported loan has no mandate with our gateway yet: the import refuses autopay.
    autopaySource: null,
    timeZone: input.application.applicant.timeZone,
    dpdHistory: history.dpdHistory,
  };
}

function openAccountOrFail(imported: ImportedLoan, currency: string): LoanAccount {
  try {
    return openImportedAccount(imported, currency);
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : String(err));
  }
}

function emitStep(record: LoanRecord, step: HistoryStep, currency: string): void {
  if (step.kind === 'due') {
    record.emit('installment.due', { seq: step.seq, dueDate: step.on, appliedFromCredit: step.allocation.fromCredit, imported: true });
    return;
  }
  if (step.kind === 'late_fee') {
    record.emit('late_fee.assessed', { seq: step.seq, fee: step.fee, currency, on: step.on, imported: true });
    return;
  }
  const { paidOff, ...amounts } = step.allocation;
  const { reference, amount, on } = step.payment;
  record.emit('payment.applied', { externalId: reference, source: 'import', amount, ...amounts, paidOff, receivedOn: on });
  record.recordPayment({ externalId: reference, amount, currency, source: 'import', receivedOn: on, allocation: { ...step.allocation } });
}

async function postOpeningJournal(record: LoanRecord, imported: ImportedLoan, history: ImportedHistory, currency: string): Promise<void> {
  const journalKey = `${workflowInfo().workflowId}-import`;
  const { collected, fees, interest, principal } = history.totals;
  await ledger.postJournal(
    importJournal(journalKey, record.loanId, currency, { principal: imported.principal, collected, fees, interest, principalRepaid: principal, creditBalance: history.account.creditBalance }),
  );
  record.emit('import.ledger_posted', { journalKey });
}

function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: INVALID_IMPORT, message: `the imported loan cannot be opened: ${message}`, nonRetryable: true });
}
