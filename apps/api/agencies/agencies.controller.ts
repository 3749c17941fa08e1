// Outside agencies and the cases placed with them: ops place cases (by hand or by rule) and recall
// them; the agency accepts or rejects what was placed with it; both read placements and each
// agency's performance, an agency only its own (the agency its credential names, never a parameter).
// The reads are audited: they export the book's loans and balances, and an agency's figures.
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { PlacementView } from '../../../db/repositories/agency-placement.repository.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ASSIGNEE_ID_PATTERN, RecoveryIdPipe } from '../recovery/recovery-ids.js';
import { AgencyPerformanceUseCase, type PerformanceReport } from './agency-performance.usecase.js';
import { AcceptPlacementDto, AgencyPerformanceQueryDto, ListPlacementsQueryDto, PLACEMENT_EXAMPLE, PLACEMENT_ID_PATTERN, PlaceCasesDto, RecallCasesDto, RejectPlacementDto } from './agency-requests.dto.js';
import { ANSWERED_PLACEMENT_SCHEMA, PERFORMANCE_SCHEMA, PLACEMENT_LIST_SCHEMA, PLACEMENT_SCHEMA, RECALL_SCHEMA } from './agency-responses.js';
import { AnswerPlacementUseCase, type AnsweredPlacement } from './answer-placement.usecase.js';
import { PlaceCasesUseCase } from './place-cases.usecase.js';
import { RecallCasesUseCase, type Recall } from './recall-cases.usecase.js';
import { ReadPlacementsUseCase } from './read-placements.usecase.js';

const AGENCY_EXAMPLE = 'agy-northstar';
const agencyPipe = () => new RecoveryIdPipe('agencyId', ASSIGNEE_ID_PATTERN, AGENCY_EXAMPLE);
const AGENCY_PARAM = { name: 'agencyId', schema: { type: 'string', pattern: ASSIGNEE_ID_PATTERN, example: AGENCY_EXAMPLE }, description: 'The agency\'s assignee ID (kind agency)' } as const;
const placementPipe = () => new RecoveryIdPipe('placementId', PLACEMENT_ID_PATTERN, PLACEMENT_EXAMPLE);
const PLACEMENT_PARAM = { name: 'placementId', schema: { type: 'string', pattern: PLACEMENT_ID_PATTERN, example: PLACEMENT_EXAMPLE } } as const;

@ApiTags('agencies')
@ApiUnexpectedProblem()
@Controller('v1/agencies')
export class AgenciesController {
  constructor(
    private readonly placeCases: PlaceCasesUseCase,
    private readonly answers: AnswerPlacementUseCase,
    private readonly recalls: RecallCasesUseCase,
    private readonly placements: ReadPlacementsUseCase,
    private readonly performanceOf: AgencyPerformanceUseCase,
  ) {}

  @Requires('agency-performance:read')
  @Get('performance')
  @AuditedRead()
  @ApiOperation({
    summary: "Agencies' performance over a period",
    description:
      'For each agency (an agency reads only its own, and naming another is a 404), in total and by day, ISO week or calendar month of [from, to): cases held, placed, contacts and promises it recorded while it held them, SLA lapses counted against it and, per currency, the balance the cases held owed when placed, what was paid on them while placed (payments applied, in minor units) and the recovery rate (collected / balance placed).',
  })
  @ApiOkResponse({ schema: PERFORMANCE_SCHEMA })
  @ApiProblems([400, 'Invalid from, to, by or agency; to not after from, or more than 366 days after it'], [404, 'No such agency, or not the caller\'s own'])
  performance(@Caller() caller: Principal, @Query() query: AgencyPerformanceQueryDto): Promise<PerformanceReport> {
    return this.performanceOf.execute(caller, { from: query.from, to: query.to, by: query.by ?? 'week', ...(query.agency !== undefined ? { agency: query.agency } : {}) });
  }

  @Requires('placements:read')
  @Get('placements')
  @AuditedRead()
  @ApiOperation({ summary: 'Placements, newest first', description: 'Every agency\'s to staff (or one\'s with agency); an agency\'s own to the agency.' })
  @ApiOkResponse({ schema: PLACEMENT_LIST_SCHEMA })
  @ApiProblems([400, 'Invalid agency or limit'], [404, 'No such agency, or not the caller\'s own'])
  async list(@Caller() caller: Principal, @Query() query: ListPlacementsQueryDto): Promise<{ items: PlacementView[] }> {
    return { items: await this.placements.list(caller, query.agency, query.limit ?? 50) };
  }

