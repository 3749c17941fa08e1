// The compliance assistant over HTTP: a question to a collection answered from its documents only
// (as one JSON answer, or streamed as server-sent events), the collections there are, and one
// passage by ID (a citation opens the passage it quotes).
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Orm } from '../../../db/orm.js';
import { RagCollectionRepository, type CollectionSummary, type PassageRecord } from '../../../db/repositories/rag-collection.repository.js';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ProblemException } from '../http/problem.js';
import type { ApiResponse } from '../http/request-context.js';
import { Inject } from '@nestjs/common';
import { ORM } from '../tokens.js';
import { AskAssistantUseCase, type AssistantAnswer } from './ask-assistant.usecase.js';
import { AskDto } from './assistant-requests.dto.js';
import { ANSWER_SCHEMA, COLLECTIONS_SCHEMA, PASSAGE_SCHEMA } from './assistant-responses.js';
import { answerEvents } from './answer-events.js';

const CHUNK_ID = /^c_[0-9a-f]{24}$/;

@ApiTags('assistant')
@ApiUnexpectedProblem()
@Requires('assistant:ask')
@Controller('v1/assistant')
export class AssistantController {
  constructor(
    private readonly ask: AskAssistantUseCase,
    @Inject(ORM) private readonly orm: Orm,
  ) {}

  @Post('ask')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask a collection a question',
    description:
      'Answers from the collection\'s documents only: every sentence cites a retrieved passage (checked word for word), the retrieved passages come with the answer, and when they do not cover the question the answer says so and cites nothing. Send the conversationId back for a follow-up: it is read in the conversation\'s context. Requests to reveal instructions, ignore the rules, invent citations or disclose credentials are refused; the rest of the question is still answered. Conversations are kept sealed, and only whoever started one may continue it.',
  })
  @ApiOkResponse({ schema: ANSWER_SCHEMA })
  @ApiProblems(400, [404, 'No such collection, or no such conversation of yours'], 413, 415, [422, 'The conversation asks another collection'])
  answer(@Body() body: AskDto, @Caller() caller: Principal): Promise<AssistantAnswer> {
    return this.ask.execute({ collection: body.collection, question: body.question, conversationId: body.conversationId ?? null, caller });
  }

  @Post('ask/stream')
  @ApiOperation({
    summary: 'Ask a collection a question, answered as server-sent events',
    description:
      'The same question and answer as POST /v1/assistant/ask, as text/event-stream: `retrieved` (the passages, best first), then `token` events (the answer a sentence at a time, each with its citation marker, only once its citation has been checked), then `done` (the whole answer: citations, refusal, conversationId). A failure after the stream began is an `error` event carrying a problem document.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'A stream of server-sent events: retrieved, token..., done', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiProblems(400, [404, 'No such collection, or no such conversation of yours'], 413, 415, [422, 'The conversation asks another collection'])
  async stream(@Body() body: AskDto, @Caller() caller: Principal, @Res() res: ApiResponse): Promise<void> {
    // The answer is worked out before the stream opens, so a refused request is still a plain problem answer.
    const answer = await this.ask.execute({ collection: body.collection, question: body.question, conversationId: body.conversationId ?? null, caller });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('X-Accel-Buffering', 'no');
    for (const event of answerEvents(answer)) res.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
    res.end();
  }

  @Get('collections')
  @ApiOperation({ summary: 'The document collections the assistant answers from' })
  @ApiOkResponse({ schema: COLLECTIONS_SCHEMA })
  async collections(): Promise<{ items: CollectionSummary[] }> {
    return { items: await new RagCollectionRepository(this.orm.em.fork()).list() };
  }

  @Get('passages/:chunkId')
  @ApiOperation({ summary: 'One passage, as a citation names it', description: 'Its text, section, source, document and offsets in it.' })
  @ApiParam({ name: 'chunkId', schema: { type: 'string', pattern: CHUNK_ID.source, example: 'c_0123456789abcdef01234567' } })
  @ApiOkResponse({ schema: PASSAGE_SCHEMA })
  @ApiProblems([400, 'chunkId is not a passage ID'], 404)
  async passage(@Param('chunkId') chunkId: string): Promise<PassageRecord> {
    if (!CHUNK_ID.test(chunkId)) throw ProblemException.validation([{ field: 'chunkId', message: 'must be c_ and 24 hex digits' }]);
    const found = await new RagCollectionRepository(this.orm.em.fork()).passage(chunkId);
    if (!found) throw new ProblemException('passageNotFound', `there is no passage ${chunkId}`);
    return found;
  }
}
