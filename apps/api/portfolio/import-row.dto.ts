// One loan of an imported book, as POST /v1/portfolio/imports takes it (a JSON array item, or a
// CSV row whose headers are these fields' dotted paths). The borrower is held to the application
// API's own rules (ApplicantDto, less employment, which a lender's book may not carry), so a
// borrower imported is one the bureau, the gateway and the contact channels would take.
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CONTACT_LANGUAGES, type ContactLanguage, type EmploymentStatus } from '../../../domain/application.js';
import { SUPPORTED_CURRENCIES } from '../../../domain/currency.js';
import { MAX_APR_BPS, MAX_TERM_MONTHS } from '../../../domain/schedule.js';
import { MAX_IMPORT_ROWS } from './import-limits.js';
import { productCodes } from '../../../policies/products.js';
import { ApplicantDto, EMPLOYMENT_STATUSES } from '../applications/applicant.dto.js';
import { requestMinorUnits, VISIBLE_ASCII_REFERENCE } from '../http/schema.js';
import { IsCalendarDate, IsKnownProduct, IsMinorUnits, IsSupportedCurrency, Omittable } from '../http/validators.js';

/** Instalments a loan can have, so payments a loan can have had: one a month and a few more. */
export const MAX_PAYMENTS_PER_LOAN = 2 * MAX_TERM_MONTHS;
const REFERENCE = { type: String, pattern: VISIBLE_ASCII_REFERENCE.source, description: '1 to 255 visible ASCII characters' } as const;
const referenceRule = { message: 'must be 1 to 255 visible ASCII characters' };

export class ImportBorrowerDto extends OmitType(ApplicantDto, ['employment'] as const) {
  @ApiPropertyOptional({ type: String, enum: CONTACT_LANGUAGES, description: 'The language messages go out in; English when absent', example: 'hi' })
  @Omittable() @IsIn(CONTACT_LANGUAGES)
  language?: ContactLanguage;
}

export class ImportPaymentDto {
  @ApiProperty({ type: String, format: 'date', description: 'The day the lender received it: on or after disbursedOn, not after today', example: '2026-10-05' })
  @IsCalendarDate()
  date!: string;

  @ApiProperty({ ...requestMinorUnits(1, 'Minor units of the loan currency'), example: 1_454_457 })
  @IsMinorUnits(1)
  amount!: number;

  @ApiProperty({ ...REFERENCE, description: "The lender's payment reference, unique within the loan: the same reference reported later (POST /v1/loans/:id/payments) is a duplicate", example: 'UTR-88120034' })
  @Matches(VISIBLE_ASCII_REFERENCE, referenceRule)
  reference!: string;
}

export class ImportConsentsDto {
  @ApiProperty({ type: Boolean, description: 'The borrower agreed to be contacted about the loan', example: true })
  @IsBoolean()
  contact!: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Prior express consent to autodialled or prerecorded calls and automated texts to their mobile (TCPA); not given when absent', example: false })
  @Omittable() @IsBoolean()
  automatedContact?: boolean;

  @ApiPropertyOptional({ type: Boolean, enum: [false], description: 'Always false: a mandate with another lender\'s gateway does not carry over; set autopay up anew', example: false })
  @Omittable() @IsIn([false], { message: 'must be false: an imported loan has no mandate with our gateway yet' })
  autopay?: false;
}

export class ImportRowDto {
  @ApiProperty({ ...REFERENCE, description: "The lender's own reference for the loan, unique per lender: the loan ID is derived from it, so the same row twice is one loan", example: 'LN-2025-000123' })
  @Matches(VISIBLE_ASCII_REFERENCE, referenceRule)
  lenderReference!: string;

  @ApiProperty({ type: () => ImportBorrowerDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ImportBorrowerDto)
  borrower!: ImportBorrowerDto;

  @ApiProperty({ type: String, enum: productCodes(), description: 'A product Credence offers (policies/products/)', example: 'personal' })
  @IsKnownProduct()
  product!: string;

  @ApiProperty({ type: String, enum: SUPPORTED_CURRENCIES, description: 'ISO 4217; one the product offers', example: 'INR' })
  @IsSupportedCurrency()
  currency!: string;

  @ApiProperty({ ...requestMinorUnits(1, 'What the lender lent, minor units of `currency`'), example: 30_000_000 })
  @IsMinorUnits(1)
  principal!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_APR_BPS, description: 'The loan\'s APR in basis points, as the lender priced it', example: 1499 })
  @IsInt() @Min(0) @Max(MAX_APR_BPS)
  aprBps!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_TERM_MONTHS, example: 24 })
  @IsInt() @Min(1) @Max(MAX_TERM_MONTHS)
  termMonths!: number;

  @ApiProperty({ type: String, format: 'date', description: 'Not after today (UTC)', example: '2026-06-15' })
  @IsCalendarDate()
  disbursedOn!: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: "The schedule's first due date; one month after disbursedOn when absent", example: '2026-07-15' })
  @Omittable() @IsCalendarDate()
  firstDueDate?: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 31, description: "The day of the month instalments fall on (clamped to short months); firstDueDate's day (or disbursedOn's) when absent", example: 15 })
  @Omittable() @IsInt() @Min(1) @Max(31)
  dueDay?: number;

  @ApiProperty({ type: () => [ImportPaymentDto], maxItems: MAX_PAYMENTS_PER_LOAN, description: 'What the borrower paid before the import. In CSV: one `payments` cell of `date:amount:reference` entries separated by `;`' })
  @IsArray() @ArrayMaxSize(MAX_PAYMENTS_PER_LOAN) @ValidateNested({ each: true }) @Type(() => ImportPaymentDto)
  payments!: ImportPaymentDto[];

  @ApiProperty({ type: () => ImportConsentsDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ImportConsentsDto)
  consents!: ImportConsentsDto;

  @ApiPropertyOptional({ type: String, enum: EMPLOYMENT_STATUSES, example: 'salaried' })
  @Omittable() @IsIn(EMPLOYMENT_STATUSES)
  employmentStatus?: EmploymentStatus;

  @ApiPropertyOptional({ ...requestMinorUnits(0, 'Minor units of `currency` a month, as the lender last assessed it'), example: 12_000_000 })
  @Omittable() @IsMinorUnits(0)
  monthlyIncome?: number;
}

/** The JSON form of an import (for the OpenAPI document: each row is checked on its own, so one bad row refuses only itself). */
export class ImportRequestDto {
  @ApiProperty({ type: () => [ImportRowDto], maxItems: MAX_IMPORT_ROWS, description: `The loans, at most ${MAX_IMPORT_ROWS} per request` })
  @IsArray() @ArrayMaxSize(MAX_IMPORT_ROWS)
  loans!: ImportRowDto[];
}
