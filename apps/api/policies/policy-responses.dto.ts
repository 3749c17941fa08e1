// Schemas of escalation-policy versions, validations, activations and dry-runs for the OpenAPI
// spec; each describes the type the API returns.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POLICY_VERSION_STATUSES, type PolicyActivation, type PolicyProblems, type PolicyVersionStatus, type PolicyVersionSummary } from '../../../db/repositories/recovery-policy.repository.js';
import type { PolicyChange } from '../../../policies/recovery/diff-policy.js';
import type { DryRunReport, DryRunSide, GateCounts, PathChange, PathChoice } from '../../../policies/recovery/dry-run.js';
import type { PolicyProblem } from '../../../policies/recovery/policy-problem.js';
import type { PolicyActivationResult } from './activate-policy-version.usecase.js';
import type { PolicyVersionList } from './list-policy-versions.usecase.js';
import type { PolicyValidationResult } from './validate-policy-version.usecase.js';
import { CHANNELS as CHANNEL_NAMES } from '../../../policies/compliance/rules.js';

const ANY_JSON = { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'object', additionalProperties: true }, { type: 'array', items: {} }] };
const VERSION = { type: Number, format: 'int32', minimum: 1, example: 2 };
const COUNTS = { type: 'object', additionalProperties: { type: 'integer', format: 'int32' } } as const;
const instant = (description: string) => ({ type: String, format: 'date-time', nullable: true, description });
const STEP_KINDS = ['send', 'call', 'wait', 'offer', 'handoff', 'stop'];
const CHANNELS: string[] = [...CHANNEL_NAMES];

export class PolicyProblemDto implements PolicyProblem {
  @ApiProperty({ type: String, description: 'JSON Pointer into the document ("" for the whole document)', example: '/rules/2/path/0/send/template' })
  path!: string;

  @ApiProperty({ type: String, example: 'no template "legal_notice" in the template catalogue' })
  message!: string;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, description: 'Line in the submitted text', example: 14 })
  line?: number;

  @ApiPropertyOptional({ type: Number, format: 'int32', minimum: 1, description: 'Column in the submitted text', example: 11 })
  column?: number;
}

export class PolicyProblemsDto implements PolicyProblems {
  @ApiProperty({ type: [PolicyProblemDto], description: 'Faults that keep the version from being activated' })
  errors!: PolicyProblemDto[];

  @ApiProperty({ type: [PolicyProblemDto], description: 'Worth a look, not faults: rules that can never be chosen' })
  warnings!: PolicyProblemDto[];
}

export class PolicyChangeDto {
  @ApiProperty({ type: String, enum: ['added', 'removed', 'changed', 'moved'], description: 'moved: a rule kept its id but changed place among the rules both versions have (order decides under first match)' })
  op!: PolicyChange['op'];

  @ApiProperty({ type: String, description: 'JSON Pointer into the newer document (the older one for what was removed)', example: '/rules/2/when/dpd/max' })
  path!: string;

  @ApiPropertyOptional({ type: String, description: 'The rule the change is in', example: 'self-cure' })
  ruleId?: string;

  @ApiPropertyOptional({ ...ANY_JSON, description: 'The value before (removed and changed)' })
  before?: unknown;

  @ApiPropertyOptional({ ...ANY_JSON, description: 'The value after (added and changed)' })
  after?: unknown;

  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'moved: the rule\'s index before' })
  from?: number;

  @ApiPropertyOptional({ type: Number, format: 'int32', description: 'moved: its index after' })
  to?: number;
}

export class PolicyVersionSummaryDto implements PolicyVersionSummary {
  @ApiProperty(VERSION)
  version!: number;

  @ApiProperty({ type: String, example: 'retail-default' })
  name!: string;

  @ApiProperty({ type: String, enum: POLICY_VERSION_STATUSES, description: 'draft -> validated -> active -> retired; at most one version is active' })
  status!: PolicyVersionStatus;

  @ApiProperty({ type: String, example: 'ops.asha' })
  author!: string;

  @ApiProperty({ type: Number, format: 'int32', nullable: true, description: 'The version it was written from' })
  basedOn!: number | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: string;

  @ApiProperty(instant('When it last passed validation'))
  validatedAt!: string | null;

  @ApiProperty(instant('When it was last made active'))
  activatedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who last made it active' })
  activatedBy!: string | null;

  @ApiProperty(instant('When another version last replaced it'))
  retiredAt!: string | null;
}

export class PolicyVersionDto extends PolicyVersionSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The document as stored (a draft\'s may not be valid yet)' })
  document!: Record<string, unknown>;

  @ApiProperty({ type: String, description: 'The text as submitted (a document sent as JSON is kept pretty-printed); problem lines refer to it' })
  source!: string;

  @ApiProperty({ type: String, enum: ['yaml', 'json'] })
  sourceFormat!: 'yaml' | 'json';

  @ApiProperty({ type: [PolicyChangeDto], nullable: true, description: 'Changes from basedOn; null when there was nothing to compare with' })
  diff!: PolicyChange[] | null;

  @ApiProperty({ type: PolicyProblemsDto, nullable: true, description: 'Problems found by the last validation; null before the first' })
  problems!: PolicyProblemsDto | null;
}

export class PolicyActivationDto implements PolicyActivation {
  @ApiProperty(VERSION)
  version!: number;

  @ApiProperty({ type: Number, format: 'int32', nullable: true, description: 'The version it replaced' })
  previousVersion!: number | null;

  @ApiProperty({ type: String, example: 'ops.ravi' })
  activatedBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  activatedAt!: string;

