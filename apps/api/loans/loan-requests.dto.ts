// Request bodies and queries of the loan endpoints.
import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, buildMessage, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { SUPPORTED_CURRENCIES } from '../../../domain/currency.js';
import { LOAN_STATUSES, type LoanStatus } from '../../../domain/loan-status.js';
import { BankAccountDto } from '../applications/submit-application.dto.js';
import { PageQuery } from '../http/page-query.js';
import { requestMinorUnits, VISIBLE_ASCII_REFERENCE } from '../http/schema.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { IsCalendarDate, IsMinorUnits, IsReasonCode, IsSupportedCurrency, MaxLength, Omittable } from '../http/validators.js';
import { MAX_REASONS, REASON_CODES } from './reason-codes.js';

export class AcceptOfferDto {
  @ApiPropertyOptional({ type: () => BankAccountDto, description: 'Where to pay out, when the application gave no account' })
  @Omittable() @IsObject() @ValidateNested() @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;
}

type ReviewOutcome = 'approve' | 'decline';

/** A field only one outcome takes: a decline's reason codes, an approval's terms. */
function OnlyFor(outcome: ReviewOutcome): PropertyDecorator {
  return ValidateBy({
    name: 'onlyFor',
    constraints: [outcome],
    validator: {
      validate: (_value: unknown, args) => (args?.object as { outcome?: unknown } | undefined)?.outcome === outcome,
      defaultMessage: buildMessage(() => (outcome === 'decline' ? 'is for a decline only' : 'is for an approval only')),
    },
  });
}

export class ReviewLoanDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 100, pattern: NON_BLANK_TEXT_PATTERN, example: 'underwriter.asha' })
  @IsString() @IsNotEmpty() @MaxLength(100) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reviewer!: string;

  @ApiProperty({ type: String, enum: ['approve', 'decline'] })
  @IsIn(['approve', 'decline'])
  outcome!: ReviewOutcome;

  @ApiPropertyOptional({ type: [String], enum: REASON_CODES, maxItems: MAX_REASONS, description: `Adverse-action reasons: required for a decline (1 to ${MAX_REASONS}), and for a decline only`, example: ['DELINQUENCY'] })
  @ValidateIf((o: ReviewLoanDto) => o.outcome === 'decline' || o.reasonCodes !== undefined)
  @IsArray() @ArrayNotEmpty({ message: 'a decline needs at least one reason code' }) @ArrayMaxSize(MAX_REASONS) @IsReasonCode({ each: true }) @OnlyFor('decline')
  reasonCodes?: string[];

  @ApiPropertyOptional({ type: String, maxLength: 2000 })
  @Omittable() @IsString() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ ...requestMinorUnits(1, 'Approved principal, minor units; the requested principal by default') })
  @Omittable() @IsMinorUnits(1) @OnlyFor('approve')
  principal?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 600 })
  @Omittable() @IsInt() @Min(1) @Max(600) @OnlyFor('approve')
  termMonths?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: 10_000, description: 'APR in basis points' })
  @Omittable() @IsInt() @Min(0) @Max(10_000) @OnlyFor('approve')
  aprBps?: number;
}

// The review body as OpenAPI shows it: one shape per outcome, so a client generated from the
// document knows a decline needs its reason codes and an approval alone takes terms.
// ReviewLoanDto validates both the same way.
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
  @ApiProperty({ ...requestMinorUnits(1, 'Minor units'), example: 1_415_000 })
  @IsMinorUnits(1)
  amount!: number;

  @ApiProperty({ type: String, enum: SUPPORTED_CURRENCIES, description: 'ISO 4217; must be the loan currency', example: 'INR' })
  @IsSupportedCurrency()
  currency!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 255, pattern: VISIBLE_ASCII_REFERENCE.source, description: "The payer's reference, 1 to 255 visible ASCII characters: the same one twice posts once", example: 'utr-2026-000123' })
  @Matches(VISIBLE_ASCII_REFERENCE, { message: 'must be 1 to 255 visible ASCII characters' })
  externalId!: string;
}

export class ListLoansQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: String, enum: LOAN_STATUSES })
  @Omittable() @IsIn(LOAN_STATUSES)
  status?: LoanStatus;

  @ApiPropertyOptional({ type: String, maxLength: 32, example: '1-15' })
  @Omittable() @IsString() @MaxLength(32)
  bucket?: string;

  @ApiPropertyOptional({ type: String, maxLength: 64, example: 'personal' })
  @Omittable() @IsString() @MaxLength(64)
  product?: string;
}

export class PayoffQuoteQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date', description: 'The payoff date, from the day the loan was disbursed (422 before it); today by default' })
  @Omittable() @IsCalendarDate()
  asOf?: string;
}
