// Arrangements and write-offs as servicing carries them out (the rules of the account are in
// domain/arrangement-schedule.ts). The updates only queue them (handlers.ts); the loop applies
// them between payments, so money and terms never change the account at the same moment.
//
// - Applied: the account's unpaid instalments are replaced, credit spent on what was owed is
//   posted like a due date's credit, and the loan is reviewed at once: with nothing past due it
//   is current again (a running recovery episode stays open, told the account: it holds its
//   contacts while nothing is overdue, and hears if the arrangement breaks).
// - Broken: one of its instalments still has more than the product's tolerance unpaid
//   ARRANGEMENT_GRACE_DAYS after its date (the grace a promise to pay has, recovery/promises.ts).
//   The schedule stays as agreed; days past due, late fees and charge-off run on it as on any
//   schedule, and the episode treats the break as a broken promise.
// - Completed: the account is paid off. A settlement's loan then ends `settled`, and the
//   principal it forgave is written down (settlementWriteDownJournal); a plan's or a
//   restructure's ends `paid_off`. A settlement paid in full after it broke still settles.
// - Written off: the principal still receivable (a settlement's forgiven part included) goes to
//   credit_losses and the loan ends charged_off, its episode ended.
import { patched, workflowInfo } from '@temporalio/workflow';
import { addDays, compareIsoDates, toIsoDate, type IsoDate } from '../../domain/calendar.js';
import { applyArrangementTerms, arrangementTermsProblems, owedNow } from '../../domain/arrangement-schedule.js';
import type { ArrangementCommand } from '../../domain/arrangements.js';
import { repaymentJournal, settlementWriteDownJournal, writeOffJournal } from '../../domain/ledger.js';
import { outstandingPrincipal, type LoanAccount } from '../../domain/servicing.js';
import { ledger } from './activities.js';
import type { LoanWorkflowInput } from './definitions.js';
import { reviewDelinquency } from './delinquency.js';
import type { Inbox } from './inbox.js';
import type { LoanRecord } from './loan-record.js';
import { onArrangementBroken, onRecoveryTransition } from './recovery-episode.js';
import { segmentForRecovery } from './recovery.js';
import type { ServicingState } from './servicing-state.js';

/** Patch ID: the loan takes arrangements (plans, restructures, settlements) and write-offs. Asked only when one is met. */
export const LOAN_ARRANGEMENTS = 'loan-arrangements';

/**
 * Patch ID: a restructure without a holiday charges the current period's interest once (from today
 * on, domain/arrangement-schedule.ts). Asked only when a restructure is applied; a run replaying one
 * applied before it keeps the whole period, as it was charged.
 */
export const RESTRUCTURE_INTEREST_ONCE = 'restructure-interest-once';

/** Days after an arrangement instalment's date before an unpaid one breaks it: a day for the money to post, as for a promise. */
export const ARRANGEMENT_GRACE_DAYS = 2;

const today = (): IsoDate => toIsoDate(Date.now());

function account(record: LoanRecord): LoanAccount {
  const a = record.state.account;
  if (!a) throw new Error('an arrangement on a loan with no account');
  return a;
}

/** Applies the queued arrangements, each once; one the account no longer fits (a payment came first) is refused with its problems. */
export async function applyQueuedArrangements(record: LoanRecord, inbox: Inbox, state: ServicingState, input: LoanWorkflowInput): Promise<void> {
  const queued = inbox.arrangements.splice(0);
  for (const command of queued) {
    if (record.state.arrangementIds?.includes(command.arrangementId)) {
      inbox.arrangementOutcomes.set(command.arrangementId, []);
      continue;
    }
    if (!patched(LOAN_ARRANGEMENTS)) {
      inbox.arrangementOutcomes.set(command.arrangementId, [{ field: '', message: 'this run does not take arrangements' }]);
      continue;
    }
    const problems = arrangementTermsProblems(account(record), command.terms, today());
    if (problems.length === 0) await apply(record, state, command);
    inbox.arrangementOutcomes.set(command.arrangementId, problems);
  }
  if (queued.length === 0) return;
  // Nothing is past due under the new terms: the loan is current again, and the answer shows it.
  const transition = reviewDelinquency(record, today()).transition;
  if (transition) await onRecoveryTransition(record, state, input, transition, await segmentForRecovery(record, state, transition));
  await record.flush();
}

