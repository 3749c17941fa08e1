// SendGrid's signed event webhook. The signature covers the timestamp and the raw bytes, so the
// use case reads req.rawBody (kept by JsonBodyMiddleware), never the parsed body.
import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import type { ApiRequest } from '../http/request-context.js';
import { HandleSendGridEventsUseCase } from './handle-sendgrid-events.usecase.js';
import { SendGridEventsAckDto } from './provider-webhook-response.dto.js';
import { Public } from '../auth/access.decorator.js';

@ApiTags('webhooks')
@ApiUnexpectedProblem()
@Public("SendGrid's signed events: the event webhook's ECDSA signature is checked instead")
@Controller('v1/webhooks/sendgrid')
export class SendGridWebhookController {
  constructor(private readonly handle: HandleSendGridEventsUseCase) {}

  @Post('events')
  @HttpCode(200)
  @ApiOperation({
    summary: "SendGrid's email events",
    description:
      'Signed with ECDSA P-256 over X-Twilio-Email-Event-Webhook-Timestamp followed by the raw body (SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY verifies it); a missing, wrong or stale (over 5 minutes) signature is a 401 and nothing is recorded. processed, deferred, delivered, bounce, dropped, open and click are delivery events; unsubscribe, group_unsubscribe and spamreport are the borrower asking to stop. Each sg_event_id is handed on once.',
  })
  @ApiHeader({ name: 'X-Twilio-Email-Event-Webhook-Signature', required: true })
  @ApiHeader({ name: 'X-Twilio-Email-Event-Webhook-Timestamp', required: true })
  @ApiBody({ schema: { type: 'array', items: { type: 'object', additionalProperties: true }, example: [{ email: 'neha.kapoor@example.com', timestamp: 1_795_000_000, event: 'delivered', sg_event_id: 'ZGVsaXZlcmVkLTAtMTIz', sg_message_id: 'Xk2f9Qm1TqW8vYc3LrN5aA.filterdrecv-1.0', delivery_key: 'recovery-…-1-email' }] } })
  @ApiOkResponse({ type: SendGridEventsAckDto })
  @ApiProblems([400, 'Not a batch of SendGrid events'], [401, 'Missing, stale or wrong signature'], 413, 415)
  execute(@Req() req: ApiRequest, @Headers() headers: Record<string, string | undefined>): Promise<SendGridEventsAckDto> {
    return this.handle.execute({
      rawBody: req.rawBody?.toString('utf8') ?? '',
      signature: headers['x-twilio-email-event-webhook-signature'],
      timestamp: headers['x-twilio-email-event-webhook-timestamp'],
    });
  }
}
