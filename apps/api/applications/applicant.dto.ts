// The applicant, as the API accepts them (personal data: it reaches Temporal only encrypted).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsISO31661Alpha2, IsNotEmpty, IsObject, IsString, IsTimeZone, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { EmploymentStatus } from '../../../domain/application.js';
import { PERSON_NAME, PERSON_NAME_RULE } from '../../../domain/person-name.js';
import { IsDateOfBirth, IsMinorUnits } from '../http/validators.js';

export const EMPLOYMENT_STATUSES = ['salaried', 'self_employed', 'student', 'retired', 'unemployed', 'other'] as const satisfies readonly EmploymentStatus[];
const E164 = /^\+[1-9]\d{7,14}$/;
const NATIONAL_ID = /^[A-Za-z0-9-]{4,32}$/;

export class AddressDto {
  @ApiProperty({ type: String, maxLength: 200, example: '14 Carter Road, Bandra West' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  line1!: string;

  @ApiProperty({ type: String, maxLength: 100, example: 'Mumbai' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  city!: string;

  @ApiProperty({ type: String, maxLength: 100, example: 'MH' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  region!: string;

  @ApiProperty({ type: String, maxLength: 12, example: '400050' })
  @IsString() @IsNotEmpty() @MaxLength(12)
  postalCode!: string;

  @ApiProperty({ type: String, description: 'ISO 3166-1 alpha-2, upper case', pattern: '^[A-Z]{2}$', example: 'IN' })
  @IsISO31661Alpha2() @Matches(/^[A-Z]{2}$/, { message: 'must be upper case' })
  country!: string;
}

export class EmploymentDto {
  @ApiProperty({ type: String, enum: EMPLOYMENT_STATUSES, example: 'salaried' })
  @IsIn(EMPLOYMENT_STATUSES)
  status!: EmploymentStatus;

  @ApiProperty({ type: Number, format: 'int64', minimum: 0, description: 'Minor units of the loan currency', example: 12_000_000 })
  @IsMinorUnits(0)
  monthlyIncome!: number;
}

export class ApplicantDto {
  // Names, national IDs and postal codes as the bureau and the bank-data aggregator take them:
  // a value they refuse would reach a reviewer as a failed pull instead of reaching the applicant as a 400.
  @ApiProperty({ type: String, maxLength: 100, pattern: PERSON_NAME.source, description: PERSON_NAME_RULE, example: 'Priya' })
  @IsString() @IsNotEmpty() @MaxLength(100) @Matches(PERSON_NAME, { message: `must be ${PERSON_NAME_RULE}` })
  firstName!: string;

  @ApiProperty({ type: String, maxLength: 100, pattern: PERSON_NAME.source, description: PERSON_NAME_RULE, example: 'Sharma' })
  @IsString() @IsNotEmpty() @MaxLength(100) @Matches(PERSON_NAME, { message: `must be ${PERSON_NAME_RULE}` })
  lastName!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    pattern: '^(19[0-9]{2}|[2-9][0-9]{3})-',
    description: 'From 1900-01-01 on (400 before). A date after today is refused with 422: no schema can say which day "today" is',
    example: '1988-04-12',
  })
  @IsDateOfBirth()
  dateOfBirth!: string;

  @ApiProperty({ type: String, format: 'email', example: 'priya.sharma@example.com' })
  @IsEmail() @MaxLength(254)
  email!: string;

  @ApiProperty({ type: String, description: 'E.164', pattern: E164.source, example: '+919820011001' })
  @Matches(E164, { message: 'must be an E.164 phone number such as +919820011001' })
  phone!: string;

  @ApiProperty({ type: String, pattern: NATIONAL_ID.source, description: 'National identifier (PAN in India): 4 to 32 letters, digits or hyphens', example: 'AKLPS4821K' })
  @Matches(NATIONAL_ID, { message: 'must be 4 to 32 letters, digits or hyphens' })
  nationalId!: string;

  @ApiProperty({ type: () => AddressDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AddressDto)
  address!: AddressDto;

  @ApiProperty({ type: String, description: 'IANA time zone: reminders and contact windows are local to it', example: 'Asia/Kolkata' })
  @IsTimeZone({ message: 'must be an IANA time zone such as Asia/Kolkata' }) @Matches(/^[A-Za-z][\w+-]*(\/[\w+-]+)*$/, { message: 'must be an IANA zone name, not an offset' })
  timeZone!: string;

  @ApiProperty({ type: () => EmploymentDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => EmploymentDto)
  employment!: EmploymentDto;
}
