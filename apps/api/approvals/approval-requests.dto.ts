// Request bodies and queries of the approvals endpoints.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { APPROVAL_KINDS, APPROVAL_STATUSES, type ApprovalKind, type ApprovalStatus } from '../../../db/repositories/approval.repository.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { MaxLength, Omittable } from '../http/validators.js';

export class ListApprovalsQueryDto {
  @ApiPropertyOptional({ type: String, enum: APPROVAL_STATUSES, default: 'pending' })
  @Omittable() @IsIn(APPROVAL_STATUSES)
  status?: ApprovalStatus;

  @ApiPropertyOptional({ type: String, enum: APPROVAL_KINDS })
  @Omittable() @IsIn(APPROVAL_KINDS)
  kind?: ApprovalKind;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 500, default: 100 })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class DecideApprovalDto {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 1000, pattern: NON_BLANK_TEXT_PATTERN, description: 'Why, for the record' })
  @Omittable() @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  note?: string;
}
