// Escalation policies as ops version them: a draft from a document or its YAML/JSON text, read
// back with its diff and problems; validate (schema and semantic faults, each at its JSON Pointer
// and line); dry-run against the live delinquent portfolio beside the active version; ask to
// activate it, which a second person approves (approvals/): that retires the active version
// (activating a retired one is the rollback).
import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { PolicyVersion } from '../../../db/repositories/recovery-policy.repository.js';
import type { DryRunReport } from '../../../policies/recovery/dry-run.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { YAML_MEDIA_TYPES } from '../http/json-body.middleware.js';
import { ProblemException } from '../http/problem.js';
import { APPROVAL_SCHEMA } from '../approvals/approval-responses.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import type { ApiResponse } from '../http/request-context.js';
import { ApiRequestKey, RequestKey } from '../http/request-key.decorator.js';
import { sendJson } from '../http/send-json.js';
import { ActivatePolicyVersionUseCase } from './activate-policy-version.usecase.js';
import { RequestPolicyActivationUseCase } from './request-policy-activation.usecase.js';
import { CreatePolicyDraftUseCase } from './create-policy-draft.usecase.js';
import { DryRunPolicyVersionUseCase } from './dry-run-policy-version.usecase.js';
import { GetActivePolicyUseCase } from './get-active-policy.usecase.js';
import { GetPolicyVersionUseCase } from './get-policy-version.usecase.js';
import { ListPolicyVersionsUseCase, type PolicyVersionList } from './list-policy-versions.usecase.js';
import { ActivatePolicyDto, CreatePolicyDraftDto, CreatePolicyDraftQueryDto, DryRunQueryDto } from './policy-requests.dto.js';
import { DryRunReportDto, PolicyActivationResultDto, PolicyValidationResultDto, PolicyVersionDto, PolicyVersionListDto } from './policy-responses.dto.js';
import { POLICY_VERSION_SCHEMA, PolicyVersionParam } from './policy-version.param.js';
import { ValidatePolicyVersionUseCase, type PolicyValidationResult } from './validate-policy-version.usecase.js';
import { Requires } from '../auth/access.decorator.js';
import { mustBePersonToPropose } from '../approvals/proposer.js';

const DEFAULT_CHANGED_LIMIT = 100;
const FAULTS: [number, string] = [422, 'The policy has faults: errors[] name each by its JSON Pointer (field) and, where known, its line and column'];

@ApiTags('recovery policies')
@ApiUnexpectedProblem()
@ApiExtraModels(CreatePolicyDraftDto)
@Requires('policies:read')
@Controller('v1/policies/recovery')
export class RecoveryPoliciesController {
  constructor(
    private readonly createDraft: CreatePolicyDraftUseCase,
    private readonly listVersions: ListPolicyVersionsUseCase,
    private readonly getVersion: GetPolicyVersionUseCase,
    private readonly getActive: GetActivePolicyUseCase,
    private readonly validateVersion: ValidatePolicyVersionUseCase,
    private readonly activateVersion: ActivatePolicyVersionUseCase,
    private readonly requestActivation: RequestPolicyActivationUseCase,
    private readonly dryRunVersion: DryRunPolicyVersionUseCase,
  ) {}

  @Requires('policies:write')
  @Post()
  @ApiOperation({
    summary: 'Submit a draft policy version',
    description:
      'Either JSON `{ "document": {...} | "source": "<YAML or JSON text>", "author": "ops.asha", "basedOn": 3 }`, or the YAML text itself as the body ' +
      `(Content-Type ${YAML_MEDIA_TYPES.join(', ')}) with ?author= (and ?basedOn=). The draft is stored as submitted, faults and all: validate says what is wrong. ` +
      'Only text that does not parse, or is not a map, is refused. The answer carries the diff against basedOn (the active version unless named).',
  })
  @ApiBody({ schema: { $ref: getSchemaPath(CreatePolicyDraftDto) } })
  @ApiCreatedResponse({ type: PolicyVersionDto, description: 'The draft' })
  @ApiProblems([400, 'Neither or both of document and source, no author, or an invalid field'], 413, 415, [422, 'The text does not parse, is not a map, or basedOn names no version'])
  create(@Body() body: CreatePolicyDraftDto, @Query() query: CreatePolicyDraftQueryDto): Promise<PolicyVersion> {
    const author = body.author ?? query.author;
    const basedOn = body.basedOn ?? query.basedOn;
    const problems = [
      ...((body.document === undefined) === (body.source === undefined) ? [{ field: 'document', message: 'send either document (JSON) or source (YAML or JSON text), not both or neither' }] : []),
      ...(author === undefined ? [{ field: 'author', message: 'is required: in the JSON body, or as ?author= with a YAML body' }] : []),
    ];
    if (problems.length > 0 || author === undefined) throw ProblemException.validation(problems);
    return this.createDraft.execute({
      ...(body.document !== undefined ? { document: body.document } : {}),
      ...(body.source !== undefined ? { source: body.source } : {}),
      author,
      ...(basedOn !== undefined ? { basedOn } : {}),
    });
  }

