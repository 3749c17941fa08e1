// Reads: one loan, pages of loans, and a loan's payoff amount.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.js';
import { decodeCursor } from './cursor.js';
import { GetLoanUseCase } from './get-loan.usecase.js';
import { GetPayoffQuoteUseCase } from './get-payoff-quote.usecase.js';
import { ListLoansUseCase, type LoanList } from './list-loans.usecase.js';
import { ListLoansQueryDto, PayoffQuoteQueryDto } from './loan-requests.dto.js';
import { LoanListDto } from './loan-list-response.dto.js';
import { LoanDetailDto } from './loan-response.dto.js';
import { PayoffQuoteDto } from './payment-response.dto.js';
import type { LoanDetail } from './loan-view.js';
import type { PayoffQuoteView } from '../../../workflows/loan/definitions.js';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import { Requires } from '../auth/access.decorator.js';
import { ReadScope } from '../auth/scope.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

@ApiTags('loans')
@ApiUnexpectedProblem()
@Requires('loans:read')
@Controller('v1/loans')
export class LoansController {
  constructor(
    private readonly getLoan: GetLoanUseCase,
    private readonly listLoans: ListLoansUseCase,
    private readonly getPayoffQuote: GetPayoffQuoteUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List loans, newest first', description: 'Keyset-paginated: pass nextCursor as cursor for the next page. A collector reads only the loans of the open cases they hold or may pick up (any other loan is a 404 to them).' })
  @ApiOkResponse({ type: LoanListDto })
  @ApiProblems([400, 'Invalid status, limit or cursor'])
  list(@Query() query: ListLoansQueryDto, @ReadScope() scope: CaseScope): Promise<LoanList> {
    const filter = { ...(query.status ? { status: query.status } : {}), ...(query.bucket ? { bucket: query.bucket } : {}), ...(query.product ? { product: query.product } : {}) };
    return this.listLoans.execute({ filter, after: query.cursor ? (decodeCursor(query.cursor) ?? null) : null, limit: query.limit ?? DEFAULT_PAGE_SIZE, scope });
  }

  @Get(':loanId')
  @AuditedRead()
  @ApiOperation({ summary: 'A loan: status, decision, offer, schedule, balances, events and payments' })
  @ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ type: LoanDetailDto })
  @ApiProblems([400, 'loanId is not a UUID'], 404)
  get(@Param('loanId', LoanIdPipe) loanId: string, @ReadScope() scope: CaseScope): Promise<LoanDetail> {
    return this.getLoan.execute({ loanId, scope });
  }

  @Get(':loanId/payoff-quote')
  @ApiOperation({ summary: 'What it takes to pay the loan off on a date' })
  @ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ type: PayoffQuoteDto })
  @ApiProblems(400, 404, [409, 'The loan is not being repaid'], [422, 'asOf is before the loan was disbursed'])
  payoffQuote(@Param('loanId', LoanIdPipe) loanId: string, @Query() query: PayoffQuoteQueryDto, @ReadScope() scope: CaseScope): Promise<PayoffQuoteView> {
    return this.getPayoffQuote.execute({ loanId, scope, ...(query.asOf ? { asOf: query.asOf } : {}) });
  }
}