async function apply(record: LoanRecord, state: ServicingState, command: ArrangementCommand): Promise<void> {
  const on = today();
  const before = account(record);
  const owed = owedNow(before, on).total;
  const interestOnce = command.terms.kind !== 'restructure' || patched(RESTRUCTURE_INTEREST_ONCE);
  const { account: after, fromCredit, writeDown } = applyArrangementTerms(before, command.terms, on, { interestOnce });
  const firstSeq = before.installments.filter((i) => compareIsoDates(i.dueDate, on) <= 0).length + 1;
  record.state.account = after;
  // The instalments already due were settled into the arrangement: none of them is handled again.
  state.handledDueSeq = Math.max(state.handledDueSeq, firstSeq - 1);
  record.state.arrangement = {
    id: command.arrangementId,
    kind: command.terms.kind,
    terms: command.terms,
    status: 'active',
    appliedOn: on,
    proposedBy: command.proposedBy,
    approvedBy: command.approvedBy,
    owedMinor: owed,
    writeDown,
    firstSeq,
  };
  (record.state.arrangementIds ??= []).push(command.arrangementId);
  record.emit('arrangement.applied', {
    arrangementId: command.arrangementId,
    kind: command.terms.kind,
    proposedBy: command.proposedBy,
    approvedBy: command.approvedBy,
    owedMinor: owed,
    writeDownMinor: writeDown.total,
    creditApplied: fromCredit.fromCredit,
    instalments: after.installments.filter((i) => i.seq >= firstSeq).map((i) => ({ seq: i.seq, dueOn: i.dueDate, amountMinor: i.principal + i.interest + i.fees })),
  });
  if (fromCredit.fromCredit > 0) {
    await ledger.postJournal(repaymentJournal(`${workflowInfo().workflowId}-arrangement-${command.arrangementId}-credit`, record.loanId, after.currency, 0, fromCredit));
  }
}

/** After the daily review: an arrangement instalment unpaid past its grace breaks the arrangement, and recovery hears of it. */
export async function reviewArrangement(record: LoanRecord, state: ServicingState): Promise<void> {
  const a = record.state.arrangement;
  if (!a || a.status !== 'active') return;
  const on = today();
  const tolerance = record.state.product.dpdToleranceMinor;
  const missed = account(record).installments.find(
    (i) => i.seq >= a.firstSeq && compareIsoDates(addDays(i.dueDate, ARRANGEMENT_GRACE_DAYS), on) <= 0 && i.principal + i.interest + i.fees - (i.paidPrincipal + i.paidInterest + i.paidFees) > tolerance,
  );
  if (!missed || !patched(LOAN_ARRANGEMENTS)) return;
  const amountMinor = missed.principal + missed.interest + missed.fees;
  const paidMinor = missed.paidPrincipal + missed.paidInterest + missed.paidFees;
  record.state.arrangement = { ...a, status: 'broken', brokenOn: on };
  record.emit('arrangement.broken', { arrangementId: a.id, kind: a.kind, seq: missed.seq, dueOn: missed.dueDate, amountMinor, paidMinor });
  await onArrangementBroken(record, state, { arrangementId: a.id, kind: a.kind, appliedOn: a.appliedOn, dueOn: missed.dueDate, amountMinor, paidMinor, on });
}

/** How a loan whose account is paid off closes: settled under a settlement, paid off otherwise. */
export function paidOffStatus(record: LoanRecord): ['paid_off' | 'settled', string] {
  return record.state.arrangement?.kind === 'settlement' ? ['settled', 'settlement_paid'] : ['paid_off', 'paid_in_full'];
}

/** The account is paid off: the arrangement is completed, and a settlement's forgiven principal written down. */
export async function completeArrangement(record: LoanRecord): Promise<void> {
  const a = record.state.arrangement;
  if (!a || a.status === 'completed') return;
  record.state.arrangement = { ...a, status: 'completed' };
  record.emit('arrangement.completed', { arrangementId: a.id, kind: a.kind, ...(a.brokenOn ? { brokenOn: a.brokenOn } : {}) });
  if (a.kind !== 'settlement') return;
  if (a.writeDown.principal > 0) {
    await ledger.postJournal(settlementWriteDownJournal(`${workflowInfo().workflowId}-settlement-${a.id}-write-down`, record.loanId, record.state.currency, a.writeDown.principal));
  }
  record.emit('loan.settled', { arrangementId: a.id, writtenDown: a.writeDown.total, principalWrittenDown: a.writeDown.principal, interestForgiven: a.writeDown.interest, feesForgiven: a.writeDown.fees });
}

/** The principal the ledger still holds as receivable: the account's, and a settlement's forgiven part until its write-down. */
export function principalOnBooks(record: LoanRecord): number {
  const a = record.state.arrangement;
  const pending = a?.kind === 'settlement' && a.status !== 'completed' ? a.writeDown.principal : 0;
  return outstandingPrincipal(account(record)) + pending;
}

/** Carries out an approved write-off: journal, event; the caller closes the loan charged off. Answers whether one was taken. */
export async function takeWriteOff(record: LoanRecord, inbox: Inbox): Promise<boolean> {
  const command = inbox.writeOff;
  if (!command || !patched(LOAN_ARRANGEMENTS)) return false;
  const principal = principalOnBooks(record);
  const { creditBalance, currency } = account(record);
  await ledger.postJournal(writeOffJournal(`${workflowInfo().workflowId}-write-off-${command.writeOffId}`, record.loanId, currency, principal, creditBalance));
  record.emit('loan.written_off', {
    writeOffId: command.writeOffId,
    reason: command.reason,
    proposedBy: command.proposedBy,
    approvedBy: command.approvedBy,
    principalWrittenOff: principal,
    creditRefundable: creditBalance,
    ...(record.state.arrangement ? { arrangementId: record.state.arrangement.id } : {}),
  });
  return true;
}
