// The application as the API accepts it: every field checked before anything is stored or
// started, so a refused request leaves no idempotency record and no workflow behind.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsIP, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { SUPPORTED_CURRENCIES } from '../../../domain/currency.js';
import { productCodes } from '../../../policies/products.js';
import { requestMinorUnits } from '../http/schema.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { IsKnownProduct, IsMinorUnits, IsSupportedCurrency, MaxLength, Omittable } from '../http/validators.js';
import { ApplicantDto } from './applicant.dto.js';

export class LoanRequestDto {
  @ApiProperty({ ...requestMinorUnits(1, 'Minor units of `currency`'), example: 30_000_000 })
  @IsMinorUnits(1)
  principal!: number;

  @ApiProperty({ type: String, enum: SUPPORTED_CURRENCIES, description: 'ISO 4217', example: 'INR' })
  @IsSupportedCurrency()
  currency!: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 600, example: 24 })
  @IsInt() @Min(1) @Max(600)
  termMonths!: number;

  @ApiProperty({ type: String, minLength: 1, maxLength: 64, example: 'home_renovation' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  purpose!: string;

  @ApiPropertyOptional({ type: String, enum: productCodes(), description: 'Product code; the default product when absent', example: 'personal' })
  @Omittable() @IsKnownProduct()
  product?: string;
}

export class ConsentsDto {
  @ApiProperty({ type: Boolean, example: true })
  @IsBoolean()
  bureauPull!: boolean;

  @ApiProperty({ type: Boolean, example: true })
  @IsBoolean()
  bankData!: boolean;

  @ApiProperty({ type: Boolean, example: true })
  @IsBoolean()
  contact!: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'Mandate to collect instalments on their due dates', example: true })
  @Omittable() @IsBoolean()
  autopay?: boolean;
}

export class BankAccountDto {
  // As the payment gateway takes them: a payout to anything else would be refused after the loan was approved.
  @ApiProperty({ type: String, pattern: '^[0-9A-Za-z]{6,34}$', example: '200000000000' })
  @Matches(/^[0-9A-Za-z]{6,34}$/, { message: 'must be 6 to 34 letters or digits' })
  accountNumber!: string;

  @ApiProperty({ type: String, description: 'IFSC, sort code, ABA routing number, BIC ...', pattern: '^[0-9A-Za-z]{4,11}$', example: 'HDFC0001234' })
  @Matches(/^[0-9A-Za-z]{4,11}$/, { message: 'must be 4 to 11 letters or digits' })
  routingCode!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 140, pattern: NON_BLANK_TEXT_PATTERN, example: 'Priya Sharma' })
  @IsString() @IsNotEmpty() @MaxLength(140) @Matches(NOT_BLANK, { message: 'must not be blank' })
  holderName!: string;
}

export class DeviceDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 128, example: 'dev-3f2a91' })
  @IsString() @IsNotEmpty() @MaxLength(128)
  id!: string;

  @ApiPropertyOptional({ type: String, anyOf: [{ type: 'string', format: 'ipv4' }, { type: 'string', format: 'ipv6' }], description: 'IPv4 or IPv6', example: '203.0.113.10' })
  @Omittable() @IsIP()
  ip?: string;
}

export class SubmitApplicationDto {
  @ApiProperty({ type: () => ApplicantDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({ type: () => LoanRequestDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => LoanRequestDto)
  loan!: LoanRequestDto;

  @ApiProperty({ type: () => ConsentsDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ConsentsDto)
  consents!: ConsentsDto;

  @ApiPropertyOptional({ type: () => BankAccountDto, description: 'Where the principal is paid out and autopay collects from' })
  @Omittable() @IsObject() @ValidateNested() @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;

  @ApiPropertyOptional({ type: () => DeviceDto })
  @Omittable() @IsObject() @ValidateNested() @Type(() => DeviceDto)
  device?: DeviceDto;
}

export class SubmitApplicationQueryDto {
  @ApiPropertyOptional({ type: String, enum: ['decision'], description: 'Answer once the application is decided (200), or with 202 if that takes too long' })
  @Omittable() @IsIn(['decision'])
  wait?: 'decision';
}
