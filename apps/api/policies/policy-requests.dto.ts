// Request bodies and queries of the escalation-policy endpoints.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min } from 'class-validator';
import { RECOVERY_POLICY_SCHEMA_ID } from '../../../policies/recovery/recovery-policy.schema.js';
import { MAX_POLICY_BODY_BYTES } from '../http/json-body.middleware.js';
import { NON_BLANK_TEXT_PATTERN, NOT_BLANK } from '../http/text-schema.js';
import { MaxLength, Omittable } from '../http/validators.js';

const AUTHOR = { type: String, minLength: 1, maxLength: 100, example: 'ops.asha' };
const VERSION = { type: 'integer' as const, format: 'int32', minimum: 1, maximum: 2_147_483_647 };

export class CreatePolicyDraftDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `The policy document as JSON (the JSON Schema: ${RECOVERY_POLICY_SCHEMA_ID}). Send this or source, not both.` })
  @Omittable() @IsObject()
  document?: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, maxLength: MAX_POLICY_BODY_BYTES, description: 'The policy document as YAML or JSON text; kept as written, and faults are reported at its lines. Send this or document, not both.' })
  @Omittable() @IsString() @MaxLength(MAX_POLICY_BODY_BYTES)
  source?: string;

  @ApiPropertyOptional({ ...AUTHOR, description: 'Who wrote it. Required: here, or as the author query parameter (which a YAML body needs)' })
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(100)
  author?: string;

  @ApiPropertyOptional({ ...VERSION, description: 'The version it was written from, for its diff; the active version when left out' })
  @Omittable() @IsInt() @Min(1) @Max(VERSION.maximum)
  basedOn?: number;
}

export class CreatePolicyDraftQueryDto {
  @ApiPropertyOptional({ ...AUTHOR, description: 'Who wrote it, when the body is YAML text (Content-Type: application/yaml)' })
  @Omittable() @IsString() @IsNotEmpty() @MaxLength(100)
  author?: string;

  @ApiPropertyOptional({ ...VERSION, description: 'The version it was written from, when the body is YAML text' })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(VERSION.maximum)
  basedOn?: number;
}

/** The activation's request (a second person approves it); the requester is the caller. */
export class ActivatePolicyDto {
  @ApiPropertyOptional({ type: String, minLength: 1, maxLength: 1000, pattern: NON_BLANK_TEXT_PATTERN, example: 'dry-run reviewed: 3 loans change path', description: 'Why this version should be active, for the checker and the record' })
  @Omittable() @IsString() @MaxLength(1000) @Matches(NOT_BLANK, { message: 'must not be blank' })
  reason?: string;
}

export class DryRunQueryDto {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: 1000, default: 100, description: 'How many of the loans whose path changes to list (changedTotal counts them all)' })
  @Omittable() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit?: number;
}
