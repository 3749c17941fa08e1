// Plans, restructures, settlements and write-offs of a loan, as people propose them. Within the
// active policy's bounds an arrangement is applied at once (201, applied); outside them, every
// settlement and every write-off wait for a second person (202, pending: POST
// /v1/approvals/:id/approve). The proposer is the caller, recorded with the proposal.
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { ApprovalRecord } from '../../../db/repositories/approval.repository.js';
import type { ArrangementTerms } from '../../../domain/arrangements.js';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import { assigneeOf, scopeOf } from '../auth/scope.js';
import { Database } from '../database.js';
import { LoanNotFoundError } from '../errors.js';
import type { Principal } from '../auth/principal.js';
import { APPROVAL_LIST_SCHEMA, APPROVAL_SCHEMA } from '../approvals/approval-responses.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import type { ApiResponse } from '../http/request-context.js';
import { ApiRequestKey, RequestKey } from '../http/request-key.decorator.js';
import { sendJson } from '../http/send-json.js';
import { PlanProposalDto, ProposeArrangementDto, ProposeWriteOffDto, RestructureProposalDto, SettlementProposalDto } from './arrangement-requests.dto.js';
import { ListArrangementsUseCase } from './list-arrangements.usecase.js';
import { ProposeArrangementUseCase } from './propose-arrangement.usecase.js';
import { ProposeWriteOffUseCase } from './propose-write-off.usecase.js';
import { mustBePersonToPropose } from '../approvals/proposer.js';

@ApiTags('arrangements')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
@Controller('v1/loans/:loanId')
export class ArrangementsController {
  constructor(
    private readonly db: Database,
    private readonly proposeArrangement: ProposeArrangementUseCase,
    private readonly proposeWriteOff: ProposeWriteOffUseCase,
    private readonly listArrangements: ListArrangementsUseCase,
  ) {}

  @Requires('arrangements:propose')
  @Post('arrangements')
  @ApiOperation({
    summary: 'Propose a repayment plan, restructure or settlement',
    description:
      "Checked against the active escalation policy's bounds (settings.arrangements). Within them, and not a kind the policy always sends to a second person, it is applied at once by the loan workflow (201, status applied). " +
      'Outside them, and every settlement (it writes money off), it waits for a second person (202, status pending, with the reasons). A retry with the same Idempotency-Key answers the same proposal and applies nothing twice.',
  })
  @ApiRequestKey()
  @ApiExtraModels(PlanProposalDto, RestructureProposalDto, SettlementProposalDto)
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(PlanProposalDto) }, { $ref: getSchemaPath(RestructureProposalDto) }, { $ref: getSchemaPath(SettlementProposalDto) }],
      discriminator: { propertyName: 'kind', mapping: { plan: getSchemaPath(PlanProposalDto), restructure: getSchemaPath(RestructureProposalDto), settlement: getSchemaPath(SettlementProposalDto) } },
    },
  })
  @ApiCreatedResponse({ schema: APPROVAL_SCHEMA, description: 'Within the bounds: applied' })
  @ApiAcceptedResponse({ schema: APPROVAL_SCHEMA, description: 'Waiting for a second person (reasons say why)' })
  @ApiProblems(
    [400, 'An invalid field, or a field the kind does not take'],
    404,
    [409, 'The loan is not being repaid, or the workflow refused the arrangement'],
    413,
    415,
    [422, 'Terms that do not fit the loan (dates not after today or out of order, a plan that does not pay what is owed, a settlement that does), or an Idempotency-Key used with other terms'],
  )
  async propose(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: ProposeArrangementDto, @Caller() caller: Principal, @RequestKey() requestKey: string, @Res() res: ApiResponse): Promise<void> {
    await this.mustHold(loanId, caller);
    const approval = await this.proposeArrangement.execute({ loanId, terms: termsOf(body), ...(body.note !== undefined ? { note: body.note } : {}), proposedBy: caller.subject, proposedByRoles: caller.roles, proposerKind: caller.kind, requestKey });
    sendJson(res, approval.status === 'pending' ? 202 : 201, approval);
  }

  @Requires('loans:read')
  @Get('arrangements')
  @ApiOperation({ summary: "The loan's arrangements and write-offs: proposed, decided, applied (oldest first)" })
  @ApiOkResponse({ schema: APPROVAL_LIST_SCHEMA })
  @ApiProblems(400, 404)
  async list(@Param('loanId', LoanIdPipe) loanId: string, @Caller() caller: Principal): Promise<{ items: ApprovalRecord[] }> {
    await this.mustHold(loanId, caller);
    return this.listArrangements.execute({ loanId });
  }

  /**
   * A collector or an agency works only the loans of the cases it holds (as the desk and promises
   * do): any other loan, placed elsewhere or with no case, is not there for it (404, before the
   * loan is read, so nothing says whether it exists). Whole-book callers (ops, admin) pass.
   */
  private async mustHold(loanId: string, caller: Principal): Promise<void> {
    const scope = scopeOf(caller);
    if (scope.kind === 'all') return;
    const held = await this.db.recoveryCases().openCaseOfLoan(loanId, scope);
    if (!held || held.assigneeId !== assigneeOf(caller)) throw new LoanNotFoundError(loanId);
  }

  @Requires('write-offs:propose')
  @Post('write-off')
  @ApiOperation({
    summary: 'Propose writing the loan off',
    description:
      'Always waits for a second person (POST /v1/approvals/:id/approve), who applies it through the loan workflow: what is owed is written down and the loan ends charged off. One waits per loan: proposing again answers the one waiting. A retry with the same Idempotency-Key answers the same proposal.',
  })
  @ApiRequestKey()
  @ApiAcceptedResponse({ schema: APPROVAL_SCHEMA, description: 'Waiting for a second person' })
  @ApiOkResponse({ schema: APPROVAL_SCHEMA, description: 'A retry (the same Idempotency-Key) of a proposal decided since: as it stands' })
  @ApiProblems(400, 404, [409, 'The loan is closed'], 413, 415, [422, 'The Idempotency-Key was used with another reason'])
  async writeOff(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: ProposeWriteOffDto, @Caller() caller: Principal, @RequestKey() requestKey: string, @Res() res: ApiResponse): Promise<void> {
    mustBePersonToPropose(caller, 'a write-off');
    const { approval } = await this.proposeWriteOff.execute({ loanId, reason: body.reason, proposedBy: caller.subject, proposedByRoles: caller.roles, requestKey });
    sendJson(res, approval.status === 'pending' ? 202 : 200, approval);
  }
}

function termsOf(body: ProposeArrangementDto): ArrangementTerms {
  if (body.kind === 'restructure') return { kind: 'restructure', extraMonths: body.extraMonths!, holidayMonths: body.holidayMonths!, ...(body.aprBps !== undefined ? { aprBps: body.aprBps } : {}) };
  return { kind: body.kind, instalments: body.instalments!.map((l) => ({ dueOn: l.dueOn, amountMinor: l.amountMinor })) };
}