  @Get()
  @ApiOperation({ summary: 'Every policy version (newest first) and every activation (oldest first)' })
  @ApiOkResponse({ type: PolicyVersionListDto })
  list(): Promise<PolicyVersionList> {
    return this.listVersions.execute();
  }

  @Get('active')
  @ApiOperation({ summary: 'The active policy version, with its document and source' })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiProblems([404, 'No version is active'])
  active(): Promise<PolicyVersion> {
    return this.getActive.execute();
  }

  @Get(':version')
  @ApiOperation({ summary: 'One policy version: document, source, diff and problems' })
  @ApiParam({ name: 'version', schema: POLICY_VERSION_SCHEMA })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiProblems([400, 'version is not a whole number from 1'], 404)
  get(@PolicyVersionParam() version: number): Promise<PolicyVersion> {
    return this.getVersion.execute({ version });
  }

  @Requires('policies:write')
  @Post(':version/validate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Validate a version',
    description: 'Schema and semantic checks with the products\' buckets and the template catalogue of today. Passing makes a draft validated; failing leaves it a draft with its problems saved (422).',
  })
  @ApiParam({ name: 'version', schema: POLICY_VERSION_SCHEMA })
  @ApiOkResponse({ type: PolicyValidationResultDto, description: 'Valid; warnings name rules that can never be chosen' })
  @ApiProblems([400, 'version is not a whole number from 1'], 404, FAULTS)
  validate(@PolicyVersionParam() version: number): Promise<PolicyValidationResult> {
    return this.validateVersion.execute({ version });
  }

  @Requires('policies:activate')
  @Post(':version/activate')
  @ApiOperation({
    summary: 'Ask for a version to become the active one (a second person approves)',
    description:
      'Every activation, a rollback (activating a retired version) too, needs a second person: this records the request (202, pending) once the version is checked as the activation will check it; ' +
      'another person with policies:activate approves it (POST /v1/approvals/:id/approve), which activates it and retires the active version in one transaction. ' +
      'Asking again while a request waits answers the one waiting. Asking for the active version changes nothing (200). Recovery picks the new version up at each episode\'s next step.',
  })
  @ApiParam({ name: 'version', schema: POLICY_VERSION_SCHEMA })
  @ApiRequestKey()
  @ApiBody({ type: ActivatePolicyDto, required: false })
  @ApiAcceptedResponse({ schema: APPROVAL_SCHEMA, description: 'Requested: waiting for a second person' })
  @ApiOkResponse({ type: PolicyActivationResultDto, description: 'It is the active version already: nothing changed' })
  @ApiProblems([400, 'version is not a whole number from 1, or an invalid reason'], 404, [409, 'The version is a draft: validate it first'], 413, 415, [422, 'The version no longer validates (say, a template left the catalogue); its problems are saved'])
  async activate(@PolicyVersionParam() version: number, @Body() body: ActivatePolicyDto, @Caller() caller: Principal, @RequestKey() requestKey: string, @Res() res: ApiResponse): Promise<void> {
    mustBePersonToPropose(caller, 'an activation');
    const request = await this.requestActivation.execute({ version, ...(body.reason !== undefined ? { reason: body.reason } : {}), proposedBy: caller.subject, proposedByRoles: caller.roles, requestKey });
    if (request.outcome === 'pending') return sendJson(res, 202, request.approval);
    // Already active: say so, and never activate here (no second person approved it).
    sendJson(res, 200, await this.activateVersion.execute({ version, by: caller.subject, onlyIfActive: true }));
  }

  @Requires('policies:write')
  @Post(':version/dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What a version would do to the live delinquent portfolio, beside the active version',
    description:
      'Each delinquent loan through the one evaluator under both versions: accounts per rule, first step, first contact channel and segment; the loans whose path changes; ' +
      'and what the compliance gate would decide for each first contact now, from each borrower\'s recorded standing (time zone, consent, opt-outs, disputes, flags) and the last 7 days of contacts (blocks by gate rule). Nothing is recorded or sent.',
  })
  @ApiParam({ name: 'version', schema: POLICY_VERSION_SCHEMA })
  @ApiOkResponse({ type: DryRunReportDto })
  @ApiProblems([400, 'version is not a whole number from 1, or an invalid limit'], 404, FAULTS)
  dryRun(@PolicyVersionParam() version: number, @Query() query: DryRunQueryDto): Promise<DryRunReport> {
    return this.dryRunVersion.execute({ version, limit: query.limit ?? DEFAULT_CHANGED_LIMIT });
  }
}
