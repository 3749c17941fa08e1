// POST /v1/score: the stateless scoring endpoint for integrations (a partner's origination
// system, a collections dialler). Same runtime, registry and shadow scoring as the lifecycle.
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { MAX_BODY_BYTES, MAX_SCORE_BODY_BYTES } from '../http/json-body.middleware.js';
import { requestIdOf, type ApiRequest } from '../http/request-context.js';
import { ScoreRecordsUseCase } from './score-records.usecase.js';
import { MAX_RECORDS, ScoreRequestDto } from './score-request.dto.js';
import { ScoreResponseDto } from './score-response.dto.js';
import { Requires } from '../auth/access.decorator.js';

@ApiTags('models')
@ApiUnexpectedProblem()
@Requires('scoring:score')
@Controller('v1/score')
export class ScoreController {
  constructor(private readonly scoreRecords: ScoreRecordsUseCase) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Score records with a model's champion", description: `1 to ${MAX_RECORDS} records per request, in one batch, in a body of at most ${MAX_SCORE_BODY_BYTES / 1024 / 1024} MiB (other requests: ${MAX_BODY_BYTES / 1024} KiB). The challenger, if any, scores the same records in the shadow; both are recorded for monitoring.` })
  @ApiOkResponse({ type: ScoreResponseDto })
  @ApiProblems([400, 'Unknown model, or a record with a missing, mistyped or unknown feature (each named in errors[])'], 413, 415)
  score(@Body() body: ScoreRequestDto, @Req() req: ApiRequest): Promise<ScoreResponseDto> {
    return this.scoreRecords.execute({ model: body.model, records: body.records, explain: body.explain ?? 0, requestId: requestIdOf(req) });
  }
}
