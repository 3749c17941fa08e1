// The collector desk: a collector (or an agency's user) working hand-off cases as themselves. The
// assignee is the caller (a collector's token `sub`, an agency user's agency: auth/scope.ts), never a
// body's word; ops and admin are nobody's assignee here (403 not-an-assignee). Cases outside the
// caller's scope (another's) read as absent: 404.
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { Requires } from '../auth/access.decorator.js';
import { AssigneeGuard, DeskAssignee, ReadScope } from '../auth/scope.js';
import { Database } from '../database.js';
import { UnprocessableFieldsError } from '../errors.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ApiRequestKey, RequestKey } from '../http/request-key.decorator.js';
import { RecoveryIdPipe, WORK_ITEM_ID_PATTERN } from './recovery-ids.js';
import { CaseNoteDto, DeclineWorkItemDto, DeskAvailableQueryDto, DeskQueueQueryDto, WorkItemOutcomeDto } from './recovery-requests.dto.js';
import { WORK_ITEM_SCHEMA } from './recovery-responses.js';
import { RecordWorkItemOutcomeUseCase } from './record-work-item-outcome.usecase.js';
import { WorkItemActionUseCase } from './work-item-actions.usecase.js';

const ITEM_EXAMPLE = 'case-recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1';
const itemPipe = () => new RecoveryIdPipe('id', WORK_ITEM_ID_PATTERN, ITEM_EXAMPLE);
const ITEM_PARAM = { name: 'id', schema: { type: 'string', pattern: WORK_ITEM_ID_PATTERN, example: ITEM_EXAMPLE } } as const;
const LIST_SCHEMA = { type: 'object', properties: { items: { type: 'array', items: WORK_ITEM_SCHEMA } } } as const;
const NOT_AN_ASSIGNEE: [number, string] = [403, 'The caller is no collector or agency (ops and admin act on cases through their own routes)'];
const NOT_YOURS: [number, string] = [404, 'No such work item in your queue or among those you may pick up'];
const ACTION_PROBLEMS: [number, string][] = [[400, 'Invalid id or body'], NOT_AN_ASSIGNEE, NOT_YOURS];

@ApiTags('desk')
@ApiUnexpectedProblem()
// Reading one's own queue is working it: the desk is for those who work cases (ops read every case at /v1/recovery).
@Requires('work-items:work')
@UseGuards(AssigneeGuard)
@Controller('v1/desk')
export class DeskController {
  constructor(
    private readonly db: Database,
    private readonly act: WorkItemActionUseCase,
    private readonly recordOutcome: RecordWorkItemOutcomeUseCase,
  ) {}

  @Get('queue')
  @ApiOperation({ summary: 'My queue, highest priority first', description: 'The hand-off cases given to you (open: to accept or decline) or that you accepted, not closed.' })
  @ApiOkResponse({ schema: LIST_SCHEMA })
  @ApiProblems([400, 'Invalid status or limit'], NOT_AN_ASSIGNEE)
  async queue(@Query() query: DeskQueueQueryDto, @DeskAssignee() me: string, @ReadScope() scope: CaseScope): Promise<{ items: CaseView[] }> {
    const items = await this.db.recoveryCases().list({ assigneeId: me, notClosed: true, ...(query.status !== undefined ? { status: query.status } : {}), limit: query.limit ?? 50 }, scope);
    return { items };
  }

  @Get('available')
  @ApiOperation({ summary: 'Cases I may pick up', description: 'Waiting cases you may take now: every skill the case needs (a high-risk or high-balance case needs `certified`) and room under your capacity. Round-robin gives a waiting case out the moment someone eligible has room and never back to one who declined it, so what waits for a choice is a case its eligible assignees declined; one who declined it may still take it. Highest priority first.' })
  @ApiOkResponse({ schema: LIST_SCHEMA })
  @ApiProblems([400, 'Invalid limit'], NOT_AN_ASSIGNEE)
  async available(@Query() query: DeskAvailableQueryDto, @DeskAssignee() me: string): Promise<{ items: CaseView[] }> {
    return { items: await this.db.recoveryCases().available(me, query.limit ?? 50) };
  }

