import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CheckResult, DependencyName, HealthReport } from './check-health.usecase.js';

export class CheckResultDto implements CheckResult {
  @ApiProperty({ type: String, enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ type: Number, format: 'int32' })
  latencyMs!: number;

  @ApiPropertyOptional({ type: String })
  error?: string;
}

export class ChecksDto implements Record<DependencyName, CheckResult> {
  @ApiProperty({ type: () => CheckResultDto })
  temporal!: CheckResultDto;

  @ApiProperty({ type: () => CheckResultDto })
  database!: CheckResultDto;

  @ApiProperty({ type: () => CheckResultDto })
  bureau!: CheckResultDto;

  @ApiProperty({ type: () => CheckResultDto })
  aggregator!: CheckResultDto;

  @ApiProperty({ type: () => CheckResultDto })
  gateway!: CheckResultDto;
}

export class HealthDto implements HealthReport {
  @ApiProperty({ type: String, enum: ['ok', 'unavailable'] })
  status!: 'ok' | 'unavailable';

  @ApiProperty({ type: () => ChecksDto })
  checks!: ChecksDto;
}