  @ApiProperty({ type: Boolean, description: 'The version had been active before: a rollback to it' })
  rollback!: boolean;
}

export class PolicyVersionListDto implements PolicyVersionList {
  @ApiProperty({ type: [PolicyVersionSummaryDto], description: 'Newest first' })
  items!: PolicyVersionSummaryDto[];

  @ApiProperty({ type: [PolicyActivationDto], description: 'Every activation, oldest first' })
  activations!: PolicyActivationDto[];
}

export class PolicyValidationResultDto implements PolicyValidationResult {
  @ApiProperty({ type: Boolean, enum: [true] })
  valid!: true;

  @ApiProperty(VERSION)
  version!: number;

  @ApiProperty({ type: String, enum: POLICY_VERSION_STATUSES, description: 'validated (or active or retired, which it stays)' })
  status!: PolicyVersionStatus;

  @ApiProperty({ type: [PolicyProblemDto] })
  warnings!: PolicyProblemDto[];
}

export class PolicyActivationResultDto implements PolicyActivationResult {
  @ApiProperty({ type: PolicyVersionSummaryDto })
  version!: PolicyVersionSummaryDto;

  @ApiProperty({ type: Boolean, description: 'false: it was already the active version, and nothing changed' })
  activated!: boolean;

  @ApiProperty({ type: Boolean, description: 'It had been active before: a rollback' })
  rollback!: boolean;

  @ApiProperty({ type: Number, format: 'int32', nullable: true, description: 'The version it replaced' })
  previousVersion!: number | null;
}

export class GateCountsDto implements GateCounts {
  @ApiProperty({ type: Number, format: 'int32', description: 'First contacts the gate would let through at the dry-run instant' })
  allowed!: number;

  @ApiProperty({ ...COUNTS, description: 'First contacts blocked, by gate rule id', example: { 'us.tcpa.automated-consent': 3 } })
  blockedByGateRule!: Record<string, number>;

  @ApiProperty({ type: 'object', additionalProperties: COUNTS, description: 'Blocks by the policy rule that chose the path, then gate rule id' })
  blockedByPolicyRule!: Record<string, Record<string, number>>;

  @ApiProperty({ type: Number, format: 'int32', description: 'Blocks the gate would reschedule (waiting lifts them)' })
  reschedulable!: number;

  @ApiProperty({ type: Number, format: 'int32', description: 'Blocks no waiting lifts (opt-out, no consent): abandoned with the reason' })
  abandoned!: number;
}

export class DryRunSideDto implements DryRunSide {
  @ApiProperty(VERSION)
  version!: number;

  @ApiProperty({ ...COUNTS, description: 'Accounts per rule id' })
  byRule!: Record<string, number>;

  @ApiProperty({ type: 'object', properties: Object.fromEntries(STEP_KINDS.map((k) => [k, { type: 'integer', format: 'int32' }])), description: 'Accounts per kind of first step' })
  byFirstStep!: DryRunSide['byFirstStep'];

  @ApiProperty({ type: 'object', properties: Object.fromEntries([...CHANNELS, 'none'].map((k) => [k, { type: 'integer', format: 'int32' }])), description: 'Accounts per channel of the first contact step (none: the path contacts no one)' })
  byFirstChannel!: DryRunSide['byFirstChannel'];

  @ApiProperty({ type: 'object', additionalProperties: COUNTS, description: 'Per segment (unsegmented when not yet segmented), accounts per rule id' })
  bySegment!: Record<string, Record<string, number>>;

  @ApiProperty({ type: Number, format: 'int32', description: 'Accounts no rule matched' })
  unmatched!: number;

  @ApiProperty({ type: GateCountsDto })
  gate!: GateCountsDto;
}

export class PathChoiceDto implements PathChoice {
  @ApiProperty({ type: String, nullable: true })
  ruleId!: string | null;

  @ApiProperty({ type: String, enum: STEP_KINDS, nullable: true })
  firstStep!: PathChoice['firstStep'];

  @ApiProperty({ type: String, enum: CHANNELS, nullable: true })
  firstChannel!: PathChoice['firstChannel'];
}

export class PathChangeDto implements PathChange {
  @ApiProperty({ type: String, format: 'uuid' })
  loanId!: string;

  @ApiProperty({ type: String, example: '31-60' })
  bucket!: string;

  @ApiProperty({ type: Number, format: 'int32' })
  dpd!: number;

  @ApiProperty({ type: String, nullable: true })
  segment!: string | null;

  @ApiProperty({ type: PathChoiceDto, nullable: true, description: 'Under the active version; null when none is active' })
  active!: PathChoiceDto | null;

  @ApiProperty({ type: PathChoiceDto, description: 'Under the version dry-run' })
  draft!: PathChoiceDto;
}

export class DryRunReportDto implements DryRunReport {
  @ApiProperty({ type: String, format: 'date-time', description: 'The instant the gate was asked about' })
  at!: string;

  @ApiProperty({ type: Number, format: 'int32', description: 'Delinquent loans in the portfolio' })
  accounts!: number;

  @ApiProperty({ type: DryRunSideDto, description: 'The version dry-run' })
  draft!: DryRunSideDto;

  @ApiProperty({ type: DryRunSideDto, nullable: true, description: 'The active version; null when none is active' })
  active!: DryRunSideDto | null;

  @ApiProperty({ type: Number, format: 'int32', description: 'Loans whose rule or path differs between the two' })
  changedTotal!: number;

  @ApiProperty({ type: [PathChangeDto], description: 'The first `limit` of them, by loan id' })
  changed!: PathChangeDto[];
}
