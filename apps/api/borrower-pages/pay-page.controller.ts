// The page a payment link in our messages opens (<publicBaseUrl>/pay/<loanId>): what is overdue
// and how to pay it. It takes no payment itself: a public link that recorded payments would let
// anyone who holds it mark a loan paid with no money moving. Money reaches the loan the way all
// money does, through the gateway (a UPI or bank transfer quoting the loan's reference, applied
// from the gateway's signed payment.received webhook).
import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { HTML } from './borrower-page.js';
import { GetPayPageUseCase } from './get-pay-page.usecase.js';
import { Public } from '../auth/access.decorator.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

@ApiTags('borrower pages')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA, description: 'The loan the message was about' })
@ApiQuery({ name: 't', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' }, description: 'The link\'s signature, as the message carried it; without a good one the page answers 404' })
@Public("a borrower's page, opened from our messages: signed for its loan (?t=), 404 without the signature")
@Controller('pay')
export class PayPageController {
  constructor(private readonly show: GetPayPageUseCase) {}

  @Get(':loanId')
  @AuditedRead()
  @Header('Content-Type', HTML)
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'The pay page',
    description: "The amount overdue and the outstanding balance from the loan's records, and how to pay: a UPI or bank transfer quoting the loan ID as its reference, which the gateway's payment.received webhook applies to the loan. Opening it changes nothing, and it takes no payment itself.",
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The page, as HTML' })
  @ApiProblems([400, 'The loanId is not a loan ID'], [404, 'No debt on that loan, or the link\'s signature does not match it'])
  page(@Param('loanId', LoanIdPipe) loanId: string, @Query('t') token: unknown): Promise<string> {
    return this.show.execute({ loanId, token });
  }
}
