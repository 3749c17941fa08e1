// The unapplied-cash workflow's input and outcome: one action (apply to a loan, or refund) on
// one item, carried out once whatever crashes or retries in between.
import type { RefusalCode, UnappliedAction, UnappliedCashItem } from '../../domain/unapplied-cash.js';

export interface UnappliedCashActionInput {
  itemId: string;
  action: UnappliedAction;
  /** who asked, for the item's record (no personal data: an ops user name) */
  requestedBy: string | null;
}

export type UnappliedCashRefusal = RefusalCode | 'not_found' | 'loan_refused' | 'refund_refused';

export type UnappliedCashOutcome =
  /** the action happened (now, or before this request) */
  | { action: UnappliedAction; outcome: 'applied' | 'refunded'; item: UnappliedCashItem }
  /** nothing moved; the item is as `item` shows (open again after a refusal by the loan or the gateway) */
  | { action: UnappliedAction; outcome: 'refused'; code: UnappliedCashRefusal; problem: string; item: UnappliedCashItem | null };