  @Requires('placements:read')
  @Get('placements/:placementId')
  @AuditedRead()
  @ApiOperation({ summary: 'One placement', description: 'Its cases with the balance each carried when placed and where each stands now, and the cases asked for that were not placed, with why.' })
  @ApiParam(PLACEMENT_PARAM)
  @ApiOkResponse({ schema: PLACEMENT_SCHEMA })
  @ApiProblems([400, 'placementId is not a placement ID'], [404, 'No such placement, or another agency\'s'])
  get(@Caller() caller: Principal, @Param('placementId', placementPipe()) placementId: string): Promise<PlacementView> {
    return this.placements.get(caller, placementId);
  }

  @Requires('agencies:place')
  @Post(':agencyId/placements')
  @ApiOperation({
    summary: 'Place cases with an agency',
    description:
      'By hand (caseIds, in that order) or by rule (the open work items nobody accepted that match: queue, buckets, days past due, balance in a currency, product, country, segment; highest priority first), up to the agency\'s room under its capacity. A case goes only where round-robin could send it (the agency active, every skill the case needs, not a case the agency declined or rejected); it is taken from a collector, never from another agency (recall it first). Each case not placed is listed with why. The episodes are told, so each SLA clock restarts; the agency accepts or rejects.',
  })
  @ApiParam(AGENCY_PARAM)
  @ApiBody({ type: PlaceCasesDto })
  @ApiCreatedResponse({ schema: PLACEMENT_SCHEMA })
  @ApiProblems([400, 'Invalid agencyId or body: give caseIds or rule; a balance bound needs currency'], [404, 'No such agency'], [409, 'The agency is not active'], 413, 415)
  place(@Caller() caller: Principal, @Param('agencyId', agencyPipe()) agencyId: string, @Body() body: PlaceCasesDto): Promise<PlacementView> {
    return this.placeCases.execute({ agencyId, placedBy: caller.subject, ...(body.caseIds ? { caseIds: body.caseIds } : {}), ...(body.rule ? { rule: { ...body.rule } } : {}) });
  }

  @Requires('agencies:place')
  @Post(':agencyId/recalls')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Recall cases from an agency',
    description: 'A placement\'s cases the agency still holds (placementId), some of them (with caseIds), or cases it holds named by hand (caseIds), with a reason. Each goes round-robin among collectors and is never offered to the agency again by round-robin (ops may place it there again by hand); with no collector free it waits in its queue. The episodes are told.',
  })
  @ApiParam(AGENCY_PARAM)
  @ApiBody({ type: RecallCasesDto })
  @ApiOkResponse({ schema: RECALL_SCHEMA })
  @ApiProblems([400, 'Invalid agencyId or body: give placementId, caseIds or both, and a reason'], [404, 'The agency has no such placement'], 413, 415)
  recall(@Caller() caller: Principal, @Param('agencyId', agencyPipe()) agencyId: string, @Body() body: RecallCasesDto): Promise<Recall> {
    return this.recalls.execute({ agencyId, by: caller.subject, reason: body.reason, ...(body.placementId ? { placementId: body.placementId } : {}), ...(body.caseIds ? { caseIds: body.caseIds } : {}) });
  }

  @Requires('placements:respond')
  @Post('placements/:placementId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a placement (the agency)', description: 'Every case of it the agency still holds, or those named: each is accepted as its work item would be (accepting again changes nothing). Only the agency the caller works for.' })
  @ApiParam(PLACEMENT_PARAM)
  @ApiBody({ type: AcceptPlacementDto })
  @ApiOkResponse({ schema: ANSWERED_PLACEMENT_SCHEMA })
  @ApiProblems([400, 'Invalid placementId or body'], [404, 'No such placement for the caller\'s agency'], 413, 415)
  accept(@Caller() caller: Principal, @Param('placementId', placementPipe()) placementId: string, @Body() body: AcceptPlacementDto): Promise<AnsweredPlacement> {
    return this.answers.execute(caller, placementId, body.caseIds, { kind: 'accept' });
  }

  @Requires('placements:respond')
  @Post('placements/:placementId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a placement (the agency)', description: 'Every case of it the agency holds and has not accepted, or those named, with a reason: each is declined as its work item would be, so round-robin gives it to someone else and never back to this agency. Only the agency the caller works for.' })
  @ApiParam(PLACEMENT_PARAM)
  @ApiBody({ type: RejectPlacementDto })
  @ApiOkResponse({ schema: ANSWERED_PLACEMENT_SCHEMA })
  @ApiProblems([400, 'Invalid placementId or body'], [404, 'No such placement for the caller\'s agency'], 413, 415)
  reject(@Caller() caller: Principal, @Param('placementId', placementPipe()) placementId: string, @Body() body: RejectPlacementDto): Promise<AnsweredPlacement> {
    return this.answers.execute(caller, placementId, body.caseIds, { kind: 'reject', reason: body.reason });
  }
}
