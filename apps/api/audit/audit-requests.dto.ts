// The audit search's filters: who, which loan or case, which action, what kind and outcome, and a
// period ([from, to)); paged like every list.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import type { AuditKind, AuditOutcome } from '../../../db/repositories/audit-log.repository.js';
import { UUID_PATTERN } from '../../../domain/loan-id.js';
import { INSTANT_PATTERN } from '../http/instant-pattern.js';
import { PageQuery } from '../http/page-query.js';
import { IsInstant, MaxLength, Omittable } from '../http/validators.js';
import { RECOVERY_CASE_ID_PATTERN } from '../recovery/recovery-ids.js';

export const AUDIT_KINDS: readonly AuditKind[] = ['command', 'read'];
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['succeeded', 'refused', 'rejected', 'failed', 'aborted'];

export class ListAuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ type: String, maxLength: 255, example: 'ops.asha', description: "The actor: a person's token subject, api-key:<prefix>, or anonymous" })
  @Omittable() @IsString() @MaxLength(255)
  actor?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', pattern: UUID_PATTERN })
  @Omittable() @Matches(new RegExp(UUID_PATTERN, 'i'), { message: 'must be a loan ID (a UUID)' })
  loanId?: string;

  @ApiPropertyOptional({ type: String, pattern: RECOVERY_CASE_ID_PATTERN, example: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1', description: 'A recovery case (its episode); a work item counts as its episode' })
  @Omittable() @Matches(new RegExp(RECOVERY_CASE_ID_PATTERN, 'i'), { message: 'must look like recovery-<loanId>-<n>' })
  caseId?: string;

  @ApiPropertyOptional({ type: String, maxLength: 120, example: 'LoansController_get', description: "The route's operationId in the OpenAPI document" })
  @Omittable() @IsString() @MaxLength(120)
  action?: string;

  @ApiPropertyOptional({ type: String, enum: AUDIT_KINDS })
  @Omittable() @IsIn(AUDIT_KINDS)
  kind?: AuditKind;

  @ApiPropertyOptional({ type: String, enum: AUDIT_OUTCOMES })
  @Omittable() @IsIn(AUDIT_OUTCOMES)
  outcome?: AuditOutcome;

  @ApiPropertyOptional({ type: String, pattern: INSTANT_PATTERN, example: '2026-12-01', description: 'From this instant (a date: its start, UTC), inclusive' })
  @Omittable() @IsInstant()
  from?: string;

  @ApiPropertyOptional({ type: String, pattern: INSTANT_PATTERN, example: '2026-12-08', description: 'Until this instant, exclusive' })
  @Omittable() @IsInstant()
  to?: string;
}
