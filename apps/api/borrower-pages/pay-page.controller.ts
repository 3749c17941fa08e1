// The page a payment link in our messages opens (<publicBaseUrl>/pay/<loanId>), and the payment
// its form posts, recorded through the same use case as POST /v1/loans/:loanId/payments.
import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { ApiRequestKey, RequestKey } from '../http/request-key.decorator.js';
import { HTML } from './borrower-page.js';
import { GetPayPageUseCase } from './get-pay-page.usecase.js';
import { AMOUNT_PATTERN, REFERENCE_PATTERN } from './page-forms.js';
import { PayFromPageUseCase } from './pay-from-page.usecase.js';

@ApiTags('borrower pages')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA, description: 'The loan the message was about' })
@Controller('pay')
export class PayPageController {
  constructor(
    private readonly show: GetPayPageUseCase,
    private readonly pay: PayFromPageUseCase,
  ) {}

  @Get(':loanId')
  @Header('Content-Type', HTML)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The pay page', description: 'The amount overdue and the outstanding balance from the loan\'s records, and a form to pay. Opening it changes nothing.' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The page, as HTML' })
  @ApiProblems([400, 'The loanId is not a loan ID'], [404, 'No debt on that loan'])
  page(@Param('loanId', LoanIdPipe) loanId: string): Promise<string> {
    return this.show.execute({ loanId });
  }

  @Post(':loanId')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiRequestKey()
  @ApiOperation({
    summary: 'Pay from the page',
    description: "Applies the payment to the loan as POST /v1/loans/{loanId}/payments does, under the externalId pay-page-<reference>: the same reference twice pays once, and the second answer says it was already received.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reference', 'amount'],
      additionalProperties: false,
      properties: {
        reference: { type: 'string', pattern: REFERENCE_PATTERN, description: 'The hidden reference the page gave' },
        amount: { type: 'string', pattern: AMOUNT_PATTERN, description: "In the loan's currency's major units (1234.50); more decimals than the currency has, or zero, is a 422" },
      },
    },
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The payment received, as HTML' })
  @ApiProblems([400, 'Not a loan ID, or a field of the form is wrong (each named)'], [404, 'No debt on that loan'], [409, 'The loan is not being repaid, or is closed'], 413, [415, 'Not a form (application/x-www-form-urlencoded)'], [422, "An amount the loan's currency cannot hold, zero, or a reference already used for another amount"])
  payLoan(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: Record<string, unknown> | undefined, @RequestKey() requestKey: string): Promise<string> {
    return this.pay.execute({ loanId, body, requestKey });
  }
}
