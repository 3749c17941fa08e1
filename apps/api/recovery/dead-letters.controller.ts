// Contacts whose sends exhausted their retries: the list ops work from, one letter, and its
// replay. A replay runs on the worker (the API holds no provider clients) and answers what became
// of the contact: sent, blocked by a rule, or dead-lettered again.
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.js';
import type { ApiResponse } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import type { DeadLetterView } from './contact-views.js';
import { GetDeadLetterUseCase } from './get-dead-letter.usecase.js';
import { ListDeadLettersUseCase, type DeadLetterList } from './list-dead-letters.usecase.js';
import { ReplayDeadLetterDto, ListDeadLettersQueryDto } from './recovery-requests.dto.js';
import { DEAD_LETTER_LIST_SCHEMA, DEAD_LETTER_REPLAY_SCHEMA, DEAD_LETTER_SCHEMA } from './recovery-responses.js';
import { ReplayDeadLetterUseCase } from './replay-dead-letter.usecase.js';
import { Requires } from '../auth/access.decorator.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

const ID_PARAM = { name: 'id', schema: LOAN_ID_SCHEMA } as const;

@ApiTags('recovery')
@ApiUnexpectedProblem()
@Requires('dead-letters:read')
@Controller('v1/recovery/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly listLetters: ListDeadLettersUseCase,
    private readonly getLetter: GetDeadLetterUseCase,
    private readonly replayLetter: ReplayDeadLetterUseCase,
  ) {}

  @Get()
  @AuditedRead()
  @ApiOperation({ summary: 'Dead letters, newest first', description: 'Sends that exhausted their retries, filtered by channel and status. Keyset-paginated: pass nextCursor as cursor for the next page. Addresses masked; never the message text.' })
  @ApiOkResponse({ schema: DEAD_LETTER_LIST_SCHEMA })
  @ApiProblems([400, 'Invalid channel, status, limit or cursor'])
  list(@Query() query: ListDeadLettersQueryDto): Promise<DeadLetterList> {
    const filter = { ...(query.channel !== undefined ? { channel: query.channel } : {}), ...(query.status !== undefined ? { status: query.status } : {}) };
    return this.listLetters.execute({ filter, cursor: query.cursor ?? null, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }

  @Get(':id')
  @AuditedRead()
  @ApiOperation({ summary: 'One dead letter' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ schema: DEAD_LETTER_SCHEMA })
  @ApiProblems([400, 'id is not a UUID'], 404)
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<DeadLetterView> {
    return this.getLetter.execute({ id });
  }

  @Requires('dead-letters:replay')
  @Post(':id/replay')
  @ApiOperation({
    summary: 'Replay it',
    description:
      'Sends the contact again under its own delivery key, through the compliance gate as it stands now (a contact that left in the end is not sent twice). Once per dead letter: a replay that fails again leaves a new dead letter (next); one the rules only defer (hours, a cap) leaves this letter open with that answer.',
  })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ schema: DEAD_LETTER_REPLAY_SCHEMA, description: 'What became of the contact' })
  @ApiAcceptedResponse({ schema: DEAD_LETTER_REPLAY_SCHEMA, description: 'Still under way when the answer was due; outcome is null' })
  @ApiProblems([400, 'Invalid id or body'], [404, 'No such dead letter'], [409, 'Already replayed, or being replayed; or its recovery episode has ended (nothing to chase)'], 413, 415)
  async replay(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: ReplayDeadLetterDto, @Res() res: ApiResponse): Promise<void> {
    const { finished, replay } = await this.replayLetter.execute({ id, by: body.by });
    sendJson(res, finished ? 200 : 202, replay);
  }
}
