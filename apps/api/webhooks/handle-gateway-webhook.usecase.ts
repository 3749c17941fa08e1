// The payment gateway's webhooks. Only a borrower's incoming payment needs us: it is signalled
// to the loan its reference names (the workflow drops a redelivered externalId). Other events are
// acknowledged, since the activities that moved the money already track their own outcomes. A
// payment for a loan we cannot find is refused, so the gateway retries and ops see it.
import { Inject, Injectable } from '@nestjs/common';
import { isLoanId } from '../../../domain/loan-id.js';
import { MalformedGatewayEventError, parseGatewayEvent, verifyGatewaySignature } from '../../../activities/payments/gateway-events.js';
import type { CredenceConfig } from '../../shared/config.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { InvalidWebhookSignatureError, LoanNotFoundError, MalformedWebhookError } from '../errors.js';
import { withLoan } from '../loans/workflow-errors.js';
import { CONFIG } from '../tokens.js';
import type { HandleGatewayWebhookCommand } from './handle-gateway-webhook.command.js';

export type WebhookOutcome = { action: 'signalled'; eventId: string; loanId: string } | { action: 'ignored'; eventId?: string; reason: string };

@Injectable()
export class HandleGatewayWebhookUseCase {
  constructor(
    private readonly loans: LoanClient,
    @Inject(CONFIG) private readonly config: CredenceConfig,
  ) {}

  async execute({ rawBody, signature }: HandleGatewayWebhookCommand): Promise<WebhookOutcome> {
    const check = verifyGatewaySignature(rawBody, signature, this.config.gateway.webhookSecret);
    if (!check.valid) throw new InvalidWebhookSignatureError(`Gateway-Signature is ${check.reason}`);
    const parsed = parse(rawBody);
    if (parsed.status === 'ignored') return { action: 'ignored', ...(parsed.eventId ? { eventId: parsed.eventId } : {}), reason: parsed.reason };
    const { event } = parsed;
    if (event.kind !== 'payment_received') return { action: 'ignored', eventId: event.eventId, reason: `${event.kind} is tracked by the activity that started it` };
    const loanId = event.reference;
    if (!isLoanId(loanId)) throw new LoanNotFoundError(loanId);
    await withLoan(this.loans, loanId, () => this.loans.notifyPayment(loanId, { externalId: event.externalId, amount: event.amount, currency: event.currency, source: 'webhook' }));
    return { action: 'signalled', eventId: event.eventId, loanId };
  }
}

function parse(rawBody: string): ReturnType<typeof parseGatewayEvent> {
  try {
    return parseGatewayEvent(rawBody);
  } catch (err) {
    if (err instanceof MalformedGatewayEventError) throw new MalformedWebhookError(err.message);
    throw err;
  }
}
