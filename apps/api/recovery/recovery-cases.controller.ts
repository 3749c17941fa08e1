// Recovery as ops, collectors and agencies read it: the cases (one per delinquent episode), one
// case's timeline, and the outcomes by bucket, segment, policy version and experiment arm. Scoped
// to the caller in the queries (auth/scope.ts): an agency reads only the episodes whose case is
// placed with it, a collector those they hold or may pick up; a case outside the scope is a 404.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.js';
import { GetRecoveryCaseUseCase, type RecoveryCaseDetail } from './get-recovery-case.usecase.js';
import { ListRecoveryCasesUseCase, type RecoveryCaseList } from './list-recovery-cases.usecase.js';
import { RecoveryIdPipe, RECOVERY_CASE_ID_PATTERN } from './recovery-ids.js';
import { ListRecoveryCasesQueryDto, RecoveryStatsQueryDto } from './recovery-requests.dto.js';
import { RECOVERY_CASE_DETAIL_SCHEMA, RECOVERY_CASE_LIST_SCHEMA, RECOVERY_STATS_SCHEMA } from './recovery-responses.js';
import { RecoveryStatsUseCase, type RecoveryStats } from './recovery-stats.usecase.js';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import { Requires } from '../auth/access.decorator.js';
import { ReadScope } from '../auth/scope.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

const CASE_EXAMPLE = 'recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1';

@ApiTags('recovery')
@ApiUnexpectedProblem()
@Requires('recovery:read')
@Controller('v1/recovery')
export class RecoveryCasesController {
  constructor(
    private readonly listCases: ListRecoveryCasesUseCase,
    private readonly getCase: GetRecoveryCaseUseCase,
    private readonly statsOf: RecoveryStatsUseCase,
  ) {}

  @Get('cases')
  @ApiOperation({ summary: 'Recovery cases, newest first', description: 'One per delinquent episode of a loan. Keyset-paginated: pass nextCursor as cursor for the next page.' })
  @ApiOkResponse({ schema: RECOVERY_CASE_LIST_SCHEMA })
  @ApiProblems([400, 'Invalid filter, limit or cursor'])
  list(@Query() query: ListRecoveryCasesQueryDto, @ReadScope() scope: CaseScope): Promise<RecoveryCaseList> {
    const filter = {
      ...(query.bucket !== undefined ? { bucket: query.bucket } : {}),
      ...(query.segment !== undefined ? { segment: query.segment } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      ...(query.assignee !== undefined ? { assigneeId: query.assignee } : {}),
      ...(query.policyVersion !== undefined ? { policyVersion: query.policyVersion } : {}),
    };
    return this.listCases.execute({ filter, cursor: query.cursor ?? null, limit: query.limit ?? DEFAULT_PAGE_SIZE, scope });
  }

  @Get('cases/:caseId')
  @AuditedRead()
  @ApiOperation({ summary: "One recovery case and its timeline", description: 'Every step the episode took (with the policy version and rule that chose it), each contact with its gate decision, replies, promises, hand-offs and collectors\' outcomes.' })
  @ApiParam({ name: 'caseId', schema: { type: 'string', pattern: RECOVERY_CASE_ID_PATTERN, example: CASE_EXAMPLE } })
  @ApiOkResponse({ schema: RECOVERY_CASE_DETAIL_SCHEMA })
  @ApiProblems([400, 'caseId is not a recovery case ID'], [404, 'No such recovery case (or none in the caller\'s scope)'])
  get(@Param('caseId', new RecoveryIdPipe('caseId', RECOVERY_CASE_ID_PATTERN, CASE_EXAMPLE)) caseId: string, @ReadScope() scope: CaseScope): Promise<RecoveryCaseDetail> {
    return this.getCase.execute({ caseId, scope });
  }

  @Get('stats')
  @ApiOperation({ summary: 'Recovery outcomes', description: 'Over the episodes the caller may read (an agency: those placed with it). Per currency, by bucket at the start, segment, policy version and experiment arm: episodes, cure rate, recovery rate (recovered over delinquent at the start), roll-forward rate, contacts, blocked contacts, promises kept and broken, opt-outs.' })
  @ApiOkResponse({ schema: RECOVERY_STATS_SCHEMA })
  @ApiProblems([400, 'Invalid since'])
  stats(@Query() query: RecoveryStatsQueryDto, @ReadScope() scope: CaseScope): Promise<RecoveryStats> {
    return this.statsOf.execute({ since: query.since ?? null, scope });
  }
}
