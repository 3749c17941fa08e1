// Request bodies of arrangements and write-offs. ProposeArrangementDto validates every kind the
// same way (a field another kind takes is a 400 naming it); the OpenAPI document shows one shape
// per kind (PlanProposalDto, RestructureProposalDto, SettlementProposalDto), so a client generated
// from it knows what each kind needs.
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, buildMessage, IsArray, IsIn, IsInt, IsString, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { MAX_ARRANGEMENT_INSTALMENTS, MAX_HOLIDAY_MONTHS } from '../../../domain/arrangement-schedule.js';
import { ARRANGEMENT_KINDS, type ArrangementKind } from '../../../domain/arrangements.js';
import { requestMinorUnits } from '../http/schema.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { IsCalendarDate, IsMinorUnits, MaxLength, Omittable } from '../http/validators.js';

// The domain's bounds (domain/arrangement-schedule.ts), which the loan workflow applies.
const MAX_INSTALMENTS = MAX_ARRANGEMENT_INSTALMENTS;
const SCHEDULED: readonly ArrangementKind[] = ['plan', 'settlement'];

/** A field only some kinds take. */
function OnlyFor(kinds: readonly ArrangementKind[]): PropertyDecorator {
  return ValidateBy({
    name: 'onlyFor',
    constraints: [kinds],
    validator: {
      validate: (_value: unknown, args) => kinds.includes((args?.object as { kind?: ArrangementKind } | undefined)?.kind as ArrangementKind),
      defaultMessage: buildMessage(() => `is for a ${kinds.join(' or a ')} only`),
    },
  });
}

export class InstalmentDto {
  @ApiProperty({ type: String, format: 'date', example: '2027-01-10', description: 'After today; each after the one before' })
  @IsCalendarDate()
  dueOn!: string;

  @ApiProperty({ ...requestMinorUnits(1, 'Minor units of the loan currency'), example: 400_000 })
  @IsMinorUnits(1)
  amountMinor!: number;
}

export class ProposeArrangementDto {
  @ApiProperty({ type: String, enum: ARRANGEMENT_KINDS })
  @IsIn(ARRANGEMENT_KINDS)
  kind!: ArrangementKind;

  @ApiPropertyOptional({ type: [InstalmentDto], minItems: 1, maxItems: MAX_INSTALMENTS, description: 'A plan: everything owed, on these dates and amounts; a settlement: less than is owed' })
  @ValidateIf((o: ProposeArrangementDto) => SCHEDULED.includes(o.kind) || o.instalments !== undefined)
  @IsArray() @ArrayNotEmpty({ message: 'a plan or a settlement needs at least one instalment' }) @ArrayMaxSize(MAX_INSTALMENTS) @ValidateNested({ each: true }) @Type(() => InstalmentDto) @OnlyFor(SCHEDULED)
  instalments?: InstalmentDto[];

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: 120, description: 'A restructure: months added to the term' })
  @ValidateIf((o: ProposeArrangementDto) => o.kind === 'restructure' || o.extraMonths !== undefined)
  @IsInt() @Min(0) @Max(120) @OnlyFor(['restructure'])
  extraMonths?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_HOLIDAY_MONTHS, description: 'A restructure: months without payments before the new schedule' })
  @ValidateIf((o: ProposeArrangementDto) => o.kind === 'restructure' || o.holidayMonths !== undefined)
  @IsInt() @Min(0) @Max(MAX_HOLIDAY_MONTHS) @OnlyFor(['restructure'])
  holidayMonths?: number;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: 10_000, description: 'A restructure: the new APR in basis points (the loan\'s own when left out)' })
  @Omittable() @IsInt() @Min(0) @Max(10_000) @OnlyFor(['restructure'])
  aprBps?: number;

  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 1000, pattern: NON_BLANK_TEXT_PATTERN, description: 'Why, for the checker and the record' })
  @Omittable() @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  note?: string;
}

export class PlanProposalDto extends PickType(ProposeArrangementDto, ['note'] as const) {
  @ApiProperty({ type: String, enum: ['plan'] })
  kind!: 'plan';

  @ApiProperty({ type: [InstalmentDto], minItems: 1, maxItems: MAX_INSTALMENTS, description: 'Everything owed, on these dates and amounts (no further interest)' })
  instalments!: InstalmentDto[];
}

export class SettlementProposalDto extends PickType(ProposeArrangementDto, ['note'] as const) {
  @ApiProperty({ type: String, enum: ['settlement'] })
  kind!: 'settlement';

  @ApiProperty({ type: [InstalmentDto], minItems: 1, maxItems: MAX_INSTALMENTS, description: 'Less than is owed; paid in full, the loan ends settled and the rest is written down' })
  instalments!: InstalmentDto[];
}

export class RestructureProposalDto extends PickType(ProposeArrangementDto, ['note', 'aprBps'] as const) {
  @ApiProperty({ type: String, enum: ['restructure'] })
  kind!: 'restructure';

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: 120, description: 'Months added to the term' })
  extraMonths!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_HOLIDAY_MONTHS, description: 'Months without payments before the new schedule' })
  holidayMonths!: number;
}

export class ProposeWriteOffDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 1000, pattern: NON_BLANK_TEXT_PATTERN, example: 'deceased, no estate', description: 'Why the loan should be written off, for the checker and the record' })
  @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason!: string;
}
