// Unapplied cash: money we received that no loan could take (a payment naming no loan of ours,
// a closed loan, another currency) and overpayments a payoff left over. Every such amount is an
// item that stays open until it is applied to a loan or refunded, exactly once either way.
// Items hold no personal data: amounts, ids and references only.
import type { LoanEventRecord } from './loan-view.js';
import { isTerminal, LOAN_STATUSES, type LoanStatus } from './loan-status.js';

/**
 * Why money is held. `reference_conflict`: the gateway reported a payment under a reference the
 * loan had already applied for another amount; neither is a retry of the other, so the second is
 * held for ops instead of refused (the gateway would retry a refusal until it gave up).
 */
export const UNAPPLIED_REASONS = ['unknown_loan', 'loan_closed', 'loan_not_servicing', 'currency_mismatch', 'reference_conflict', 'overpayment'] as const;
export type UnappliedReason = (typeof UNAPPLIED_REASONS)[number];

/**
 * open until someone acts; applying/refunding while the action is under way; applied/refunded for
 * good; void when a loan's workflow task that recorded it was discarded and the loan's history
 * holds no such money (its receipt is reversed: there was nothing to hold).
 */
export const UNAPPLIED_STATUSES = ['open', 'applying', 'applied', 'refunding', 'refunded', 'void'] as const;
export type UnappliedStatus = (typeof UNAPPLIED_STATUSES)[number];

export const UNAPPLIED_SOURCES = ['gateway_webhook', 'loan_workflow'] as const;
export type UnappliedSource = (typeof UNAPPLIED_SOURCES)[number];

/** Where an item's money waits in the ledger until it is applied or refunded. */
export type SuspenseAccount = 'unapplied_cash' | 'refunds_payable';

export interface NewUnappliedCash {
  /** what makes the same money arriving twice one item: `gateway:<payment id>` or `loan:<loanId>:<externalId>:<reason>` */
  originKey: string;
  amount: number;
  currency: string;
  source: UnappliedSource;
  reason: UnappliedReason;
  /** the words of whoever refused it, e.g. the loan workflow's `loan_withdrawn` */
  reasonDetail: string | null;
  /** the id the money arrived under: the gateway's payment id, or the loan payment's externalId */
  paymentReference: string;
  /** the gateway payment or collection a refund goes back through; null when the money did not come through the gateway */
  gatewayPaymentId: string | null;
  /** the loan the payer named, as they wrote it */
  loanReference: string | null;
  receivedAt: string;
}

/** An overpayment was credited to refunds_payable by its loan's repayment journal; anything else waits in unapplied_cash. */
export function suspenseAccount(reason: UnappliedReason): SuspenseAccount {
  return reason === 'overpayment' ? 'refunds_payable' : 'unapplied_cash';
}

export const webhookOriginKey = (gatewayPaymentId: string): string => `gateway:${gatewayPaymentId}`;

/**
 * The externalId an item is applied to a loan under. Each attempt has its own, so an attempt the
 * loan refused never shadows a later one, while a retried attempt is the same payment to the loan.
 */
export function applicationPaymentId(itemId: string, attempt: number): string {
  return `unapplied-${itemId}-${attempt}`;
}

/** The item a loan payment came from, when it was an application of unapplied cash. */
export function itemIdOfApplication(externalId: string): string | undefined {
  return /^unapplied-([0-9a-f-]{36})-\d+$/.exec(externalId)?.[1];
}

/** One workflow per item at a time: a second request for it joins the action under way. */
export function unappliedCashWorkflowId(itemId: string): string {
  return `unapplied-cash-${itemId}`;
}

export function refundIdempotencyKey(itemId: string, attempt: number): string {
  return `unapplied-cash-${itemId}-refund-${attempt}`;
}

export const receiptJournalKey = (itemId: string): string => `unapplied-cash-${itemId}-receipt`;
export const applicationJournalKey = (itemId: string): string => `unapplied-cash-${itemId}-application`;
export const refundJournalKey = (itemId: string): string => `unapplied-cash-${itemId}-refund`;

/**
 * The items a loan's events call for: payments it recorded as unapplied, and whatever a payment
 * paid beyond its payoff. `overpayment` already includes any credit balance a payoff released
 * (servicing.ts payOff: funds = payment + credit), so nothing of it is left elsewhere.
 */
