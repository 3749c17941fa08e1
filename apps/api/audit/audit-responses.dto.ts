// Schemas of the audit answers for the OpenAPI document; each implements what the API returns.
import { ApiProperty } from '@nestjs/swagger';
import type { ActorKind, AuditKind, AuditOutcome, AuditRow } from '../../../db/repositories/audit-log.repository.js';
import type { BrokenLink, BrokenLinkProblem, ChainVerification } from '../../shared/audit/verify-audit-chain.js';
import { AUDIT_KINDS, AUDIT_OUTCOMES } from './audit-requests.dto.js';

const ACTOR_KINDS: readonly ActorKind[] = ['person', 'api-key', 'system', 'anonymous'];
const HASH = { type: String, pattern: '^[0-9a-f]{64}$' } as const;

export class AuditRecordDto implements AuditRow {
  @ApiProperty({ type: Number, format: 'int64', description: 'Its place in the chain: 1, 2, 3 ... without gaps' })
  seq!: number;

  @ApiProperty({ type: String, format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String })
  requestId!: string;

  @ApiProperty({ type: String, example: 'ops.asha' })
  actorId!: string;

  @ApiProperty({ type: String, enum: ACTOR_KINDS })
  actorKind!: ActorKind;

  @ApiProperty({ type: [String], example: ['ops'] })
  actorRoles!: string[];

  @ApiProperty({ type: String, nullable: true })
  agencyId!: string | null;

  @ApiProperty({ type: String, enum: AUDIT_KINDS })
  kind!: AuditKind;

  @ApiProperty({ type: String, example: 'LoansController_get' })
  action!: string;

  @ApiProperty({ type: String, example: 'GET' })
  method!: string;

  @ApiProperty({ type: String, example: '/v1/loans/:loanId' })
  route!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  loanId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1' })
  caseId!: string | null;

  @ApiProperty({ type: String, example: '203.0.113.7' })
  clientAddress!: string;

  @ApiProperty({ type: Number, format: 'int32', description: 'The answer\'s status (499: the client left before it)' })
  status!: number;

  @ApiProperty({ type: String, enum: AUDIT_OUTCOMES })
  outcome!: AuditOutcome;

  @ApiProperty({ ...HASH, description: "The previous row's hash (64 zeros before the first)" })
  prevHash!: string;

  @ApiProperty({ ...HASH, description: "SHA-256 over prevHash and this row's canonical content" })
  hash!: string;
}

export class AuditListDto {
  @ApiProperty({ type: [AuditRecordDto] })
  items!: AuditRecordDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}

class ChainHeadDto {
  @ApiProperty({ type: Number, format: 'int64', description: 'The last seq' })
  seq!: number;

  @ApiProperty({ ...HASH, description: "The last row's hash: record it elsewhere, with seq, to check later that nothing up to it was rewritten (audit:verify --anchor)" })
  hash!: string;
}

const PROBLEMS: readonly BrokenLinkProblem[] = ['missing', 'unlinked', 'altered', 'truncated', 'head', 'anchor'];

class BrokenLinkDto implements BrokenLink {
  @ApiProperty({ type: Number, format: 'int64' })
  seq!: number;

  @ApiProperty({
    type: String,
    enum: PROBLEMS,
    description: 'missing: a row deleted; unlinked: rows reordered, or one inserted or removed before it; altered: the row changed; truncated: the last rows deleted; head: the head moved',
  })
  problem!: BrokenLinkProblem;

  @ApiProperty({ type: String })
  detail!: string;
}

export class ChainVerificationDto implements ChainVerification {
  @ApiProperty({ type: Boolean })
  ok!: boolean;

  @ApiProperty({ type: Number, format: 'int64', description: 'Rows read' })
  checked!: number;

  @ApiProperty({ type: ChainHeadDto })
  head!: ChainHeadDto;

  @ApiProperty({ type: BrokenLinkDto, nullable: true, description: 'The first link that does not hold; null when the chain is whole' })
  firstBroken!: BrokenLinkDto | null;

  @ApiProperty({ type: Number, format: 'int32' })
  durationMs!: number;
}
