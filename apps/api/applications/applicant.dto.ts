// The applicant, as the API accepts them (personal data: it reaches Temporal only encrypted).
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsEmail, IsIn, IsISO31661Alpha2, IsNotEmpty, IsObject, IsString, IsTimeZone, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { EmploymentStatus } from '../../../domain/application.js';
import { IsCalendarDate, IsMinorUnits } from '../http/validators.js';

export const EMPLOYMENT_STATUSES = ['salaried', 'self_employed', 'student', 'retired', 'unemployed', 'other'] as const satisfies readonly EmploymentStatus[];
const E164 = /^\+[1-9]\d{7,14}$/;

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

  @ApiProperty({ type: String, maxLength: 20, example: '400050' })
  @IsString() @IsNotEmpty() @MaxLength(20)
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
  @ApiProperty({ type: String, maxLength: 100, example: 'Priya' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  firstName!: string;

  @ApiProperty({ type: String, maxLength: 100, example: 'Sharma' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  lastName!: string;

  @ApiProperty({ type: String, format: 'date', example: '1988-04-12' })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty({ type: String, format: 'email', example: 'priya.sharma@example.com' })
  @IsEmail() @MaxLength(254)
  email!: string;

  @ApiProperty({ type: String, description: 'E.164', pattern: E164.source, example: '+919820011001' })
  @Matches(E164, { message: 'must be an E.164 phone number such as +919820011001' })
  phone!: string;

  @ApiProperty({ type: String, maxLength: 64, description: 'National identifier (PAN in India)', example: 'AKLPS4821K' })
  @IsString() @IsNotEmpty() @MaxLength(64)
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
