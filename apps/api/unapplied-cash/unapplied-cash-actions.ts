// Runs an action on an item through its workflow and reads the outcome as the API's answer. The
// item's workflow may already be carrying out another request: this one then joins it, and asks
// again once that one has let go of the item (refused), or is refused itself if that one moved
// the money. An answer slower than the bound leaves the action running and says so (202).
import { Injectable } from '@nestjs/common';
import type { UnappliedAction, UnappliedCashItem } from '../../../domain/unapplied-cash.js';
import type { UnappliedCashActionInput, UnappliedCashOutcome } from '../../../workflows/unapplied-cash/definitions.js';
import { UnappliedCashClient } from '../../shared/temporal/unapplied-cash-client.js';
import { Database } from '../database.js';
import { LoanCommandRejectedError, NotRefundableError, RefundRefusedError, UnappliedCashNotFoundError, UnappliedCashSettledError } from '../errors.js';
import { TIMED_OUT, within } from '../within.js';

const ANSWER_WITHIN_MS = 30_000;
const MAX_JOINS = 3;

export interface ActionResult {
  item: UnappliedCashItem;
  /** false: still under way when the answer was due */
  finished: boolean;
}

@Injectable()
export class UnappliedCashActions {
  constructor(
    private readonly workflows: UnappliedCashClient,
    private readonly db: Database,
  ) {}

  async run(input: UnappliedCashActionInput): Promise<ActionResult> {
    for (let joins = 0; joins < MAX_JOINS; joins += 1) {
      const outcome = await within(this.workflows.act(input), ANSWER_WITHIN_MS);
      if (outcome === TIMED_OUT) return { item: await this.current(input.itemId), finished: false };
      if (!sameAction(outcome.action, input.action)) {
        if (outcome.outcome === 'refused') continue;
        throw new UnappliedCashSettledError(`unapplied cash ${input.itemId} ${moved(outcome)} at another request`);
      }
      if (outcome.outcome === 'refused') throw refusal(input.itemId, outcome);
      return { item: outcome.item, finished: true };
    }
    throw new UnappliedCashSettledError(`unapplied cash ${input.itemId} is busy with other requests; ask again`);
  }

  private async current(itemId: string): Promise<UnappliedCashItem> {
    const item = await this.db.unappliedCash().find(itemId);
    if (!item) throw new UnappliedCashNotFoundError(itemId);
    return item;
  }
}

function sameAction(a: UnappliedAction, b: UnappliedAction): boolean {
  return a.kind === b.kind && (a.kind !== 'apply' || (b.kind === 'apply' && a.loanId === b.loanId));
}

function moved(outcome: UnappliedCashOutcome): string {
  return outcome.action.kind === 'apply' ? `was applied to loan ${outcome.action.loanId}` : 'was refunded';
}

function refusal(itemId: string, outcome: Extract<UnappliedCashOutcome, { outcome: 'refused' }>): Error {
  const why = `unapplied cash ${itemId}: ${outcome.problem}`;
  switch (outcome.code) {
    case 'not_found':
      return new UnappliedCashNotFoundError(itemId);
    case 'not_refundable':
      return new NotRefundableError(why);
    case 'loan_refused':
      return new LoanCommandRejectedError(why);
    case 'refund_refused':
      return new RefundRefusedError(why);
    case 'already_applied':
    case 'already_refunded':
    case 'in_progress':
    case 'void':
      return new UnappliedCashSettledError(why);
  }
}
