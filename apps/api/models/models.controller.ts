// The model registry over HTTP: what is deployed and how it is doing in production.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ShadowSummary } from '../../../db/repositories/model-score.repository.js';
import type { DriftReport } from '../../../models/monitoring/drift-report.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { INSTANT_PATTERN, toIsoInstant } from '../http/instant-pattern.js';
import { IsInstant, Omittable } from '../http/validators.js';
import { ModelMonitoringUseCase, type ModelSummary } from './model-monitoring.usecase.js';
import { Requires } from '../auth/access.decorator.js';

export class ShadowQueryDto {
  @Omittable() @IsInstant()
  since?: string;
}

@ApiTags('models')
@ApiUnexpectedProblem()
@Requires('models:read')
@Controller()
export class ModelsController {
  constructor(private readonly monitoring: ModelMonitoringUseCase) {}

  @Get('v1/models')
  @ApiOperation({ summary: 'Deployed models: champion and challenger versions, feature schema, threshold, validation metrics and fairness figures from their cards' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  list(): ModelSummary[] {
    return this.monitoring.list();
  }

  @Get('v1/models/:name/shadow')
  @ApiOperation({ summary: 'Champion against challenger on the same production traffic: pairs scored, agreement at the threshold, mean absolute difference' })
  @ApiQuery({ name: 'since', required: false, schema: { type: 'string', pattern: INSTANT_PATTERN }, description: 'A date (2026-12-01) or a date and time with its zone (2026-12-01T09:30:00Z, 2026-12-01T15:00+05:30), written from 1970-01-01 on; default 7 days ago' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  @ApiProblems(400, 404)
  shadow(@Param('name') name: string, @Query() query: ShadowQueryDto): Promise<ShadowSummary[]> {
    return this.monitoring.shadow(name, query.since === undefined ? new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString() : toIsoInstant(query.since));
  }

  @Get('v1/models/:name/drift')
  @ApiOperation({ summary: 'Population stability index of each input and of the score: the latest production scores against the training baseline' })
  @ApiOkResponse({ schema: { type: 'object' } })
  @ApiProblems(404)
  drift(@Param('name') name: string): Promise<DriftReport> {
    return this.monitoring.drift(name);
  }
}
