// One action on one unapplied-cash item (workflow ID unapplied-cash-<itemId>): claim the item,
// move the money, then record the outcome. The claim comes first, so an item being applied can
// never be refunded (or the other way round); the money moves under a key derived from the item
// and its attempt, so a crash at any point is finished by the retry without moving it twice.
import { log } from '@temporalio/workflow';
import type { UnappliedCashItem } from '../../domain/unapplied-cash.js';
import { money, store } from './activities.js';
import type { UnappliedCashActionInput, UnappliedCashOutcome, UnappliedCashRefusal } from './definitions.js';

export async function unappliedCashWorkflow(input: UnappliedCashActionInput): Promise<UnappliedCashOutcome> {
  const { action } = input;
  const claim = await store.claimUnappliedCash(input);
  if (!claim) return { action, outcome: 'refused', code: 'not_found', problem: `there is no unapplied cash ${input.itemId}`, item: null };
  const { decision, item } = claim;
  if (decision.kind === 'refused') return { action, outcome: 'refused', code: decision.code, problem: decision.problem, item };
  if (decision.kind === 'done') return { action, outcome: action.kind === 'apply' ? 'applied' : 'refunded', item };

  if (action.kind === 'apply') {
    const moved = await money.applyUnappliedCashToLoan({ loanId: action.loanId, externalId: claimed(item.applicationPaymentId), amount: item.amount, currency: item.currency });
    if (!moved.moved) return refused(input, 'loan_refused', moved.problem);
    log.info('unapplied cash applied', { unappliedCashId: item.id, loanId: action.loanId, amount: item.amount, currency: item.currency });
    return { action, outcome: 'applied', item: await store.completeUnappliedApplication({ itemId: item.id }) };
  }

  const moved = await money.refundUnappliedCash({
    itemId: item.id,
    gatewayPaymentId: claimed(item.gatewayPaymentId),
    amount: item.amount,
    currency: item.currency,
    reason: item.reason,
    idempotencyKey: claimed(item.refundIdempotencyKey),
  });
  if (!moved.moved) return refused(input, 'refund_refused', moved.problem);
  log.info('unapplied cash refunded', { unappliedCashId: item.id, refundId: moved.refundId, amount: item.amount, currency: item.currency });
  return { action, outcome: 'refunded', item: await store.completeUnappliedRefund({ itemId: item.id, refundId: claimed(moved.refundId) }) };
}

async function refused({ itemId, action }: UnappliedCashActionInput, code: UnappliedCashRefusal, problem: string): Promise<UnappliedCashOutcome> {
  log.warn('unapplied cash action refused', { unappliedCashId: itemId, action: action.kind, problem });
  const item: UnappliedCashItem = await store.releaseUnappliedCash({ itemId, problem });
  return { action, outcome: 'refused', code, problem, item };
}

/** The claim sets what the action needs; its absence is a bug, and failing the task lets it be fixed and replayed. */
function claimed<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('the claimed item lacks what its action needs');
  return value;
}
