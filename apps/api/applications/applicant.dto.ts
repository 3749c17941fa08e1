// The applicant, as the API accepts them (personal data: it reaches Temporal only encrypted).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, isISO31661Alpha2, IsNotEmpty, IsObject, IsString, Matches, ValidateNested } from 'class-validator';
import type { EmploymentStatus } from '../../../domain/application.js';
import { PERSON_NAME, PERSON_NAME_RULE } from '../../../domain/person-name.js';
import { requestMinorUnits } from '../http/schema.js';
import { IsDateOfBirth, IsMinorUnits, MaxLength } from '../http/validators.js';
import { TIME_ZONES } from './time-zones.js';

export const EMPLOYMENT_STATUSES = ['salaried', 'self_employed', 'student', 'retired', 'unemployed', 'other'] as const satisfies readonly EmploymentStatus[];
const E164 = /^\+[1-9][0-9]{7,14}$/;
const NATIONAL_ID = /^[A-Za-z0-9-]{4,32}$/;
const MAX_NAME_LENGTH = 100;
/**
 * The name rule as the OpenAPI document states it, its length in the pattern (a letter, then at
 * most 99 more) as well as in maxLength. Given an unbounded pattern, Schemathesis rewrites it to
 * fit maxLength and writes the letters its Python does not know yet (this runtime's Unicode is
 * newer) as \U escapes, which no JSON Schema validator reads; a bounded one it leaves alone.
 */
const NAME_PATTERN = PERSON_NAME.source.replace(/\*\$$/, `{0,${MAX_NAME_LENGTH - 1}}$`);
/** The ISO 3166-1 alpha-2 codes class-validator knows, in upper case: the document's enum and the check are one list. */
const COUNTRY_CODES = Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))).filter((code) => isISO31661Alpha2(code));

export class AddressDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 200, example: '14 Carter Road, Bandra West' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  line1!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 100, example: 'Mumbai' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  city!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 100, example: 'MH' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  region!: string;

  @ApiProperty({ type: String, minLength: 1, maxLength: 12, example: '400050' })
  @IsString() @IsNotEmpty() @MaxLength(12)
  postalCode!: string;

  @ApiProperty({ type: String, enum: COUNTRY_CODES, description: 'ISO 3166-1 alpha-2, upper case', example: 'IN' })
  @IsIn(COUNTRY_CODES, { message: 'must be an ISO 3166-1 alpha-2 country code in upper case, such as IN' })
  country!: string;
}

export class EmploymentDto {
  @ApiProperty({ type: String, enum: EMPLOYMENT_STATUSES, example: 'salaried' })
  @IsIn(EMPLOYMENT_STATUSES)
  status!: EmploymentStatus;

  @ApiProperty({ ...requestMinorUnits(0), example: 12_000_000 })
  @IsMinorUnits(0)
  monthlyIncome!: number;
}

export class ApplicantDto {
  // Names, national IDs and postal codes as the bureau and the bank-data aggregator take them:
  // a value they refuse would reach a reviewer as a failed pull instead of reaching the applicant as a 400.
  @ApiProperty({ type: String, maxLength: MAX_NAME_LENGTH, pattern: NAME_PATTERN, description: PERSON_NAME_RULE, example: 'Priya' })
  @IsString() @IsNotEmpty() @MaxLength(MAX_NAME_LENGTH) @Matches(PERSON_NAME, { message: `must be ${PERSON_NAME_RULE}` })
  firstName!: string;

  @ApiProperty({ type: String, maxLength: MAX_NAME_LENGTH, pattern: NAME_PATTERN, description: PERSON_NAME_RULE, example: 'Sharma' })
  @IsString() @IsNotEmpty() @MaxLength(MAX_NAME_LENGTH) @Matches(PERSON_NAME, { message: `must be ${PERSON_NAME_RULE}` })
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

  @ApiProperty({ type: String, format: 'email', maxLength: 254, example: 'priya.sharma@example.com' })
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

  @ApiProperty({ type: String, enum: TIME_ZONES, description: 'IANA time zone name, as the tz database writes it: reminders and contact windows are local to it', example: 'Asia/Kolkata' })
  @IsIn(TIME_ZONES, { message: 'must be an IANA time zone name such as Asia/Kolkata, as the tz database writes it (not an offset)' })
  timeZone!: string;

  @ApiProperty({ type: () => EmploymentDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => EmploymentDto)
  employment!: EmploymentDto;
}
