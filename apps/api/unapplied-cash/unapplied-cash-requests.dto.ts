// Request bodies and queries of the unapplied-cash endpoints.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { UNAPPLIED_REASONS, UNAPPLIED_STATUSES, type UnappliedReason, type UnappliedStatus } from '../../../domain/unapplied-cash.js';
import { CURSOR_PATTERN } from '../loans/cursor.js';
import { IsListCursor } from '../loans/cursor.validator.js';

export class ListUnappliedCashQueryDto {
  @ApiPropertyOptional({ type: String, enum: UNAPPLIED_STATUSES })
  @IsOptional() @IsIn(UNAPPLIED_STATUSES)
  status?: UnappliedStatus;

  @ApiPropertyOptional({ type: String, enum: UNAPPLIED_REASONS })
  @IsOptional() @IsIn(UNAPPLIED_REASONS)
  reason?: UnappliedReason;

  @ApiPropertyOptional({ type: String, example: 'INR', description: 'ISO 4217, upper case' })
  @IsOptional() @Matches(/^[A-Z]{3}$/, { message: 'must be three upper-case letters (ISO 4217)' })
  currency?: string;

  @ApiPropertyOptional({ type: String, pattern: CURSOR_PATTERN, description: 'nextCursor of the previous page' })
  @IsOptional() @IsListCursor()
  cursor?: string;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

class ActionRequestDto {
  @ApiPropertyOptional({ type: String, maxLength: 100, example: 'ops.asha', description: 'Who asks, for the record' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(100)
  requestedBy?: string;
}

export class ApplyUnappliedCashDto extends ActionRequestDto {
  @ApiProperty({ type: String, format: 'uuid', description: 'The loan to pay with it: active or delinquent, in the same currency' })
  @IsUUID('all', { message: 'must be a loan ID (a UUID)' })
  loanId!: string;
}

export class RefundUnappliedCashDto extends ActionRequestDto {}
