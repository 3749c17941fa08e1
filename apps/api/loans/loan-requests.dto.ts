// Request bodies and queries of the loan endpoints.
import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { LOAN_STATUSES, type LoanStatus } from '../../../domain/loan-status.js';
import { BankAccountDto } from '../applications/submit-application.dto.js';
import { IsCalendarDate, IsMinorUnits, IsReasonCode, IsSupportedCurrency } from '../http/validators.js';
import { CURSOR_PATTERN } from './cursor.js';
import { IsListCursor } from './cursor.validator.js';
import { MAX_REASONS, REASON_CODES } from './reason-codes.js';

export class AcceptOfferDto {
  @ApiPropertyOptional({ type: () => BankAccountDto, description: 'Where to pay out, when the application gave no account' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;
}

export class ReviewLoanDto {
  @ApiProperty({ type: String, maxLength: 100, example: 'underwriter.asha' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  reviewer!: string;

  @ApiProperty({ type: String, enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'])
  outcome!: 'approve' | 'decline';

  @ApiPropertyOptional({ type: [String], enum: REASON_CODES, maxItems: MAX_REASONS, description: `Adverse-action reasons: required for a decline (1 to ${MAX_REASONS})`, example: ['DELINQUENCY'] })
  @ValidateIf((o: ReviewLoanDto) => o.outcome === 'decline' || o.reasonCodes !== undefined)
  @IsArray() @ArrayNotEmpty({ message: 'a decline needs at least one reason code' }) @ArrayMaxSize(MAX_REASONS) @IsReasonCode({ each: true })
  reasonCodes?: string[];

  @ApiPropertyOptional({ type: String, maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: Number, format: 'int64', minimum: 1, description: 'Approved principal, minor units; the requested principal by default' })
  @IsOptional() @IsMinorUnits(1)
  principal?: number;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, maximum: 600 })
  @IsOptional() @IsInt() @Min(1) @Max(600)
  termMonths?: number;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 0, maximum: 10_000, description: 'APR in basis points' })
  @IsOptional() @IsInt() @Min(0) @Max(10_000)
  aprBps?: number;
}

// The review body as OpenAPI shows it: one shape per outcome, so a client generated from the
// document knows a decline needs its reason codes. ReviewLoanDto validates both.
export class ApproveReviewDto extends OmitType(ReviewLoanDto, ['outcome', 'reasonCodes'] as const) {
  @ApiProperty({ type: String, enum: ['approve'] })
  outcome!: 'approve';
}

export class DeclineReviewDto extends PickType(ReviewLoanDto, ['reviewer', 'note'] as const) {
  @ApiProperty({ type: String, enum: ['decline'] })
  outcome!: 'decline';

  @ApiProperty({ type: [String], enum: REASON_CODES, minItems: 1, maxItems: MAX_REASONS, description: `Adverse-action reasons, 1 to ${MAX_REASONS}: what the applicant's letter quotes`, example: ['DELINQUENCY'] })
  reasonCodes!: string[];
}

export class RecordPaymentDto {
  @ApiProperty({ type: Number, format: 'int64', minimum: 1, description: 'Minor units', example: 1_415_000 })
  @IsMinorUnits(1)
  amount!: number;

  @ApiProperty({ type: String, description: 'ISO 4217; must be the loan currency', example: 'INR' })
  @IsSupportedCurrency()
  currency!: string;

  @ApiProperty({ type: String, maxLength: 255, description: "The payer's reference: the same one twice posts once", example: 'utr-2026-000123' })
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: 'must be 1 to 255 visible ASCII characters' })
  externalId!: string;
}

export class ListLoansQueryDto {
  @ApiPropertyOptional({ type: String, enum: LOAN_STATUSES })
  @IsOptional() @IsIn(LOAN_STATUSES)
  status?: LoanStatus;

  @ApiPropertyOptional({ type: String, example: '1-15' })
  @IsOptional() @IsString() @MaxLength(32)
  bucket?: string;

  @ApiPropertyOptional({ type: String, example: 'personal' })
  @IsOptional() @IsString() @MaxLength(64)
  product?: string;

  @ApiPropertyOptional({ type: String, pattern: CURSOR_PATTERN, description: 'nextCursor of the previous page' })
  @IsOptional() @IsListCursor()
  cursor?: string;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;
}

export class PayoffQuoteQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'The payoff date; today by default' })
  @IsOptional() @IsCalendarDate()
  asOf?: string;
}
