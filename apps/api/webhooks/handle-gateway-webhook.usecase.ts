// The payment gateway's webhooks. Only a borrower's incoming payment needs us. It goes to the loan
// its reference names as a payment update, so we learn whether the loan took it: the update ID
// (the gateway's payment id) makes a redelivery the same payment. Money no loan can take (no such
// loan, a closed loan, one not being repaid, another currency) is held as unapplied cash and
// acknowledged, so the gateway stops retrying and ops can apply or refund it. Other events are
// acknowledged, since the activities that moved the money already track their own outcomes.
// The signature is checked before anything about the body: whoever cannot sign learns nothing but
// 401. A signed body is then held to the same shape as any other (body-shape.ts): the gateway
// relays payers' references, and a bidi override in one must not reach ops' screens.
import { Inject, Injectable } from '@nestjs/common';
import { isLoanId } from '../../../domain/loan-id.js';
import { isTerminal } from '../../../domain/loan-status.js';
import { webhookOriginKey, type UnappliedReason } from '../../../domain/unapplied-cash.js';
import { MalformedGatewayEventError, parseGatewayEvent, verifyGatewaySignature } from '../../../activities/payments/gateway-events.js';
import type { PaymentEvent } from '../../../activities/payments/payment-gateway.js';
import type { CredenceConfig } from '../../shared/config.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { InvalidWebhookSignatureError, LoanClosedError, LoanCommandRejectedError, LoanNotFoundError, MalformedWebhookError, UnprocessableFieldsError } from '../errors.js';
import { withLoan } from '../loans/workflow-errors.js';
import { bodyShapeProblems } from '../http/body-shape.js';
import { ProblemException } from '../http/problem.js';
import { CONFIG } from '../tokens.js';
import type { HandleGatewayWebhookCommand } from './handle-gateway-webhook.command.js';

export type WebhookOutcome =
  | { action: 'applied'; eventId: string; loanId: string }
  | { action: 'held'; eventId: string; unappliedCashId: string; reason: UnappliedReason }
  | { action: 'ignored'; eventId?: string; reason: string };

@Injectable()
export class HandleGatewayWebhookUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute({ rawBody, signature }: HandleGatewayWebhookCommand): Promise<WebhookOutcome> {
    const check = verifyGatewaySignature(rawBody, signature, this.config.gateway.webhookSecret);
    if (!check.valid) throw new InvalidWebhookSignatureError(`Gateway-Signature is ${check.reason}`);
    const body = readJson(rawBody);
    const shape = bodyShapeProblems(body);
    if (shape.length > 0) throw ProblemException.validation(shape);
    const parsed = parse(body);
    if (parsed.status === 'ignored') return { action: 'ignored', ...(parsed.eventId ? { eventId: parsed.eventId } : {}), reason: parsed.reason };
    const { event } = parsed;
    if (event.kind !== 'payment_received') return { action: 'ignored', eventId: event.eventId, reason: `${event.kind} is tracked by the activity that started it` };
    requireHoldable(event);

    // Held before: a redelivery must not reach a loan that has since become able to take it.
    const held = await this.db.unappliedCash().findHeldPayment(event.externalId);
    if (held) return { action: 'held', eventId: event.eventId, unappliedCashId: held.id, reason: held.reason };
    const loanId = event.reference;
    if (!isLoanId(loanId)) return this.hold(event, 'unknown_loan', null);
    try {
      const result = await withLoan(this.loans, loanId, () =>
        this.loans.recordPayment(loanId, { externalId: event.externalId, amount: event.amount, currency: event.currency, source: 'webhook', requestId: event.eventId }),
      );
      // The loan closed with it queued: its projection (written before the answer) holds it.
      const heldByLoan = result.unapplied ? await this.db.unappliedCash().findHeldByLoan(loanId, event.externalId) : null;
      if (heldByLoan) return { action: 'held', eventId: event.eventId, unappliedCashId: heldByLoan.id, reason: heldByLoan.reason };
      return { action: 'applied', eventId: event.eventId, loanId };
    } catch (err) {
      if (err instanceof LoanNotFoundError) return this.hold(event, 'unknown_loan', null);
      if (err instanceof LoanClosedError) {
        // A closed loan's read model is final: a payment it shows was applied before it closed.
        if (await this.db.loans().findPayment(loanId, event.externalId)) return { action: 'applied', eventId: event.eventId, loanId };
        return this.hold(event, 'loan_closed', err.message);
      }
      if (err instanceof LoanCommandRejectedError) return this.hold(event, await this.whyRefused(loanId, event, err), err.message);
      if (err instanceof UnprocessableFieldsError && err.errors.some((e) => e.field === 'currency')) return this.hold(event, 'currency_mismatch', err.message);
      // Money received is always accounted for: a refusal would only make the gateway retry.
      if (err instanceof UnprocessableFieldsError && err.errors.some((e) => e.field === 'externalId')) return this.hold(event, 'reference_conflict', err.message);
      throw err;
    }
  }

  /** The loan's validator said no; its state says which of our reasons that is. */
  private async whyRefused(loanId: string, event: PaymentEvent, refusal: LoanCommandRejectedError): Promise<UnappliedReason> {
    const { status, currency } = await withLoan(this.loans, loanId, () => this.loans.state(loanId));
    if (isTerminal(status)) return 'loan_closed';
    if (status !== 'active' && status !== 'delinquent') return 'loan_not_servicing';
    if (currency !== event.currency) return 'currency_mismatch';
    throw refusal;
  }

  private async hold(event: PaymentEvent, reason: UnappliedReason, reasonDetail: string | null): Promise<WebhookOutcome> {
    const { item } = await this.db.unappliedCash().hold({
      originKey: webhookOriginKey(event.externalId),
      amount: event.amount,
      currency: event.currency,
      source: 'gateway_webhook',
      reason,
      reasonDetail,
      paymentReference: event.externalId,
      gatewayPaymentId: event.externalId,
      loanReference: event.reference,
      receivedAt: event.occurredAt,
    });
    return { action: 'held', eventId: event.eventId, unappliedCashId: item.id, reason: item.reason };
  }
}

function readJson(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new MalformedWebhookError('not a gateway event: the body is not JSON');
  }
}

function parse(body: unknown): ReturnType<typeof parseGatewayEvent> {
  try {
    return parseGatewayEvent(body);
  } catch (err) {
    if (err instanceof MalformedGatewayEventError) throw new MalformedWebhookError(err.message);
    throw err;
  }
}

/** What the store can keep: money is a positive whole number of minor units in an ISO 4217 code. */
function requireHoldable(event: PaymentEvent): void {
  if (!Number.isSafeInteger(event.amount) || event.amount <= 0) throw new MalformedWebhookError(`payment ${event.externalId} has amount ${event.amount}: a payment is a positive whole number of minor units`);
  if (!/^[A-Z]{3}$/.test(event.currency)) throw new MalformedWebhookError(`payment ${event.externalId} has currency ${JSON.stringify(event.currency)}: expected an ISO 4217 code`);
  if (Number.isNaN(Date.parse(event.occurredAt))) throw new MalformedWebhookError(`payment ${event.externalId} has no valid receivedAt`);
}
