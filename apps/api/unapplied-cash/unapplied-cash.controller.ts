// Money no loan could take: the list ops work from, one item, and its one fate (applied to a loan,
// or refunded through the gateway). An action answers 200 with the item once it is done (or was
// done before: both are idempotent), or 202 while it is still under way.
import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { UnappliedCashItem } from '../../../domain/unapplied-cash.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import type { ApiResponse } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { decodeKeyset } from '../loans/cursor.js';
import { ApplyUnappliedCashUseCase } from './apply-unapplied-cash.usecase.js';
import { GetUnappliedCashUseCase } from './get-unapplied-cash.usecase.js';
import { ListUnappliedCashUseCase, type UnappliedCashList } from './list-unapplied-cash.usecase.js';
import { RefundUnappliedCashUseCase } from './refund-unapplied-cash.usecase.js';
import type { ActionResult } from './unapplied-cash-actions.js';
import { ApplyUnappliedCashDto, ListUnappliedCashQueryDto, RefundUnappliedCashDto } from './unapplied-cash-requests.dto.js';
import { UnappliedCashDto, UnappliedCashListDto } from './unapplied-cash-response.dto.js';
import { Requires } from '../auth/access.decorator.js';

const SETTLED: [number, string] = [409, 'The money has already gone elsewhere (applied or refunded), or another action on it is under way'];
const UNDER_WAY = { type: UnappliedCashDto, description: 'Still under way when the answer was due; the item shows applying or refunding' };

@ApiTags('unapplied cash')
@ApiUnexpectedProblem()
@Requires('unapplied-cash:read')
@Controller('v1/unapplied-cash')
export class UnappliedCashController {
  constructor(
    private readonly listItems: ListUnappliedCashUseCase,
    private readonly getItem: GetUnappliedCashUseCase,
    private readonly applyItem: ApplyUnappliedCashUseCase,
    private readonly refundItem: RefundUnappliedCashUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List unapplied cash, newest first', description: 'Keyset-paginated like GET /v1/loans: pass nextCursor as cursor for the next page.' })
  @ApiOkResponse({ type: UnappliedCashListDto })
  @ApiProblems([400, 'Invalid status, reason, currency, limit or cursor'])
  list(@Query() query: ListUnappliedCashQueryDto): Promise<UnappliedCashList> {
    const filter = { ...(query.status ? { status: query.status } : {}), ...(query.reason ? { reason: query.reason } : {}), ...(query.currency ? { currency: query.currency } : {}) };
    return this.listItems.execute({ filter, after: query.cursor ? (decodeKeyset(query.cursor) ?? null) : null, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One item of unapplied cash' })
  @ApiParam({ name: 'id', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ type: UnappliedCashDto })
  @ApiProblems([400, 'id is not a UUID'], 404)
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<UnappliedCashItem> {
    return this.getItem.execute({ id });
  }

  @Requires('unapplied-cash:resolve')
  @Post(':id/apply')
  @ApiOperation({
    summary: 'Apply it to a loan',
    description: "Pays the loan with it (the loan's own payment, allocated like any other). Applying it to the same loan again changes nothing and answers the same item.",
  })
  @ApiParam({ name: 'id', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ type: UnappliedCashDto, description: 'Applied' })
  @ApiAcceptedResponse(UNDER_WAY)
  @ApiProblems(
    [400, 'Invalid id or body'],
    [404, 'No such item, or no such loan'],
    [409, 'The loan is not being repaid, or refused the payment; or the money has gone elsewhere'],
    413,
    415,
    [422, 'The money is in another currency than the loan'],
  )
  async apply(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: ApplyUnappliedCashDto, @Res() res: ApiResponse): Promise<void> {
    answer(res, await this.applyItem.execute({ id, loanId: body.loanId.toLowerCase(), requestedBy: body.requestedBy ?? null }));
  }

  @Requires('unapplied-cash:resolve')
  @Post(':id/refund')
  @ApiOperation({
    summary: 'Refund it through the gateway',
    description: 'Sends it back against the gateway payment it came by (refundId on the answer). Asking again changes nothing and answers the same refund.',
  })
  @ApiParam({ name: 'id', schema: LOAN_ID_SCHEMA })
  @ApiBody({ type: RefundUnappliedCashDto, required: false })
  @ApiOkResponse({ type: UnappliedCashDto, description: 'Refunded' })
  @ApiAcceptedResponse(UNDER_WAY)
  @ApiProblems([400, 'Invalid id or body'], 404, SETTLED, 413, 415, [422, 'It did not come through the gateway, or the gateway declined the refund'])
  async refund(@Param('id', new UuidParamPipe('id')) id: string, @Body() body: RefundUnappliedCashDto, @Res() res: ApiResponse): Promise<void> {
    answer(res, await this.refundItem.execute({ id, requestedBy: body.requestedBy ?? null }));
  }
}

function answer(res: ApiResponse, { item, finished }: ActionResult): void {
  sendJson(res, finished ? 200 : 202, item);
}