  @Post('cases/:id/pick-up')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pick up a waiting case', description: 'It becomes yours, accepted at once (you chose it); its episode is told and its SLA clock starts.' })
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, [409, 'The case no longer waits, or you are not eligible for it now'])
  pickUp(@Param('id', itemPipe()) id: string, @DeskAssignee() me: string, @ReadScope() scope: CaseScope): Promise<CaseView> {
    return this.act.execute({ caseId: id, assigneeId: me, scope, action: { kind: 'pick_up' } });
  }

  @Post('cases/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a case given to you', description: 'Accepting again changes nothing.' })
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, [409, 'The case waits to be picked up, or is closed'])
  accept(@Param('id', itemPipe()) id: string, @DeskAssignee() me: string, @ReadScope() scope: CaseScope): Promise<CaseView> {
    return this.act.execute({ caseId: id, assigneeId: me, scope, action: { kind: 'accept' } });
  }

  @Post('cases/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a case given to you, with a reason', description: 'It goes to the next eligible assignee with room (round-robin), never back to you. The reason is stored sealed.' })
  @ApiParam(ITEM_PARAM)
  @ApiBody({ type: DeclineWorkItemDto })
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, [409, 'The case waits to be picked up, is closed, or you accepted it'], 413, 415)
  decline(@Param('id', itemPipe()) id: string, @Body() body: DeclineWorkItemDto, @DeskAssignee() me: string, @ReadScope() scope: CaseScope): Promise<CaseView> {
    return this.act.execute({ caseId: id, assigneeId: me, scope, action: { kind: 'decline', reason: body.reason } });
  }

  @Post('cases/:id/outcomes')
  @HttpCode(200)
  @ApiOperation({
    summary: "Log a call's outcome",
    description:
      "reached, no_answer, wrong_party, refused, promised (with promise: the promise is recorded with the episode, within the policy's horizon), disputed (collection pauses), hardship, or plan_requested (with plan.kind: plan, restructure or settlement; the case's events show it). The recovery episode acts on it and the SLA clock restarts. The call is counted by the compliance gate (a conversation unless no_answer or wrong_party); it is recorded even when the outcome is then refused (a promise the episode does not take), and a retry with the same Idempotency-Key records it once.",
  })
  @ApiRequestKey()
  @ApiParam(ITEM_PARAM)
  @ApiBody({ type: WorkItemOutcomeDto })
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, [409, 'The case is not yours to work now (waiting, closed)'], 413, 415, [422, 'plan without plan_requested (or the reverse), or a promise outside what the policy allows'])
  outcome(@Param('id', itemPipe()) id: string, @Body() body: WorkItemOutcomeDto, @RequestKey() requestKey: string, @DeskAssignee() me: string, @ReadScope() scope: CaseScope): Promise<CaseView> {
    if (body.outcome === 'plan_requested' && !body.plan) throw new UnprocessableFieldsError([{ field: 'plan', message: 'is required with outcome plan_requested: say which arrangement the borrower asked for' }]);
    if (body.outcome !== 'plan_requested' && body.plan) throw new UnprocessableFieldsError([{ field: 'plan', message: 'goes only with outcome plan_requested' }]);
    if (body.outcome !== 'promised' && body.promise) throw new UnprocessableFieldsError([{ field: 'promise', message: 'goes only with outcome promised' }]);
    return this.recordOutcome.execute({
      caseId: id,
      requestKey,
      assigneeId: me,
      scope,
      outcome: body.outcome,
      ...(body.promise ? { promise: { amountMinor: body.promise.amountMinor, dueOn: body.promise.dueOn } } : {}),
      ...(body.plan ? { plan: { kind: body.plan.kind } } : {}),
      ...(body.note ? { note: body.note } : {}),
    });
  }

  @Post('cases/:id/notes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a note to a case you hold', description: 'Free text, stored sealed with the field cipher and opened for those who may read the case. A note is the case\'s record, not a contact: the SLA clock does not restart.' })
  @ApiParam(ITEM_PARAM)
  @ApiBody({ type: CaseNoteDto })
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, [409, 'The case is not yours (waiting) or is closed'], 413, 415)
  note(@Param('id', itemPipe()) id: string, @Body() body: CaseNoteDto, @DeskAssignee() me: string, @ReadScope() scope: CaseScope): Promise<CaseView> {
    return this.act.execute({ caseId: id, assigneeId: me, scope, action: { kind: 'note', note: body.note } });
  }
}
