// Journals of the loan ledger (double entry, minor units). Every journal balances: the sum of
// debits equals the sum of credits, checked where it is posted.
//
// Accounts: loans_receivable (principal owed to us), disbursement_clearing (cash paid out),
// collections_clearing (cash received; refunds go back out of it, as the gateway nets them from
// what it settles), fee_income, interest_income, borrower_advances (money received ahead of its
// due date), refunds_payable (overpayments to return), unapplied_cash (suspense: money received
// that no loan could take), credit_losses, loan_migration (the other side of a book brought in
// from another system: what that system lent, less what it had collected before the import).
import type { SuspenseAccount } from './unapplied-cash.js';
import type { Allocation } from './servicing.js';

export interface JournalLine {
  account: string;
  debit: number;
  credit: number;
}

export interface Journal {
  journalKey: string;
  /** the loan whose books it touches; null for money that belongs to no loan of ours */
  loanId: string | null;
  /** the unapplied-cash item whose money it moves */
  unappliedCashId?: string;
  kind: 'disbursement' | 'repayment' | 'charge_off' | 'settlement_write_down' | 'write_off' | 'unapplied_receipt' | 'unapplied_application' | 'refund' | 'import';
  currency: string;
  lines: JournalLine[];
}

const dr = (account: string, amount: number): JournalLine => ({ account, debit: amount, credit: 0 });
const cr = (account: string, amount: number): JournalLine => ({ account, debit: 0, credit: amount });
const nonZero = (l: JournalLine) => l.debit !== 0 || l.credit !== 0;

/** The principal becomes receivable; the fee is kept out of the payout. */
export function disbursementJournal(journalKey: string, loanId: string, currency: string, principal: number, originationFee: number): Journal {
  const lines = [dr('loans_receivable', principal), cr('disbursement_clearing', principal - originationFee), cr('fee_income', originationFee)];
  return { journalKey, loanId, kind: 'disbursement', currency, lines: lines.filter(nonZero) };
}

export function repaymentJournal(journalKey: string, loanId: string, currency: string, received: number, a: Allocation): Journal {
  const lines = [
    dr('collections_clearing', received),
    dr('borrower_advances', a.fromCredit),
    cr('fee_income', a.fees),
    cr('interest_income', a.interest),
    cr('loans_receivable', a.principal),
    cr('borrower_advances', a.toCredit),
    cr('refunds_payable', a.overpayment),
  ];
  return { journalKey, loanId, kind: 'repayment', currency, lines: lines.filter(nonZero) };
}

/** What an imported loan's history comes to, for its opening journal (domain/imported-history.ts). */
export interface ImportedBalances {
  /** what the lender lent, minor units */
  principal: number;
  /** what the lender had collected before the import, and where it went */
  collected: number;
  fees: number;
  interest: number;
  principalRepaid: number;
  /** collected ahead of its due date, not yet applied */
  creditBalance: number;
}

/**
 * A loan brought in from another system: no cash moves here. The receivable (what is still owed
 * of the principal) and the advances held are taken over against loan_migration, and the fees and
 * interest the history earned are recognised, as if each payment had been received through
 * loan_migration instead of collections_clearing. It balances because the payments went somewhere:
 * collected = fees + interest + principalRepaid + creditBalance.
 */
export function importJournal(journalKey: string, loanId: string, currency: string, b: ImportedBalances): Journal {
  const lines = [
    dr('loans_receivable', b.principal - b.principalRepaid),
    cr('loan_migration', b.principal - b.collected),
    cr('fee_income', b.fees),
    cr('interest_income', b.interest),
    cr('borrower_advances', b.creditBalance),
  ];
  // A history that collected more than was lent (interest and fees on a long loan) leaves loan_migration in debit.
  const fixed = lines.map((l) => (l.credit < 0 ? dr(l.account, -l.credit) : l));
  return { journalKey, loanId, kind: 'import', currency, lines: fixed.filter(nonZero) };
}

export function chargeOffJournal(journalKey: string, loanId: string, currency: string, principal: number): Journal {
  return { journalKey, loanId, kind: 'charge_off', currency, lines: [dr('credit_losses', principal), cr('loans_receivable', principal)].filter(nonZero) };
}

/**
 * A settlement paid in full: the principal it did not carry leaves the receivable as a credit
 * loss. The fees and interest it forgave were never recognised (income is booked as it is
 * received), so only the event records them.
 */
export function settlementWriteDownJournal(journalKey: string, loanId: string, currency: string, principal: number): Journal {
  return { journalKey, loanId, kind: 'settlement_write_down', currency, lines: [dr('credit_losses', principal), cr('loans_receivable', principal)].filter(nonZero) };
}

/**
 * An approved write-off: the principal still receivable is a credit loss, as at a charge-off; a
 * credit balance the borrower paid ahead is theirs, to be refunded.
 */
export function writeOffJournal(journalKey: string, loanId: string, currency: string, principal: number, creditBalance: number): Journal {
  const lines = [dr('credit_losses', principal), cr('loans_receivable', principal), dr('borrower_advances', creditBalance), cr('refunds_payable', creditBalance)];
  return { journalKey, loanId, kind: 'write_off', currency, lines: lines.filter(nonZero) };
}

/** Money that arrived for no loan that can take it waits in suspense until it is applied or refunded. */
export function unappliedReceiptJournal(journalKey: string, unappliedCashId: string, currency: string, amount: number): Journal {
  return { journalKey, loanId: null, unappliedCashId, kind: 'unapplied_receipt', currency, lines: [dr('collections_clearing', amount), cr('unapplied_cash', amount)] };
}

/**
 * An item leaves its suspense account for the loan it is applied to, back through
 * collections_clearing, where that loan's own repayment journal takes it as received. `loanId`
 * is the owner of the suspense: the overpaid loan for refunds_payable, none for unapplied_cash.
 */
export function unappliedApplicationJournal(journalKey: string, unappliedCashId: string, loanId: string | null, from: SuspenseAccount, currency: string, amount: number): Journal {
  return { journalKey, loanId, unappliedCashId, kind: 'unapplied_application', currency, lines: [dr(from, amount), cr('collections_clearing', amount)] };
}

/** An item paid back through the gateway: out of its suspense account and out of cash. */
export function refundJournal(journalKey: string, unappliedCashId: string, loanId: string | null, from: SuspenseAccount, currency: string, amount: number): Journal {
  return { journalKey, loanId, unappliedCashId, kind: 'refund', currency, lines: [dr(from, amount), cr('collections_clearing', amount)] };
}

export function isBalanced(journal: Journal): boolean {
  const debit = journal.lines.reduce((s, l) => s + l.debit, 0);
  const credit = journal.lines.reduce((s, l) => s + l.credit, 0);
  return debit === credit && journal.lines.every((l) => Number.isSafeInteger(l.debit) && Number.isSafeInteger(l.credit) && l.debit >= 0 && l.credit >= 0);
}
