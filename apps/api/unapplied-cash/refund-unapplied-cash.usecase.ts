// Refunds an item through the gateway, against the payment it came by, under the Idempotency-Key
// unapplied-cash-<item>-refund-<attempt>: a repeated request answers with the same refund.
import { Injectable } from '@nestjs/common';
import { Database } from '../database.js';
import { NotRefundableError, UnappliedCashNotFoundError } from '../errors.js';
import type { RefundUnappliedCashCommand } from './refund-unapplied-cash.command.js';
import { UnappliedCashActions, type ActionResult } from './unapplied-cash-actions.js';

@Injectable()
export class RefundUnappliedCashUseCase {
  constructor(
    private readonly db: Database,
    private readonly actions: UnappliedCashActions,
  ) {}

  async execute({ id, requestedBy }: RefundUnappliedCashCommand): Promise<ActionResult> {
    const item = await this.db.unappliedCash().find(id);
    if (!item) throw new UnappliedCashNotFoundError(id);
    if (item.status === 'open' && !item.gatewayPaymentId) {
      throw new NotRefundableError(`unapplied cash ${id} did not come through the payment gateway (it was reported as ${item.paymentReference}), so there is no gateway payment to refund it against; apply it to a loan instead`);
    }
    return this.actions.run({ itemId: id, action: { kind: 'refund' }, requestedBy });
  }
}
