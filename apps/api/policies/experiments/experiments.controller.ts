// Champion and challenger: ops run a validated version beside the active one on a hashed share of
// new delinquent episodes, read the outcomes per arm with their intervals and tests, and promote
// the challenger (it becomes active once a second person approves) or stop the experiment. Registered before the policy
// versions' controller, whose `:version` would otherwise take `experiments`.
import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Experiment } from '../../../../db/repositories/recovery-experiment.repository.js';
import { ApiProblems, ApiUnexpectedProblem } from '../../http/api-problems.decorator.js';
import { UuidParamPipe } from '../../http/uuid-param.pipe.js';
import { PolicyActivationResultDto } from '../policy-responses.dto.js';
import { APPROVAL_SCHEMA } from '../../approvals/approval-responses.js';
import { Caller } from '../../auth/caller.decorator.js';
import type { Principal } from '../../auth/principal.js';
import type { ApiResponse } from '../../http/request-context.js';
import { ApiRequestKey, RequestKey } from '../../http/request-key.decorator.js';
import { sendJson } from '../../http/send-json.js';
import { RequestPolicyActivationUseCase } from '../request-policy-activation.usecase.js';
import { EndExperimentDto, PromoteExperimentDto, StartExperimentDto } from './experiment-requests.dto.js';
import type { ExperimentReport } from './experiment-report.js';
import { EXPERIMENT_LIST_SCHEMA, EXPERIMENT_PROMOTION_SCHEMA, EXPERIMENT_REPORT_SCHEMA, EXPERIMENT_SCHEMA } from './experiment-responses.js';
import { GetExperimentUseCase } from './get-experiment.usecase.js';
import { ListExperimentsUseCase } from './list-experiments.usecase.js';
import { PromoteExperimentUseCase } from './promote-experiment.usecase.js';
import { StartExperimentUseCase } from './start-experiment.usecase.js';
import { StopExperimentUseCase } from './stop-experiment.usecase.js';
import { Requires } from '../../auth/access.decorator.js';
import { mustBePersonToPropose } from '../../approvals/proposer.js';

const ID = { name: 'id', schema: { type: 'string' as const, format: 'uuid' } };
const idPipe = new UuidParamPipe('id');

@ApiTags('recovery policies')
@ApiUnexpectedProblem()
@ApiExtraModels(PolicyActivationResultDto)
@Requires('policies:read')
@Controller('v1/policies/recovery/experiments')
export class RecoveryExperimentsController {
  constructor(
    private readonly start: StartExperimentUseCase,
    private readonly listAll: ListExperimentsUseCase,
    private readonly report: GetExperimentUseCase,
    private readonly promoteOne: PromoteExperimentUseCase,
    private readonly requestActivation: RequestPolicyActivationUseCase,
    private readonly stopOne: StopExperimentUseCase,
  ) {}

  @Requires('policies:write')
  @Post()
  @ApiOperation({
    summary: 'Start a champion/challenger experiment',
    description:
      'From now on, shareBps basis points of new delinquent episodes follow the challenger version, chosen by a hash of the experiment and the loan (the same loan always lands in the same arm); ' +
      'the rest follow the active version. One experiment runs at a time.',
  })
  @ApiCreatedResponse({ schema: EXPERIMENT_SCHEMA, description: 'The running experiment' })
  @ApiProblems(
    [400, 'A field missing or of the wrong type'],
    [409, 'Another experiment is running, or the challenger is a draft or the active version'],
    413,
    415,
    [422, 'shareBps outside 0-10000, challengerVersion names no version, or the version no longer validates (its problems are saved)'],
  )
  create(@Body() body: StartExperimentDto): Promise<Experiment> {
    return this.start.execute({ challengerVersion: body.challengerVersion, shareBps: body.shareBps, by: body.by, note: body.note ?? null });
  }

  @Get()
  @ApiOperation({ summary: 'Every experiment, newest first' })
  @ApiOkResponse({ schema: EXPERIMENT_LIST_SCHEMA })
  list(): Promise<{ items: Experiment[] }> {
    return this.listAll.execute();
  }

  @Get(':id')
  @ApiOperation({
    summary: 'An experiment and its outcomes per arm',
    description:
      'Per arm: episodes; cure rate within 30, 60 and 90 days of the start (only episodes at least that old count); recovered over delinquent per currency; roll-forward rate; ' +
      'contacts per cure; promises kept; opt-outs; each with its 95% interval. The comparison tests the challenger against the champion (two-proportion z-test; ratio-estimator z-test for recovery).',
  })
  @ApiParam(ID)
  @ApiOkResponse({ schema: EXPERIMENT_REPORT_SCHEMA })
  @ApiProblems([400, 'id is not a UUID'], 404)
  get(@Param('id', idPipe) id: string): Promise<ExperimentReport> {
    return this.report.execute({ id, asOf: new Date() });
  }

  @Requires('policies:activate')
  @Post(':id/promote')
  @ApiOperation({
    summary: 'Ask for the challenger to be promoted (a second person approves)',
    description:
      'Promotion activates the challenger, so a second person approves it, as any activation: this records the request (202, pending); another person with policies:activate approves it (POST /v1/approvals/:id/approve), ' +
      'which activates the version as POST /v1/policies/recovery/:version/activate does (checked again, the old version retired, logged) and ends the experiment as promoted. Asking to promote a promoted experiment changes nothing (200).',
  })
  @ApiParam(ID)
  @ApiRequestKey()
  @ApiBody({ type: PromoteExperimentDto, required: false })
  @ApiAcceptedResponse({ schema: APPROVAL_SCHEMA, description: 'Requested: waiting for a second person' })
  @ApiOkResponse({ schema: EXPERIMENT_PROMOTION_SCHEMA, description: 'Promoted before: nothing changed' })
  @ApiProblems([400, 'id is not a UUID, or an invalid reason'], 404, [409, 'The experiment was stopped, or its challenger is a draft'], 413, 415, [422, 'The challenger no longer validates; its problems are saved'])
  async promote(@Param('id', idPipe) id: string, @Body() body: PromoteExperimentDto, @Caller() caller: Principal, @RequestKey() requestKey: string, @Res() res: ApiResponse): Promise<void> {
    mustBePersonToPropose(caller, 'a promotion');
    const request = await this.requestActivation.execute({ experimentId: id, ...(body.reason !== undefined ? { reason: body.reason } : {}), proposedBy: caller.subject, proposedByRoles: caller.roles, requestKey });
    if (request.outcome === 'pending') return sendJson(res, 202, request.approval);
    sendJson(res, 200, await this.promoteOne.execute({ id, by: caller.subject }));
  }

  @Requires('policies:write')
  @Post(':id/stop')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop the experiment',
    description: 'New episodes follow the active version only. Episodes already on the challenger keep following it to their end. Stopping a stopped experiment changes nothing.',
  })
  @ApiParam(ID)
  @ApiOkResponse({ schema: EXPERIMENT_SCHEMA })
  @ApiProblems([400, 'id is not a UUID, or no `by`'], 404, [409, 'The experiment was promoted'], 413, 415)
  stop(@Param('id', idPipe) id: string, @Body() body: EndExperimentDto): Promise<Experiment> {
    return this.stopOne.execute({ id, by: body.by });
  }
}
