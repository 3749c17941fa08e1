// Lob's signed webhooks. The signature covers the timestamp and the raw bytes, so the use case
// reads req.rawBody (kept by JsonBodyMiddleware), never the parsed body.
import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import type { ApiRequest } from '../http/request-context.js';
import { HandleLobEventUseCase } from './handle-lob-event.usecase.js';
import { LobEventAckDto } from './provider-webhook-response.dto.js';
import { Public } from '../auth/access.decorator.js';

@ApiTags('webhooks')
@ApiUnexpectedProblem()
@Public("Lob's signed webhooks: the Lob-Signature HMAC is checked instead")
@Controller('v1/webhooks/lob')
export class LobWebhookController {
  constructor(private readonly handle: HandleLobEventUseCase) {}

  @Post('events')
  @HttpCode(200)
  @ApiOperation({
    summary: "Lob's letter events",
    description:
      'Signed by Lob: Lob-Signature is the hex HMAC-SHA256, under LOB_WEBHOOK_SECRET, of Lob-Signature-Timestamp, a dot and the raw body; a missing, wrong or stale (over 5 minutes) signature is a 401 and nothing is recorded. letter.created, letter.mailed, letter.in_transit (and in_local_area, processed_for_delivery, re-routed), letter.delivered, letter.returned_to_sender (the address is not used for letters again), letter.rejected and letter.failed are delivery events; others are acknowledged and ignored. Each event ID is handed on once.',
  })
  @ApiHeader({ name: 'Lob-Signature', required: true })
  @ApiHeader({ name: 'Lob-Signature-Timestamp', required: true })
  @ApiBody({
    schema: {
      type: 'object',
      additionalProperties: true,
      example: { id: 'evt_9e84094c9368cfb1', event_type: { id: 'letter.mailed', enabled_for_test: true, resource: 'letters', object: 'event_type' }, body: { id: 'ltr_4868c3b754655f90', metadata: { delivery_key: 'recovery-…-1-v2-letter' }, object: 'letter' }, reference_id: 'ltr_4868c3b754655f90', date_created: '2026-12-04T17:00:00.000Z', object: 'event' },
    },
  })
  @ApiOkResponse({ type: LobEventAckDto })
  @ApiProblems([400, 'Not a Lob event'], [401, 'Missing, stale or wrong signature'], 413, 415)
  execute(@Req() req: ApiRequest, @Headers() headers: Record<string, string | undefined>): Promise<LobEventAckDto> {
    return this.handle.execute({ rawBody: req.rawBody?.toString('utf8') ?? '', signature: headers['lob-signature'], timestamp: headers['lob-signature-timestamp'] });
  }
}
