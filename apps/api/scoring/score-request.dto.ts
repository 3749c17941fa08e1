// POST /v1/score: score records with a model's champion, statelessly (nothing about the
// records is stored beyond the monitoring row every production score leaves). The OpenAPI
// document shows this body once per model, with each model's record (score-request-schema.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsNotEmpty, IsObject, IsString, Max, Min } from 'class-validator';
import { MaxLength, Omittable } from '../http/validators.js';

export const MAX_RECORDS = 1000;
export const MAX_EXPLAIN = 10;

export class ScoreRequestDto {
  @ApiProperty({ type: String, minLength: 1, maxLength: 64, example: 'application-pd', description: 'A model in GET /v1/models' })
  @IsString() @IsNotEmpty() @MaxLength(64)
  model!: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    minItems: 1,
    maxItems: MAX_RECORDS,
    description: "Feature records, by the names and types in the model's card (GET /v1/models). A missing, mistyped or unknown feature is a 400 naming it, never a default.",
    example: [{ employment_status: 'salaried', bureau_hit: 1, tradelines: 4, on_time_ratio_bps: 10000, worst_dpd_24m: 0, revolving_utilisation_bps: 1067, months_since_oldest_tradeline: 130, hard_inquiries_6m: 1, derogatory_records: 0, statement_months: 12, months_with_income: 12, income_cv_bps: 127, net_inflow_rate_bps: 4045, bounced_debits: 0, dti_bps: 798, income_verified: 1, loan_to_income_bps: 24922, term_months: 24 }],
  })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(MAX_RECORDS) @IsObject({ each: true })
  records!: Record<string, unknown>[];

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_EXPLAIN, default: 0, description: 'Reasons per record: the features that raised the score most (TreeSHAP, or for a scorecard the characteristics that lost the most points), with adverse-action text' })
  @Omittable() @IsInt() @Min(0) @Max(MAX_EXPLAIN)
  explain?: number;
}
