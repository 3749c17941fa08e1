// Hand-off cases as ops read them, and the assignees ops manage. Reads are scoped to the caller
// (auth/scope.ts): an agency sees the cases placed with it, a collector their own and those they may
// pick up. Collectors and agencies act on cases at the desk (desk.controller.ts), as themselves.
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import type { Assignee, CaseView } from '../../../db/repositories/recovery-case.repository.js';
import { ReadScope } from '../auth/scope.js';
import { Database } from '../database.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ProblemException } from '../http/problem.js';
import { ASSIGNEE_ID_PATTERN, RecoveryIdPipe, WORK_ITEM_ID_PATTERN } from './recovery-ids.js';
import { AssigneeDto, ListWorkItemsQueryDto } from './recovery-requests.dto.js';
import { ASSIGNEE_SCHEMA, WORK_ITEM_SCHEMA } from './recovery-responses.js';
import { SaveAssigneeUseCase } from './save-assignee.usecase.js';
import { Requires } from '../auth/access.decorator.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

const ITEM_EXAMPLE = 'case-recovery-0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b-1';
const itemPipe = () => new RecoveryIdPipe('id', WORK_ITEM_ID_PATTERN, ITEM_EXAMPLE);
const ITEM_PARAM = { name: 'id', schema: { type: 'string', pattern: WORK_ITEM_ID_PATTERN, example: ITEM_EXAMPLE } } as const;

@ApiTags('recovery')
@ApiUnexpectedProblem()
@Requires('work-items:read')
@Controller('v1/recovery')
export class WorkItemsController {
  constructor(
    private readonly db: Database,
    private readonly saveAssignees: SaveAssigneeUseCase,
  ) {}

  @Get('work-items')
  @ApiOperation({ summary: 'Hand-off cases, highest priority first', description: 'Filter by queue, assignee and status. Scoped to the caller: an agency sees only the cases placed with it, a collector their own and the waiting ones they may pick up (the desk: /v1/desk).' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: WORK_ITEM_SCHEMA } } } })
  @ApiProblems([400, 'Invalid filter or limit'])
  async list(@Query() query: ListWorkItemsQueryDto, @ReadScope() scope: CaseScope): Promise<{ items: CaseView[] }> {
    const items = await this.db.recoveryCases().list({
      ...(query.queue !== undefined ? { queue: query.queue } : {}),
      ...(query.assignee !== undefined ? { assigneeId: query.assignee } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
      limit: query.limit ?? 50,
    }, scope);
    return { items };
  }

  @Get('work-items/:id')
  @AuditedRead()
  @ApiOperation({ summary: 'One hand-off case' })
  @ApiParam(ITEM_PARAM)
  @ApiOkResponse({ schema: WORK_ITEM_SCHEMA })
  @ApiProblems([400, 'id is not a work item ID'], [404, 'No such work item (or none in the caller\'s scope)'])
  async get(@Param('id', itemPipe()) id: string, @ReadScope() scope: CaseScope): Promise<CaseView> {
    const item = await this.db.recoveryCases().get(id, scope);
    if (!item) throw new ProblemException('workItemNotFound', `there is no work item ${id}`);
    return item;
  }

  @Get('assignees')
  @ApiOperation({ summary: 'Collectors and agencies that take hand-off cases', description: 'With the cases they hold and the SLA lapses counted against them. A collector or an agency sees only their own row.' })
  @ApiOkResponse({ schema: { type: 'object', properties: { items: { type: 'array', items: ASSIGNEE_SCHEMA } } } })
  async assignees(@ReadScope() scope: CaseScope): Promise<{ items: Awaited<ReturnType<ReturnType<Database['recoveryCases']>['assignees']>> }> {
    return { items: await this.db.recoveryCases().assignees(scope) };
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
