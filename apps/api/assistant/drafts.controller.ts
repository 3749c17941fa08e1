// The drafting agent over HTTP: a message to a borrower written from the loan's records, with the
// compliance gate's verdict. Nothing is sent.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Draft } from '../../../rag/drafting/draft-message.js';
import { Requires } from '../auth/access.decorator.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { toIsoInstant } from '../http/instant-pattern.js';
import { DraftDto } from './assistant-requests.dto.js';
import { DRAFT_SCHEMA } from './assistant-responses.js';
import { DraftMessageUseCase } from './draft-message.usecase.js';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import { ReadScope } from '../auth/scope.js';

@ApiTags('assistant')
@ApiUnexpectedProblem()
@Requires('assistant:draft')
@Controller('v1/assistant/drafts')
export class DraftsController {
  constructor(private readonly draft: DraftMessageUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Draft a message to a borrower',
    description:
      'Written for the borrower: tone by recovery segment (empathetic for sudden distress, firm and fair for an unwilling payer, plain for someone new to credit), in their language (or the one asked for), at the channel\'s length. Amounts, dates and names come from the loan\'s records: the composer (a configured chat model, else the phrase banks) writes placeholders, and text that states a figure of its own is refused and written by the phrase banks instead. The draft carries the gate\'s disclosures and opt-out line and comes back with the verdict: the contact rules (standing, hours, opt-outs) and the content rules (no threats, no false urgency, required disclosures, nothing about the debt where others may see it).',
  })
  @ApiOkResponse({ schema: DRAFT_SCHEMA })
  @ApiProblems(400, 404, [409, 'The loan has no contact profile, no promise to confirm or nothing due to remind of'], 413, 415)
  create(@Body() body: DraftDto, @ReadScope() scope: CaseScope): Promise<Draft> {
    return this.draft.execute({ scope, loanId: body.loanId.toLowerCase(), channel: body.channel, purpose: body.purpose, language: body.language ?? null, at: body.at === undefined ? Date.now() : Date.parse(toIsoInstant(body.at)) });
  }
}