export function unappliedFromLoanEvents(loanId: string, loanCurrency: string, events: readonly LoanEventRecord[]): NewUnappliedCash[] {
  const items: NewUnappliedCash[] = [];
  for (const { type, data, occurredAt } of events) {
    const externalId = typeof data.externalId === 'string' ? data.externalId : undefined;
    if (!externalId) continue;
    const common = { source: 'loan_workflow' as const, paymentReference: externalId, loanReference: loanId, receivedAt: occurredAt };
    if (type === 'payment.unapplied' && isAmount(data.amount) && typeof data.currency === 'string') {
      const refused = typeof data.reason === 'string' ? data.reason : 'unknown';
      const reason = reasonFor(refused);
      // A gateway payment can be refunded against its id; one reported through the API (held when
      // the loan closed under it) came some other way and has nothing to refund against. Events
      // recorded before they named their source came only from the gateway's webhook.
      const viaGateway = data.source === undefined || data.source === 'webhook' || data.source === 'autopay';
      items.push({ ...common, originKey: loanOriginKey(loanId, externalId, reason), amount: data.amount, currency: data.currency, reason, reasonDetail: refused, gatewayPaymentId: viaGateway ? externalId : null });
    }
    if (type === 'payment.applied' && isAmount(data.overpayment)) {
      const viaGateway = data.source === 'webhook' || data.source === 'autopay';
      items.push({
        ...common,
        originKey: loanOriginKey(loanId, externalId, 'overpayment'),
        amount: data.overpayment,
        currency: loanCurrency,
        reason: 'overpayment',
        reasonDetail: data.paidOff === true ? 'paid beyond the payoff amount' : null,
        gatewayPaymentId: viaGateway ? externalId : null,
      });
    }
  }
  return items;
}

function loanOriginKey(loanId: string, externalId: string, reason: UnappliedReason): string {
  return `loan:${loanId}:${externalId}:${reason}`;
}

function reasonFor(refused: string): UnappliedReason {
  if (refused === 'currency_mismatch') return 'currency_mismatch';
  const status = refused.startsWith('loan_') ? refused.slice('loan_'.length) : '';
  return (LOAN_STATUSES as readonly string[]).includes(status) && isTerminal(status as LoanStatus) ? 'loan_closed' : 'loan_not_servicing';
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export type UnappliedAction = { kind: 'apply'; loanId: string } | { kind: 'refund' };

export type RefusalCode = 'already_applied' | 'already_refunded' | 'in_progress' | 'not_refundable' | 'void';

/** What an action on an item comes to: do it (or carry on with it), nothing (it is done), or no. */
export type ClaimDecision = { kind: 'claim'; resume: boolean } | { kind: 'done' } | { kind: 'refused'; code: RefusalCode; problem: string };

export interface ClaimableItem {
  status: UnappliedStatus;
  targetLoanId: string | null;
  gatewayPaymentId: string | null;
}

/**
 * One item, one fate: an item being applied or applied cannot be refunded and the other way
 * round. Asking again for what is under way carries it on; asking for what is done changes nothing.
 */
export function decideClaim(item: ClaimableItem, action: UnappliedAction): ClaimDecision {
  const sameApply = action.kind === 'apply' && item.targetLoanId === action.loanId;
  switch (item.status) {
    case 'open':
      if (action.kind === 'refund' && !item.gatewayPaymentId) {
        return { kind: 'refused', code: 'not_refundable', problem: 'the money did not come through the payment gateway, so there is no gateway payment to refund it against; apply it to a loan instead' };
      }
      return { kind: 'claim', resume: false };
    case 'applying':
      return sameApply ? { kind: 'claim', resume: true } : { kind: 'refused', code: 'in_progress', problem: `it is being applied to loan ${item.targetLoanId ?? '?'}` };
    case 'refunding':
      return action.kind === 'refund' ? { kind: 'claim', resume: true } : { kind: 'refused', code: 'in_progress', problem: 'it is being refunded' };
    case 'applied':
      return sameApply ? { kind: 'done' } : { kind: 'refused', code: 'already_applied', problem: `it was applied to loan ${item.targetLoanId ?? '?'}` };
    case 'refunded':
      return action.kind === 'refund' ? { kind: 'done' } : { kind: 'refused', code: 'already_refunded', problem: 'it was refunded' };
    case 'void':
      return { kind: 'refused', code: 'void', problem: 'the loan never kept this money: the record came from a workflow task that was discarded' };
  }
}

/** An item as stored and shown to ops. */
export interface UnappliedCashItem extends Omit<NewUnappliedCash, 'originKey'> {
  id: string;
  /** the item whose application to a loan overpaid it, when this item is that overpayment */
  parentId: string | null;
  status: UnappliedStatus;
  /** actions claimed so far */
  attempt: number;
  /** the loan it is being, or was, applied to */
  targetLoanId: string | null;
  requestedBy: string | null;
  requestedAt: string | null;
  resolvedAt: string | null;
  /** the externalId of its payment to the target loan (the loan posts it once) */
  applicationPaymentId: string | null;
  /** the Idempotency-Key of its refund at the gateway */
  refundIdempotencyKey: string | null;
  /** the gateway's id of the refund */
  refundId: string | null;
  /** why the last action did not happen (the loan or the gateway refused it) */
  lastProblem: string | null;
  createdAt: string;
  updatedAt: string;
}
