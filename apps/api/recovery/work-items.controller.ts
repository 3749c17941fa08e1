// Hand-off cases as collectors and agencies work them (the people issue puts logins in front of
// the assignee IDs): the queue, accept, decline, outcomes; and the assignees ops manage.
import { Body, Controller, Get, HttpCode, Param, Put, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Assignee, CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { Database } from '../database.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ProblemException } from '../http/problem.js';
import { ApiRequestKey, RequestKey } from '../http/request-key.decorator.js';
import { ASSIGNEE_ID_PATTERN, RecoveryIdPipe, WORK_ITEM_ID_PATTERN } from './recovery-ids.js';
import { AssigneeDto, DeclineWorkItemDto, ListWorkItemsQueryDto, WorkItemActorDto, WorkItemOutcomeDto } from './recovery-requests.dto.js';
import { ASSIGNEE_SCHEMA, WORK_ITEM_SCHEMA } from './recovery-responses.js';
import { RecordWorkItemOutcomeUseCase } from './record-work-item-outcome.usecase.js';
import { SaveAssigneeUseCase } from './save-assignee.usecase.js';
import { WorkItemActionUseCase } from './work-item-actions.usecase.js';
import { Requires } from '../auth/access.decorator.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

const ITEM_EXAMPLE = 'case-recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1';
const itemPipe = () => new RecoveryIdPipe('id', WORK_ITEM_ID_PATTERN, ITEM_EXAMPLE);
const ITEM_PARAM = { name: 'id', schema: { type: 'string', pattern: WORK_ITEM_ID_PATTERN, example: ITEM_EXAMPLE } } as const;
const ACTION_PROBLEMS: [number, string][] = [
  [400, 'Invalid id or body'],
  [404, 'No such work item'],
  [409, 'The item is held by someone else (or, for an outcome, the assignee is unknown), closed, or (to decline) already accepted'],
];

@ApiTags('recovery')
@ApiUnexpectedProblem()
@Requires('work-items:read')
@Controller('v1/recovery')
export class WorkItemsController {
  constructor(
    private readonly db: Database,
    private readonly act: WorkItemActionUseCase,
    private readonly recordOutcome: RecordWorkItemOutcomeUseCase,
    private readonly saveAssignees: SaveAssigneeUseCase,
  ) {}

  @Get('work-items')
  @ApiOperation({ summary: 'Hand-off cases, highest priority first', description: 'Filter by queue, assignee (a collector\'s own queue) and status.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: WORK_ITEM_SCHEMA } } } })
  @ApiProblems([400, 'Invalid filter or limit'])
  async list(@Query() query: ListWorkItemsQueryDto): Promise<{ items: CaseView[] }> {
    const items = await this.db.recoveryCases().list({
      ...(query.queue !== undefined ? { queue: query.queue } : {}),
      ...(query.assignee !== undefined ? { assigneeId: query.assignee } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      limit: query.limit ?? 50,
    });
    return { items };
  }

  @Get('work-items/:id')
  @AuditedRead()
  @ApiOperation({ summary: 'One hand-off case' })
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems([400, 'id is not a work item ID'], 404)
  async get(@Param('id', itemPipe()) id: string): Promise<CaseView> {
    const item = await this.db.recoveryCases().get(id);
    if (!item) throw new ProblemException('workItemNotFound', `there is no work item ${id}`);
    return item;
  }

  @Requires('work-items:work')
  @Post('work-items/:id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept it', description: 'Only its assignee can. Accepting again changes nothing.' })
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, 413, 415)
  accept(@Param('id', itemPipe()) id: string, @Body() body: WorkItemActorDto): Promise<CaseView> {
    return this.act.execute(id, { kind: 'accept', assigneeId: body.assigneeId });
  }

  @Requires('work-items:work')
  @Post('work-items/:id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline it, with a reason', description: 'It goes to the next eligible assignee with room (round-robin), never back to one who declined it.' })
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, 413, 415)
  decline(@Param('id', itemPipe()) id: string, @Body() body: DeclineWorkItemDto): Promise<CaseView> {
    return this.act.execute(id, { kind: 'decline', assigneeId: body.assigneeId, reason: body.reason });
  }

  @Requires('work-items:work')
  @Post('work-items/:id/outcomes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an outcome', description: 'A call\'s result, a promise taken (with promise), a dispute, hardship or a request for a plan. The recovery episode acts on it; the SLA clock restarts. The call is counted by the compliance gate (a conversation unless no_answer or wrong_party): in the US no automated call follows a conversation within 7 days, nor an eighth call within 7 days. The call is recorded even when the outcome is then refused (a promise the episode does not take, an item held by someone else or closed), as long as the item exists and the assigneeId is a known assignee; a retry with the same Idempotency-Key records it once.' })
  @ApiRequestKey()
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems(...ACTION_PROBLEMS, 413, 415, [422, 'The promise is outside what the policy allows'])
  outcome(@Param('id', itemPipe()) id: string, @Body() body: WorkItemOutcomeDto, @RequestKey() requestKey: string): Promise<CaseView> {
    return this.recordOutcome.execute({
      caseId: id,
      requestKey,
      assigneeId: body.assigneeId,
      outcome: body.outcome,
      ...(body.promise ? { promise: { amountMinor: body.promise.amountMinor, dueOn: body.promise.dueOn } } : {}),
      ...(body.note ? { note: body.note } : {}),
    });
  }

  @Get('assignees')
  @ApiOperation({ summary: 'Collectors and agencies that take hand-off cases', description: 'With the cases they hold and the SLA lapses counted against them.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: ASSIGNEE_SCHEMA } } } })
  async assignees(): Promise<{ items: Awaited<ReturnType<ReturnType<Database['recoveryCases']>['assignees']>> }> {
    return { items: await this.db.recoveryCases().assignees() };
  }

  @Requires('assignees:manage')
  @Put('assignees/:id')
  @ApiOperation({ summary: 'Add or change an assignee', description: 'Their skills and capacity decide which cases round-robin gives them; cases waiting for someone with those skills and room go to them at once.' })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: ASSIGNEE_ID_PATTERN, example: 'col-anita' } })
  @ApiBody({ type: AssigneeDto })
  @ApiOkResponse({ schema: ASSIGNEE_SCHEMA })
  @ApiProblems([400, 'Invalid id or body'], 413, 415)
  saveAssignee(@Param('id', new RecoveryIdPipe('id', ASSIGNEE_ID_PATTERN, 'col-anita')) id: string, @Body() body: AssigneeDto): Promise<Assignee> {
    return this.saveAssignees.execute({ id, name: body.name, kind: body.kind, skills: body.skills, capacity: body.capacity, active: body.active ?? true });
  }
}
