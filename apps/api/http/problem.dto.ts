// The problem document's schema for the OpenAPI spec (the shape itself is http/problem.ts).
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, Problem } from './problem.js';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ type: String, description: 'Path of the field in the request; for an escalation policy, a JSON Pointer into the document (/rules/2/path/0/send/template)', example: 'applicant.dateOfBirth' })
  field!: string;

  @ApiProperty({ type: String, example: 'must be a real calendar date written YYYY-MM-DD' })
  message!: string;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, description: 'Line of the fault in submitted policy text (YAML or JSON), where known', example: 12 })
  line?: number;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, description: 'Column of the fault in submitted policy text, where known', example: 17 })
  column?: number;
}

export class ProblemDto implements Problem {
  @ApiProperty({ type: String, format: 'uri', description: 'Identifies the kind of problem; about:blank for plain HTTP failures', example: 'https://credence.dev/problems/validation-error' })
  type!: string;

  @ApiProperty({ type: String, example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ type: Number, format: 'int32', example: 400 })
  status!: number;

  @ApiPropertyOptional({ type: String, example: '1 invalid field: applicant.dateOfBirth' })
  detail?: string;

  @ApiPropertyOptional({ type: String, description: 'The request path', example: '/v1/applications' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Each invalid field (validation problems only)' })
  errors?: FieldErrorDto[];

  @ApiPropertyOptional({ type: String, description: 'The X-Request-Id of the request, for support', example: '2f1c7a3e-6a8b-4c1d-9e2f-0a1b2c3d4e5f' })
  requestId?: string;
}
