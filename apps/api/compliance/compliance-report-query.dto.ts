// The report's period, [from, to), and its format.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { INSTANT_PATTERN } from '../http/instant-pattern.js';
import { IsInstant, Omittable } from '../http/validators.js';

export const REPORT_FORMATS = ['csv', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** The longest period one report covers. */
export const MAX_REPORT_DAYS = 366;

export class ComplianceReportQueryDto {
  @ApiProperty({ type: String, pattern: INSTANT_PATTERN, example: '2026-11-01', description: 'From this instant (a date: its start, UTC), inclusive' })
  @IsInstant()
  from!: string;

  @ApiProperty({ type: String, pattern: INSTANT_PATTERN, example: '2026-12-01', description: `Until this instant, exclusive; after from, and at most ${MAX_REPORT_DAYS} days later` })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({ type: String, enum: REPORT_FORMATS, default: 'csv' })
  @Omittable() @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}
