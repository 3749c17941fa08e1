// Request bodies and queries of the agency routes: placing cases (by hand or by a rule), the
// agency's answer, ops' recall, and the performance period.
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { RECOVERY_SEGMENTS, type RecoverySegment } from '../../../policies/recovery-segments.js';
import { requestMinorUnits } from '../http/schema.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { IsCalendarDate, IsKnownProduct, IsMinorUnits, IsSupportedCurrency, MaxLength, Omittable } from '../http/validators.js';
import { WORK_ITEM_ID_PATTERN } from '../recovery/recovery-ids.js';

/** The most cases one placement, answer or recall names. */
export const MAX_BATCH = 500;
export const PLACEMENT_ID_PATTERN = '^plc-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const PLACEMENT_EXAMPLE = 'plc-3f1e2d4c-5b6a-4789-8abc-def012345678';
const CASE_EXAMPLE = 'case-recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1';
const WORK_ITEM = new RegExp(WORK_ITEM_ID_PATTERN);

const caseIds = (description: string): ApiPropertyOptions => ({ type: 'array', minItems: 1, maxItems: MAX_BATCH, items: { type: 'string', pattern: WORK_ITEM_ID_PATTERN }, example: [CASE_EXAMPLE], description });
const reason = (example: string) => ({ type: String, minLength: 1, maxLength: 500, pattern: NON_BLANK_TEXT_PATTERN, example }) as const;

export class PlacementRuleDto {
  @ApiPropertyOptional({ type: String, example: 'collections' })
  @Omittable() @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 lower-case letters, digits, _ or -' })
  queue?: string;

  @ApiPropertyOptional({ type: [String], example: ['91-180', '180+'], description: 'The bucket the account is in now: any of these' })
  @Omittable() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(32, { each: true })
  buckets?: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100_000, example: 90, description: 'Days past due, at least' })
  @Omittable() @IsInt() @Min(0) @Max(100_000)
  minDpd?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100_000, description: 'Days past due, at most' })
  @Omittable() @IsInt() @Min(0) @Max(100_000)
  maxDpd?: number;

  @ApiPropertyOptional({ type: String, example: 'INR', description: 'The loan currency (needed with a balance bound)' })
  @Omittable() @IsSupportedCurrency()
  currency?: string;

  @ApiPropertyOptional({ ...requestMinorUnits(0, 'Outstanding balance at least, in minor units of currency'), example: 5_000_000 })
  @Omittable() @IsMinorUnits(0)
  minBalanceMinor?: number;

  @ApiPropertyOptional({ ...requestMinorUnits(0, 'Outstanding balance at most, in minor units of currency') })
  @Omittable() @IsMinorUnits(0)
  maxBalanceMinor?: number;

  @ApiPropertyOptional({ type: String, example: 'personal-loan' })
  @Omittable() @IsKnownProduct()
  product?: string;

  @ApiPropertyOptional({ type: String, pattern: '^[A-Z]{2}$', example: 'IN', description: "The borrower's country (the region the case is worked in)" })
  @Omittable() @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code in upper case' })
  country?: string;

  @ApiPropertyOptional({ type: String, enum: RECOVERY_SEGMENTS })
  @Omittable() @IsIn(RECOVERY_SEGMENTS)
  segment?: RecoverySegment;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_BATCH, description: "At most this many cases (never more than the agency's room)" })
  @Omittable() @IsInt() @Min(1) @Max(MAX_BATCH)
  limit?: number;
}

export class PlaceCasesDto {
  @ApiPropertyOptional(caseIds('By hand: these work items, in this order, as far as the agency has room'))
  @Omittable() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_BATCH) @Matches(WORK_ITEM, { each: true, message: `each must look like ${CASE_EXAMPLE}` })
  caseIds?: string[];

  @ApiPropertyOptional({ type: () => PlacementRuleDto, description: 'By rule: the open work items nobody accepted that match, highest priority first' })
  @Omittable() @IsObject() @ValidateNested() @Type(() => PlacementRuleDto)
  rule?: PlacementRuleDto;
}

export class AcceptPlacementDto {
  @ApiPropertyOptional(caseIds("Only these of the placement's cases (all it still holds when left out)"))
  @Omittable() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_BATCH) @Matches(WORK_ITEM, { each: true, message: `each must look like ${CASE_EXAMPLE}` })
  caseIds?: string[];
}

export class RejectPlacementDto extends AcceptPlacementDto {
  @ApiProperty(reason('At capacity this month'))
  @IsString() @IsNotEmpty() @MaxLength(500) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}

export class RecallCasesDto {
  @ApiPropertyOptional({ type: String, pattern: PLACEMENT_ID_PATTERN, example: PLACEMENT_EXAMPLE, description: 'The placement whose cases to recall (with caseIds: only those of it)' })
  @Omittable() @Matches(new RegExp(PLACEMENT_ID_PATTERN), { message: `must look like ${PLACEMENT_EXAMPLE}` })
  placementId?: string;

  @ApiPropertyOptional(caseIds('By hand: these work items the agency holds'))
  @Omittable() @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_BATCH) @Matches(WORK_ITEM, { each: true, message: `each must look like ${CASE_EXAMPLE}` })
  caseIds?: string[];

  @ApiProperty(reason('Contract review'))
  @IsString() @IsNotEmpty() @MaxLength(500) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
/** The longest period one performance read covers. */
export const MAX_PERFORMANCE_DAYS = 366;

export class AgencyPerformanceQueryDto {
  @ApiProperty({ type: String, format: 'date', example: '2026-11-01', description: 'From the start of this day (UTC), inclusive' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ type: String, format: 'date', example: '2026-12-01', description: `Until the start of this day (UTC), exclusive; after from, at most ${MAX_PERFORMANCE_DAYS} days later` })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({ type: String, enum: GRANULARITIES, default: 'week', description: 'Spans of the period: UTC days, ISO weeks (from Monday) or calendar months, the first and last cut to the period' })
  @Omittable() @IsIn(GRANULARITIES)
  by?: Granularity;

  @ApiPropertyOptional({ type: String, pattern: '^[A-Za-z0-9._@:-]{1,64}$', example: 'agy-northstar', description: "One agency (an agency's own user reads only its own, whatever this says)" })
  @Omittable() @Matches(/^[A-Za-z0-9._@:-]{1,64}$/, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  agency?: string;
}

export class ListPlacementsQueryDto {
  @ApiPropertyOptional({ type: String, pattern: '^[A-Za-z0-9._@:-]{1,64}$', example: 'agy-northstar', description: "One agency's (an agency's own user reads only its own)" })
  @Omittable() @Matches(/^[A-Za-z0-9._@:-]{1,64}$/, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  agency?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}
