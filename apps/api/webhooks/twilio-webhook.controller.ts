// Twilio's webhooks: message and call status callbacks, inbound texts, and Gather key presses.
// Twilio posts forms (JsonBodyMiddleware parses them on these routes only) and signs the full URL
// with the fields; the use case checks that before anything else.
import { Controller, Header, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import type { ApiRequest } from '../http/request-context.js';
import type { TwilioCallbackKind } from './handle-twilio-callback.command.js';
import { HandleTwilioCallbackUseCase } from './handle-twilio-callback.usecase.js';
import { TwilioStatusAckDto } from './provider-webhook-response.dto.js';
import { Public } from '../auth/access.decorator.js';

const FORM = 'application/x-www-form-urlencoded';
const SIGNED = "Signed with X-Twilio-Signature over the URL Twilio posted to (PUBLIC_WEBHOOK_BASE + path + query) and the form fields; a missing or wrong signature is a 403 and nothing is recorded. A replay (the same I-Twilio-Idempotency-Token, or SID and status) is acknowledged and not handed on again.";
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

@ApiTags('webhooks')
@ApiUnexpectedProblem()
@ApiHeader({ name: 'X-Twilio-Signature', required: true })
@ApiConsumes(FORM)
@Public("Twilio's signed callbacks: X-Twilio-Signature is checked instead")
@Controller('v1/webhooks/twilio')
export class TwilioWebhookController {
  constructor(private readonly handle: HandleTwilioCallbackUseCase) {}

  @Post('status')
  @HttpCode(200)
  @ApiOperation({ summary: "Twilio's message and call status callbacks", description: `${SIGNED} The query's d names our delivery.` })
  @ApiBody({ schema: { type: 'object', additionalProperties: { type: 'string' }, example: { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'delivered', To: '+919000000101', From: '+15005550006' } } })
  @ApiOkResponse({ type: TwilioStatusAckDto })
  @ApiProblems([400, 'Not a status callback'], [403, 'Missing or wrong X-Twilio-Signature'], 413, 415)
  async status(@Req() req: ApiRequest, @Headers() headers: Record<string, string | undefined>): Promise<TwilioStatusAckDto> {
    const { eventId, handedOn } = await this.handle.execute(this.command('status', req, headers));
    return { eventId, handedOn };
  }

  @Post('inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiProduces('text/xml')
  @ApiOperation({ summary: 'A text a borrower sent us (SMS or WhatsApp)', description: `${SIGNED} Answered with empty TwiML: recovery replies, if at all, as its own message.` })
  @ApiBody({ schema: { type: 'object', additionalProperties: { type: 'string' }, example: { MessageSid: 'SM0123456789abcdef0123456789abcdef', From: '+919000000102', To: '+15005550006', Body: 'STOP' } } })
  @ApiOkResponse({ schema: { type: 'string', example: EMPTY_TWIML } })
  @ApiProblems([400, 'Not an inbound message'], [403, 'Missing or wrong X-Twilio-Signature'], 413, 415)
  async inbound(@Req() req: ApiRequest, @Headers() headers: Record<string, string | undefined>): Promise<string> {
    await this.handle.execute(this.command('inbound', req, headers));
    return EMPTY_TWIML;
  }

  @Post('voice/gather')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiProduces('text/xml')
  @ApiOperation({ summary: 'The keys a borrower pressed in the recovery IVR', description: `${SIGNED} Answered with TwiML that says what was understood (1 promise, 2 help, 3 dispute, 9 stop calls).` })
  @ApiBody({ schema: { type: 'object', additionalProperties: { type: 'string' }, example: { CallSid: 'CA0123456789abcdef0123456789abcdef', Digits: '1', To: '+919000000108', From: '+15005550006', Direction: 'outbound-api' } } })
  @ApiOkResponse({ schema: { type: 'string', example: '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Thank you. We have recorded your promise to pay the amount due within 7 days.</Say></Response>' } })
  @ApiProblems([400, 'Not a Gather result'], [403, 'Missing or wrong X-Twilio-Signature'], 413, 415)
  async gather(@Req() req: ApiRequest, @Headers() headers: Record<string, string | undefined>): Promise<string> {
    const outcome = await this.handle.execute(this.command('gather', req, headers));
    return outcome.twiml ?? EMPTY_TWIML;
  }

  private command(kind: TwilioCallbackKind, req: ApiRequest, headers: Record<string, string | undefined>) {
    return {
      kind,
      originalUrl: req.originalUrl ?? req.url ?? '',
      params: (req.body ?? {}) as Record<string, string>,
      signature: headers['x-twilio-signature'],
      idempotencyToken: headers['i-twilio-idempotency-token'],
    };
  }
}
