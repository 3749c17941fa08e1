// Request bodies of the experiment endpoints. The share's range is checked by the use case (422:
// a well-formed number that does not fit), its type here (400).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_SHARE_BPS } from '../../../../policies/recovery/experiment-arm.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../../http/text-schema.js';
import { MaxLength, Omittable } from '../../http/validators.js';

const BY = { type: String, minLength: 1, maxLength: 100, example: 'ops.asha' };

export class StartExperimentDto {
  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647, example: 2, description: 'The challenger: a validated version that is not the active one' })
  @IsInt() @Min(1) @Max(2_147_483_647)
  challengerVersion!: number;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_SHARE_BPS, example: 2000, description: 'Basis points of new delinquent episodes on the challenger (2000 = 20%); outside 0-10000 is a 422' })
  @IsInt()
  shareBps!: number;

  @ApiProperty({ ...BY, description: 'Who starts it' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  by!: string;

  @ApiPropertyOptional({ type: String, maxLength: 500, example: 'Does calling a week earlier cure more?' })
  @Omittable() @IsString() @MaxLength(500)
  note?: string;
}

export class EndExperimentDto {
  @ApiProperty({ ...BY, description: 'Who ends it' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  by!: string;
}

/** The promotion's request (a second person approves it); the requester is the caller. */
export class PromoteExperimentDto {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 1000, pattern: NON_BLANK_TEXT_PATTERN, description: 'Why the challenger should win, for the checker and the record' })
  @Omittable() @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason?: string;
}
