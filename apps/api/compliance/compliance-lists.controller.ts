// The opt-outs and disputes compliance officers follow, as lists: who stopped which channel and how,
// and every dispute with whether it was verified. They are borrowers' standing, so they take its
// read permission (contact-standing:read: compliance, ops and admins read the whole book; a
// collector or an agency only the borrowers of the cases in its scope, auth/scope.ts), and each
// read is recorded in the audit trail.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { PeriodFilter } from '../../../db/repositories/compliance-lists.repository.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';
import { Requires } from '../auth/access.decorator.js';
import { ReadScope } from '../auth/scope.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { toIsoInstant } from '../http/instant-pattern.js';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.js';
import { ProblemException } from '../http/problem.js';
import { ListDisputesQueryDto, ListOptOutsQueryDto } from './compliance-lists-query.dto.js';
import { DISPUTE_LIST_SCHEMA, OPT_OUT_LIST_SCHEMA } from './compliance-lists-responses.js';
import { ListDisputesUseCase, type DisputeList } from './list-disputes.usecase.js';
import { ListOptOutsUseCase, type OptOutList } from './list-opt-outs.usecase.js';

const SCOPED = 'A collector or an agency sees only the borrowers of the cases in its scope.';

@ApiTags('compliance')
@ApiUnexpectedProblem()
@Requires('contact-standing:read')
@Controller('v1/compliance')
export class ComplianceListsController {
  constructor(
    private readonly listOptOuts: ListOptOutsUseCase,
    private readonly listDisputes: ListDisputesUseCase,
  ) {}

  @Get('opt-outs')
  @AuditedRead()
  @ApiOperation({
    summary: 'Opt-outs, newest first',
    description: `Every opt-out recorded (a STOP reply, an unsubscribe, a key press, a request on a call), from one channel or from all contact: the loan, the channel, when, how it came and who recorded it; never the words (the loan's contact standing has them). Keyset-paginated: pass nextCursor as cursor for the next page. ${SCOPED}`,
  })
  @ApiOkResponse({ schema: OPT_OUT_LIST_SCHEMA })
  @ApiProblems([400, 'Invalid from, to, channel, limit or cursor; to not after from'])
  optOuts(@Query() query: ListOptOutsQueryDto, @ReadScope() scope: CaseScope): Promise<OptOutList> {
    const filter = { ...period(query), ...(query.channel !== undefined ? { channel: query.channel } : {}) };
    return this.listOptOuts.execute({ filter, scope, cursor: query.cursor ?? null, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }

  @Get('disputes')
  @AuditedRead()
  @ApiOperation({
    summary: 'Disputes, newest first',
    description: `Every dispute opened (a reply, a key press, the validation notice's form, a collector's call), with the first verification recorded after it (open until then: collection stays paused): the loan, when, how and on which channel it came, who recorded it and who verified it; never the borrower's words. Keyset-paginated: pass nextCursor as cursor for the next page. ${SCOPED}`,
  })
  @ApiOkResponse({ schema: DISPUTE_LIST_SCHEMA })
  @ApiProblems([400, 'Invalid from, to, channel, status, limit or cursor; to not after from'])
  disputes(@Query() query: ListDisputesQueryDto, @ReadScope() scope: CaseScope): Promise<DisputeList> {
    const filter = { ...period(query), ...(query.channel !== undefined ? { channel: query.channel } : {}), ...(query.status !== undefined ? { status: query.status } : {}) };
    return this.listDisputes.execute({ filter, scope, cursor: query.cursor ?? null, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }
}

function period(query: { from?: string; to?: string }): PeriodFilter {
  const from = query.from === undefined ? undefined : toIsoInstant(query.from);
  const to = query.to === undefined ? undefined : toIsoInstant(query.to);
  if (from !== undefined && to !== undefined && to <= from) throw ProblemException.validation([{ field: 'to', message: 'must be after from' }]);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}
