// Request bodies and queries of the unapplied-cash endpoints.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches } from 'class-validator';
import { UNAPPLIED_REASONS, UNAPPLIED_STATUSES, type UnappliedReason, type UnappliedStatus } from '../../../domain/unapplied-cash.js';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { PageQuery } from '../http/page-query.js';
import { MaxLength, Omittable } from '../http/validators.js';

export class ListUnappliedCashQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: String, enum: UNAPPLIED_STATUSES })
  @Omittable() @IsIn(UNAPPLIED_STATUSES)
  status?: UnappliedStatus;

  @ApiPropertyOptional({ type: String, enum: UNAPPLIED_REASONS })
  @Omittable() @IsIn(UNAPPLIED_REASONS)
  reason?: UnappliedReason;

  @ApiPropertyOptional({ type: String, pattern: '^[A-Z]{3}$', example: 'INR', description: 'ISO 4217, upper case' })
  @Omittable() @Matches(/^[A-Z]{3}$/, { message: 'must be three upper-case letters (ISO 4217)' })
  currency?: string;
}

class ActionRequestDto {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 100, example: 'ops.asha', description: 'Who asks, for the record' })
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(100)
  requestedBy?: string;
}

export class ApplyUnappliedCashDto extends ActionRequestDto {
  @ApiProperty({ ...LOAN_ID_SCHEMA, description: 'The loan to pay with it: active or delinquent, in the same currency' })
  @Matches(new RegExp(LOAN_ID_SCHEMA.pattern), { message: 'must be a loan ID (a UUID)' })
  loanId!: string;
}

export class RefundUnappliedCashDto extends ActionRequestDto {}
