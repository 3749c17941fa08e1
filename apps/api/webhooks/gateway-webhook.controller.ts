// The payment gateway's webhook endpoint. The signature covers the raw bytes, so the handler
// reads req.rawBody (kept by JsonBodyMiddleware), never the parsed body.
import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GATEWAY_SIGNATURE_HEADER } from '../../../activities/payments/gateway-events.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { bindLoan, type ApiRequest } from '../http/request-context.js';
import { HandleGatewayWebhookUseCase, type WebhookOutcome } from './handle-gateway-webhook.usecase.js';
import { WebhookAckDto } from './webhook-response.dto.js';
import { Public } from '../auth/access.decorator.js';

const GATEWAY_EVENT_EXAMPLE = {
  id: 'evt_3f9c2a',
  object: 'event',
  type: 'payment.received',
  created: 1_795_000_000,
  data: { object: { id: 'pay_8d41e0', object: 'payment', status: 'received', amount: 1_415_000, currency: 'INR', reference: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b', channel: 'upi', externalId: 'utr_51a7c3', receivedAt: '2026-11-21T10:15:00.000Z' } },
};

@ApiTags('webhooks')
@ApiUnexpectedProblem()
@Public("the payment gateway's signed events: Gateway-Signature is checked instead")
@Controller('v1/webhooks')
export class GatewayWebhookController {
  constructor(private readonly handleWebhook: HandleGatewayWebhookUseCase) {}

  @Post('gateway')
  @HttpCode(200)
  @ApiOperation({
    summary: "The payment gateway's events",
    description:
      'Signed with Gateway-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">. An incoming payment is applied to the loan its reference names; one no loan can take (no such loan, closed, not being repaid, another currency) is held as unapplied cash. Either way the answer is 200, and a redelivery changes nothing.',
  })
  @ApiHeader({ name: 'Gateway-Signature', required: true })
  @ApiBody({ description: 'A gateway event, verified over its raw bytes', schema: { type: 'object', additionalProperties: true, example: GATEWAY_EVENT_EXAMPLE } })
  @ApiOkResponse({ type: WebhookAckDto })
  @ApiProblems([400, 'Not a gateway event'], [401, 'Missing, stale or wrong signature'], 413, 415)
  async gateway(@Req() req: ApiRequest, @Headers(GATEWAY_SIGNATURE_HEADER) signature: string | undefined): Promise<WebhookOutcome> {
    const outcome = await this.handleWebhook.execute({ rawBody: req.rawBody?.toString('utf8') ?? '', signature });
    if (outcome.action === 'applied') bindLoan(req, outcome.loanId);
    return outcome;
  }
}

