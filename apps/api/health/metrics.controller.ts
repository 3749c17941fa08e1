// Prometheus scrapes one endpoint: the models' drift and shadow agreement, and the background
// pipelines' backlog.
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/access.decorator.js';
import { ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ModelMonitoringUseCase } from '../models/model-monitoring.usecase.js';
import { PipelineMetrics } from './pipeline-metrics.js';

@ApiTags('health')
@ApiUnexpectedProblem()
@Controller()
export class MetricsController {
  constructor(
    private readonly models: ModelMonitoringUseCase,
    private readonly pipelines: PipelineMetrics,
  ) {}

  @Requires('metrics:read')
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics: model PSI per input and score, shadow agreement, the episode-signal outbox backlog and dead letters' })
  @ApiOkResponse({ schema: { type: 'string' } })
  async metrics(): Promise<string> {
    return (await this.models.metrics()) + (await this.pipelines.exposition());
  }
}
