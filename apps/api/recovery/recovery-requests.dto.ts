// Request bodies and queries of the recovery endpoints: promises, the cases list and stats, the
// work items collectors act on, dead letters, disputes, contact-standing flags and original creditors.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '../../../db/repositories/contact-dead-letter.repository.js';
import { CHANNELS, type Channel } from '../../../policies/compliance/rules.js';
import { RECOVERY_SEGMENTS, type RecoverySegment } from '../../../policies/recovery-segments.js';
import { CASE_OUTCOMES, type CaseOutcome } from '../../../workflows/recovery/definitions.js';
import { ARRANGEMENT_KINDS, type ArrangementKind } from '../../../domain/arrangements.js';
import { PageQuery } from '../http/page-query.js';
import { requestMinorUnits } from '../http/schema.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { IsCalendarDate, IsMinorUnits, MaxLength, Omittable } from '../http/validators.js';
import { STANDING_FLAGS, type StandingFlag } from './set-standing-flag.usecase.js';

const ACTOR = /^[A-Za-z0-9._@:-]{1,64}$/;
const ACTOR_SCHEMA = { type: String, pattern: ACTOR.source, minLength: 1, maxLength: 64 } as const;

export class PromiseTermsDto {
  @ApiProperty({ ...requestMinorUnits(1, 'Minor units of the loan currency the borrower promises to pay'), example: 500_000 })
  @IsMinorUnits(1)
  amountMinor!: number;

  @ApiProperty({ type: String, format: 'date', example: '2026-12-11', description: "The day the borrower will pay by: today or later, within the policy's horizon" })
  @IsCalendarDate()
  dueOn!: string;
}

export class MakePromiseDto extends PromiseTermsDto {
  @ApiPropertyOptional({ ...ACTOR_SCHEMA, example: 'col-anita', description: 'Who took the promise (a collector), for the record' })
  @Omittable() @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  takenBy?: string;
}

export class ListRecoveryCasesQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: String, example: '31-60', description: 'The bucket the account is in now' })
  @Omittable() @IsString() @MaxLength(32)
  bucket?: string;

  @ApiPropertyOptional({ type: String, enum: RECOVERY_SEGMENTS })
  @Omittable() @IsIn(RECOVERY_SEGMENTS)
  segment?: RecoverySegment;

  @ApiPropertyOptional({ type: String, enum: ['running', 'ended'] })
  @Omittable() @IsIn(['running', 'ended'])
  status?: 'running' | 'ended';

  @ApiPropertyOptional({ ...ACTOR_SCHEMA, description: 'Only episodes whose open hand-off case this assignee holds' })
  @Omittable() @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  assignee?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 2_147_483_647 })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647)
  policyVersion?: number;
}

export const STATS_DIMENSIONS = ['bucket', 'segment', 'policyVersion', 'arm'] as const;

export class RecoveryStatsQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'Only episodes started on or after this day' })
  @Omittable() @IsCalendarDate()
  since?: string;
}

// Not a PageQuery: a queue is read from its top, highest priority first, not paged by a cursor.
export class ListWorkItemsQueryDto {
  @ApiPropertyOptional({ type: String, example: 'collections' })
  @Omittable() @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'must be 1 to 64 lower-case letters, digits, _ or -' })
  queue?: string;

  @ApiPropertyOptional({ ...ACTOR_SCHEMA })
  @Omittable() @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  assignee?: string;

  @ApiPropertyOptional({ type: String, enum: ['open', 'accepted', 'closed'] })
  @Omittable() @IsIn(['open', 'accepted', 'closed'])
  status?: 'open' | 'accepted' | 'closed';

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

// The desk acts as its caller (auth/scope.ts): no body names the assignee, and one that tries is
// refused (400: the property should not exist).

export class DeskQueueQueryDto {
  @ApiPropertyOptional({ type: String, enum: ['open', 'accepted'], description: 'Only items given to you and not yet accepted (open), or accepted' })
  @Omittable() @IsIn(['open', 'accepted'])
  status?: 'open' | 'accepted';

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class DeskAvailableQueryDto {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 200, default: 50 })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class DeclineWorkItemDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 500, pattern: NON_BLANK_TEXT_PATTERN, example: 'At capacity this week' })
  @IsString() @IsNotEmpty() @MaxLength(500) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}

export class PlanRequestDto {
  @ApiProperty({ type: String, enum: ARRANGEMENT_KINDS, description: 'What the borrower asked for: a repayment plan, a restructure or a settlement' })
  @IsIn(ARRANGEMENT_KINDS)
  kind!: ArrangementKind;
}

