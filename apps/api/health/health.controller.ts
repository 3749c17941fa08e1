import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { ApiResponse } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { CheckHealthUseCase } from './check-health.usecase.js';
import { HealthDto } from './health-response.dto.js';
import { Public } from '../auth/access.decorator.js';

@ApiTags('health')
@Public('probed by the launcher and load balancers; says only whether the dependencies answer')
@Controller('health')
export class HealthController {
  constructor(private readonly checkHealth: CheckHealthUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Whether Temporal, Postgres and the providers answer' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'At least one check failed' })
  async health(@Res() res: ApiResponse): Promise<void> {
    const report = await this.checkHealth.execute();
    res.setHeader('Cache-Control', 'no-store');
    sendJson(res, report.status === 'ok' ? 200 : 503, report);
  }
}
