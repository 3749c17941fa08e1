// The command centre's filters: product, region (the borrower's country) and a period of days.
// Both ends default (the last 90 days up to today, UTC); a period that runs backwards or longer
// than a year is refused at its field.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, IsKnownProduct, Omittable } from '../http/validators.js';

export const MAX_PERIOD_DAYS = 366;
export const DEFAULT_PERIOD_DAYS = 90;

export class AnalyticsQueryDto {
  @ApiPropertyOptional({ type: String, example: 'personal', description: 'Only loans of this product (its code)' })
  @Omittable() @IsKnownProduct()
  product?: string;

  @ApiPropertyOptional({ type: String, pattern: '^[A-Z]{2}$', example: 'IN', description: "Only loans whose borrower lives in this country (ISO 3166-1 alpha-2, from the loan's contact profile)" })
  @Omittable() @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code in upper case (e.g. IN, US)' })
  region?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-09-06', description: `First day of the period (UTC), inclusive; ${DEFAULT_PERIOD_DAYS} days before to when absent` })
  @Omittable() @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-12-04', description: `Last day of the period (UTC), inclusive; today when absent. At most ${MAX_PERIOD_DAYS} days after from` })
  @Omittable() @IsCalendarDate()
  to?: string;
}

export class WatchlistQueryDto {
  @ApiPropertyOptional({ type: String, example: 'personal', description: 'Only loans of this product (its code)' })
  @Omittable() @IsKnownProduct()
  product?: string;

  @ApiPropertyOptional({ type: String, pattern: '^[A-Z]{2}$', example: 'IN', description: "Only loans whose borrower lives in this country (ISO 3166-1 alpha-2)" })
  @Omittable() @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code in upper case (e.g. IN, US)' })
  region?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20, description: 'Loans in each list' })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}