export class WorkItemOutcomeDto {
  @ApiProperty({ type: String, enum: CASE_OUTCOMES })
  @IsIn(CASE_OUTCOMES)
  outcome!: CaseOutcome;

  @ApiPropertyOptional({ type: () => PromiseTermsDto, description: 'The promise taken on the call (with outcome promised)' })
  @Omittable() @IsObject() @ValidateNested() @Type(() => PromiseTermsDto)
  promise?: PromiseTermsDto;

  @ApiPropertyOptional({ type: () => PlanRequestDto, description: 'With outcome plan_requested (and only with it): the arrangement the borrower asked for. The case\'s events show it; the proposal itself goes through the arrangements API.' })
  @Omittable() @IsObject() @ValidateNested() @Type(() => PlanRequestDto)
  plan?: PlanRequestDto;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 2000, pattern: NON_BLANK_TEXT_PATTERN })
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(2000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  note?: string;
}

export class CaseNoteDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 2000, pattern: NON_BLANK_TEXT_PATTERN, example: 'Asked to be called after 6pm; works shifts' })
  @IsString() @IsNotEmpty() @MaxLength(2000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  note!: string;
}

export class AssigneeDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, pattern: NON_BLANK_TEXT_PATTERN, example: 'Anita Rao' })
  @IsString() @IsNotEmpty() @MaxLength(200) @Matches(NOT_BLANK, { message: 'must not be blank' })
  name!: string;

  @ApiProperty({ type: String, enum: ['collector', 'agency'] })
  @IsIn(['collector', 'agency'])
  kind!: 'collector' | 'agency';

  @ApiProperty({ type: [String], example: ['negotiation', 'hindi'], description: 'What the assignee is certified for; a case goes only to someone with every skill it needs' })
  @IsArray() @ArrayMaxSize(20) @Matches(/^[a-z0-9_-]{1,32}$/, { each: true, message: 'each skill must be 1 to 32 lower-case letters, digits, _ or -' })
  skills!: string[];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, description: 'Open cases held at once' })
  @IsInt() @Min(0) @Max(10_000)
  capacity!: number;

  @ApiPropertyOptional({ type: Boolean, default: true })
  @Omittable() @IsBoolean()
  active?: boolean;
}

export class ListDeadLettersQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: String, enum: CHANNELS, description: 'The channel the send died on' })
  @Omittable() @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ type: String, enum: DEAD_LETTER_STATUSES })
  @Omittable() @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;
}

export class ReplayDeadLetterDto {
  @ApiProperty({ ...ACTOR_SCHEMA, example: 'ops.asha', description: 'Who replays it, for the record' })
  @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  by!: string;
}

export class VerifyDisputeDto {
  @ApiProperty({ ...ACTOR_SCHEMA, example: 'compliance.ravi', description: 'Who recorded the verification' })
  @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  by!: string;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 2000, pattern: NON_BLANK_TEXT_PATTERN, example: 'Statement and signed agreement sent by post' })
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(2000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  note?: string;
}

export class StandingFlagDto {
  @ApiProperty({ type: String, enum: STANDING_FLAGS })
  @IsIn(STANDING_FLAGS)
  flag!: StandingFlag;

  @ApiProperty({ type: Boolean, description: 'true sets the flag (contact stops at the gate), false clears it' })
  @IsBoolean()
  value!: boolean;

  @ApiProperty({ ...ACTOR_SCHEMA, example: 'ops.asha' })
  @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  by!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 500, pattern: NON_BLANK_TEXT_PATTERN, example: 'Chapter 7 petition filed, case 26-10432' })
  @IsString() @IsNotEmpty() @MaxLength(500) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}

export class OriginalCreditorDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, pattern: NON_BLANK_TEXT_PATTERN, example: 'First Bank of Example, N.A.', description: 'The original creditor\'s name, as the borrower will read it' })
  @IsString() @IsNotEmpty() @MaxLength(200) @Matches(NOT_BLANK, { message: 'must not be blank' })
  name!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 500, pattern: NON_BLANK_TEXT_PATTERN, example: '10 Main Street, Dover, DE 19901', description: 'Its mailing address, on one line' })
  @IsString() @IsNotEmpty() @MaxLength(500) @Matches(NOT_BLANK, { message: 'must not be blank' })
  address!: string;

  @ApiProperty({ ...ACTOR_SCHEMA, example: 'ops.asha', description: 'Who recorded it' })
  @Matches(ACTOR, { message: 'must be 1 to 64 letters, digits or ._@:-' })
  by!: string;
}
