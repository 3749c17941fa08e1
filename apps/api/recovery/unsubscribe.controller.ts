// The one-click unsubscribe in every email we send (RFC 8058): its link is
// <publicBaseUrl>/unsubscribe/<deliveryKey>, named in List-Unsubscribe with List-Unsubscribe-Post.
// A mail client's one-click posts `List-Unsubscribe=One-Click` here; a borrower who follows the
// link gets a page whose button posts the same. Following the link (GET) changes nothing: mail
// scanners follow every link in a message. Every key is answered alike, known or not.
import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ProblemException } from '../http/problem.js';
import { UnsubscribeUseCase } from './unsubscribe.usecase.js';
import { Public } from '../auth/access.decorator.js';

const HTML = 'text/html; charset=utf-8';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head>
<body><main>${body}</main></body>
</html>
`;
}

/** The form posts to the page's own address (no action), so it works behind any proxy prefix. */
export const CONFIRM_PAGE = page(
  'Unsubscribe',
  '<h1>Stop these emails?</h1><p>Press the button and we will not email you about this loan again. Texts and calls are not affected: reply STOP to a text to stop those.</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>',
);

export const DONE_PAGE = page('Unsubscribed', '<h1>You are unsubscribed</h1><p>We will not email you about this loan again.</p>');

@ApiTags('recovery')
@ApiUnexpectedProblem()
@ApiParam({ name: 'deliveryKey', schema: { type: 'string', example: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1-3-email' }, description: 'The delivery key of the email the link came in' })
@Public('the one-click unsubscribe in every email (RFC 8058): the delivery key in the link is what it acts on, and it can only opt out')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeUseCase) {}

  @Get(':deliveryKey')
  @Header('Content-Type', HTML)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The page the unsubscribe link opens', description: 'A confirmation page whose button posts the one-click unsubscribe. Opening it changes nothing.' })
  @ApiOkResponse({ schema: { type: 'string', example: CONFIRM_PAGE } })
  confirm(): string {
    return CONFIRM_PAGE;
  }

  @Post(':deliveryKey')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058)',
    description: "Stops email to the borrower about the loan the email was about (an email opt-out in their contact standing), and tells the loan's running recovery episode. Idempotent; an unknown key is answered alike.",
  })
  @ApiBody({ schema: { type: 'object', required: ['List-Unsubscribe'], properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } } })
  @ApiOkResponse({ schema: { type: 'string', example: DONE_PAGE } })
  @ApiProblems([400, 'The body is not List-Unsubscribe=One-Click'], 413, [415, 'Not a form (application/x-www-form-urlencoded)'])
  async oneClick(@Param('deliveryKey') deliveryKey: string, @Body() body: Record<string, string> | undefined): Promise<string> {
    if (body?.['List-Unsubscribe'] !== 'One-Click') throw ProblemException.validation([{ field: 'List-Unsubscribe', message: 'must be One-Click (RFC 8058)' }]);
    await this.unsubscribe.execute({ deliveryKey });
    return DONE_PAGE;
  }
}
