// Maker-checker, in one place: what waits for a second person (arrangements outside the policy's
// bounds, settlements, write-offs, policy activations), and their decisions. Approving applies the
// proposal; the proposer cannot decide their own (403, own-proposal).
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import { scopeOf } from '../auth/scope.js';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { DecideApprovalDto, ListApprovalsQueryDto } from './approval-requests.dto.js';
import { APPROVAL_LIST_SCHEMA, APPROVAL_SCHEMA } from './approval-responses.js';
import { DecideApprovalUseCase } from './decide-approval.usecase.js';
import { GetApprovalUseCase } from './get-approval.usecase.js';
import { ListApprovalsUseCase } from './list-approvals.usecase.js';

const ID = { name: 'id', schema: { type: 'string' as const, format: 'uuid' }, description: 'The approval' };
const idPipe = new UuidParamPipe('id');
// A 403 also answers the proposer deciding their own proposal (own-proposal), an API key, and a
// caller without the right the kind needs (arrangements:approve, or policies:activate).
const DECISION_PROBLEMS: (number | [number, string])[] = [
  [400, 'id is not a UUID, or an invalid note'],
  [404, 'No such approval'],
  [409, 'Already decided otherwise, or by someone else; or applying it was refused (the loan closed, the experiment stopped)'],
  413,
  415,
  [422, 'Applying it was refused for what it asks (the version no longer validates, the workflow refused the terms)'],
];

@ApiTags('approvals')
@ApiUnexpectedProblem()
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly listAll: ListApprovalsUseCase,
    private readonly getOne: GetApprovalUseCase,
    private readonly decide: DecideApprovalUseCase,
  ) {}

  @Requires('approvals:read')
  @Get()
  @ApiOperation({ summary: 'Proposals by status (pending by default) and kind, oldest first' })
  @ApiOkResponse({ schema: APPROVAL_LIST_SCHEMA })
  @ApiProblems(400)
  list(@Query() query: ListApprovalsQueryDto, @Caller() caller: Principal): Promise<{ items: ApprovalRecord[] }> {
    return this.listAll.execute({ status: query.status ?? 'pending', ...(query.kind ? { kind: query.kind } : {}), limit: query.limit ?? 100, ...ownOnly(caller) });
  }

  @Requires('approvals:read')
  @Get(':id')
  @ApiOperation({ summary: 'One proposal: who proposed it, why it needs a second person, who decided, what applying it did' })
  @ApiParam(ID)
  @ApiOkResponse({ schema: APPROVAL_SCHEMA })
  @ApiProblems([400, 'id is not a UUID'], 404)
  get(@Param('id', idPipe) id: string, @Caller() caller: Principal): Promise<ApprovalRecord> {
    return this.getOne.execute({ id, ...ownOnly(caller) });
  }

  @Requires('approvals:decide')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: "Approve someone else's proposal, which applies it",
    description:
      'The checker is a person other than the proposer (the proposer is answered 403 own-proposal), holding the right the kind needs (arrangements:approve for arrangements and write-offs, policies:activate for activations; 403 otherwise, and to an API key). The arrangement or write-off is applied by the loan workflow, the version activated. Sent again by the same checker, it answers the proposal as it is (and finishes applying it, if that had not finished).',
  })
  @ApiParam(ID)
  @ApiBody({ type: DecideApprovalDto, required: false })
  @ApiOkResponse({ schema: APPROVAL_SCHEMA, description: 'Approved and applied' })
  @ApiProblems(...DECISION_PROBLEMS)
  approve(@Param('id', idPipe) id: string, @Body() body: DecideApprovalDto, @Caller() checker: Principal): Promise<ApprovalRecord> {
    return this.decide.execute({ id, decision: 'approved', ...(body.note !== undefined ? { note: body.note } : {}), checker });
  }

  @Requires('approvals:decide')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: "Reject someone else's proposal", description: 'Recorded with the checker and the note; nothing is applied. Who may reject is who may approve (403 to the proposer). Sent again by the same checker, it answers the proposal as it is.' })
  @ApiParam(ID)
  @ApiBody({ type: DecideApprovalDto, required: false })
  @ApiOkResponse({ schema: APPROVAL_SCHEMA, description: 'Rejected' })
  @ApiProblems(...DECISION_PROBLEMS)
  reject(@Param('id', idPipe) id: string, @Body() body: DecideApprovalDto, @Caller() checker: Principal): Promise<ApprovalRecord> {
    return this.decide.execute({ id, decision: 'rejected', ...(body.note !== undefined ? { note: body.note } : {}), checker });
  }
}

/**
 * Collectors and agencies read only the proposals they made (a proposal carries the loan's terms,
 * what it owes and the loan's state once applied); whole-book callers read every one.
 */
function ownOnly(caller: Principal): { proposedBy?: string } {
  return scopeOf(caller).kind === 'all' ? {} : { proposedBy: caller.subject };
}
