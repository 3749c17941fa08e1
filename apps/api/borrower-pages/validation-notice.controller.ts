// The validation notice every US borrower's first message links to (Reg F 1006.34: the renderer
// writes <publicBaseUrl>/validation/<loanId>), and the dispute its form posts. Like the unsubscribe
// page: HTML for people, problem documents for anything refused, and opening the page changes
// nothing.
import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { HTML } from './borrower-page.js';
import { DisputeFromNoticeUseCase } from './dispute-from-notice.usecase.js';
import { GetValidationNoticeUseCase } from './get-validation-notice.usecase.js';
import { disputeForm, REFERENCE_PATTERN } from './page-forms.js';
import { Public } from '../auth/access.decorator.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

const CHECKBOX = { type: 'string' as const, enum: ['yes'] };

@ApiTags('borrower pages')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA, description: 'The loan the message was about' })
@ApiQuery({ name: 't', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{32}$' }, description: 'The link\'s signature, as the message carried it; without a good one the page answers 404' })
@Public("a borrower's page, opened from our messages: signed for its loan (?t=), 404 without the signature")
@Controller('validation')
export class ValidationNoticeController {
  constructor(
    private readonly notice: GetValidationNoticeUseCase,
    private readonly dispute: DisputeFromNoticeUseCase,
  ) {}

  @Get(':loanId')
  @AuditedRead()
  @Header('Content-Type', HTML)
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'The validation notice (12 CFR 1006.34)',
    description:
      'Model form B-1 content, in English or (for a borrower who reads Spanish) Spanish: the debt collector (its name, mailing address, phone number and hours, from settings) and the creditor, the itemization from the disbursement date (interest, fees, payments and credits, the amount now) from the loan\'s records, the end of the validation period (30 days after receipt, assumed 5 business days after the first communication), how to dispute and ask for the original creditor, and a dispute form. Opening it changes nothing.',
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The notice, as HTML' })
  @ApiProblems([400, 'The loanId is not a loan ID'], [404, 'No debt on that loan, or the link\'s signature does not match it'])
  show(@Param('loanId', LoanIdPipe) loanId: string, @Query('t') token: unknown): Promise<string> {
    return this.notice.execute({ loanId, token });
  }

  @Post(':loanId')
  @HttpCode(200)
  @Header('Content-Type', HTML)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiOperation({
    summary: 'Dispute the debt, or ask for the original creditor, from the notice',
    description:
      "Records a dispute as a disputing reply is recorded: the borrower's standing holds collection, and the loan's running recovery episode pauses until compliance verifies the debt. A request for the original creditor's name and address (12 CFR 1006.38(c)) holds collection too, until the answer is sent: at once for a loan the lender made here, once ops record the original creditor (PUT /v1/loans/:loanId/original-creditor) for an imported one. The same reference twice records once.",
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reference'],
      additionalProperties: false,
      properties: { reference: { type: 'string', pattern: REFERENCE_PATTERN, description: 'The hidden reference the page gave' }, notMine: CHECKBOX, amountWrong: CHECKBOX, other: CHECKBOX, originalCreditor: CHECKBOX },
      anyOf: [{ required: ['notMine'] }, { required: ['amountWrong'] }, { required: ['other'] }, { required: ['originalCreditor'] }],
      description: 'At least one reason to dispute (notMine, amountWrong, other), or the request for the original creditor (originalCreditor), or both',
    },
  })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The dispute or request is recorded, as HTML' })
  @ApiProblems([400, 'Not a loan ID, or the form is incomplete (each field named)'], [404, 'No debt on that loan, or no contact profile to record the dispute in'], 413, [415, 'Not a form (application/x-www-form-urlencoded)'])
  disputeDebt(@Param('loanId', LoanIdPipe) loanId: string, @Query('t') token: unknown, @Body() body: Record<string, unknown> | undefined): Promise<string> {
    return this.dispute.execute({ loanId, token, form: disputeForm(body) });
  }
}
