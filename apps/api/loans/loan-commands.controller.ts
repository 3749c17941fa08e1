// Commands to a loan. Each is an update to the loan's workflow and answers with what the
// workflow answered: the loan's new state, or the payment's result.
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiParam, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { PaymentResult } from '../../../workflows/loan/definitions.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { ApiRequestKey, RequestKey } from '../http/request-key.decorator.js';
import { AcceptOfferUseCase } from './accept-offer.usecase.js';
import { ConsentToLimitIncreaseUseCase } from './consent-limit-increase.usecase.js';
import { DeclineOfferUseCase } from './decline-offer.usecase.js';
import { AcceptOfferDto, ApproveReviewDto, DeclineReviewDto, RecordPaymentDto, ReviewLoanDto } from './loan-requests.dto.js';
import { LoanStateDto } from './loan-response.dto.js';
import { PaymentResultDto } from './payment-response.dto.js';
import type { LoanState } from './loan-view.js';
import { RecordPaymentUseCase } from './record-payment.usecase.js';
import { ReviewLoanUseCase } from './review-loan.usecase.js';
import { WithdrawLoanUseCase } from './withdraw-loan.usecase.js';
import { Requires } from '../auth/access.decorator.js';

const CONFLICT: [number, string] = [409, 'The loan cannot take this command now, or is closed'];

@ApiTags('loans')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
@Requires('loans:act-for-borrower')
@Controller('v1/loans/:loanId')
export class LoanCommandsController {
  constructor(
    private readonly acceptOffer: AcceptOfferUseCase,
    private readonly declineOffer: DeclineOfferUseCase,
    private readonly withdrawLoan: WithdrawLoanUseCase,
    private readonly reviewLoan: ReviewLoanUseCase,
    private readonly recordPayment: RecordPaymentUseCase,
    private readonly consentToLimitIncrease: ConsentToLimitIncreaseUseCase,
  ) {}

  @Post('offer/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept the loan's offer", description: 'Answers once the payout has gone out (active) or failed (disbursement_failed).' })
  @ApiBody({ type: AcceptOfferDto, required: false })
  @ApiOkResponse({ type: LoanStateDto })
  @ApiProblems(400, 404, CONFLICT, 413, 415)
  accept(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: AcceptOfferDto): Promise<LoanState> {
    return this.acceptOffer.execute({ loanId, ...(body.bankAccount ? { bankAccount: { ...body.bankAccount } } : {}) });
  }

  @Post('offer/decline')
  @HttpCode(200)
  @ApiOperation({ summary: "Decline the loan's offer" })
  @ApiOkResponse({ type: LoanStateDto })
  @ApiProblems(400, 404, CONFLICT)
  decline(@Param('loanId', LoanIdPipe) loanId: string): Promise<LoanState> {
    return this.declineOffer.execute({ loanId });
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the application (before the loan is disbursed)' })
  @ApiOkResponse({ type: LoanStateDto })
  @ApiProblems(400, 404, CONFLICT)
  withdraw(@Param('loanId', LoanIdPipe) loanId: string): Promise<LoanState> {
    return this.withdrawLoan.execute({ loanId });
  }

  @Requires('loans:review')
  @Post('review')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide a loan in manual review', description: 'Approve (optionally with other terms) or decline with adverse-action reason codes.' })
  @ApiExtraModels(ApproveReviewDto, DeclineReviewDto)
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(ApproveReviewDto) }, { $ref: getSchemaPath(DeclineReviewDto) }],
      discriminator: { propertyName: 'outcome', mapping: { approve: getSchemaPath(ApproveReviewDto), decline: getSchemaPath(DeclineReviewDto) } },
    },
  })
  @ApiOkResponse({ type: LoanStateDto })
  @ApiProblems(400, 404, CONFLICT, 413, 415, [422, 'The approved terms are outside the product'])
  review(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: ReviewLoanDto): Promise<LoanState> {
    const { reviewer, outcome, reasonCodes, note, principal, termMonths, aprBps } = body;
    return this.reviewLoan.execute({ loanId, reviewer, outcome, reasonCodes: reasonCodes ?? [], note, principal, termMonths, aprBps });
  }

  @Requires('payments:record')
  @Post('payments')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record a payment',
    description:
      'Allocated to fees, interest and principal. The same externalId twice posts once: a retry with the same Idempotency-Key gets the first answer again; any other request for that externalId answers duplicate: true with the original payment. The same externalId with another amount or currency is a 422.',
  })
  @ApiRequestKey()
  @ApiOkResponse({ type: PaymentResultDto })
  @ApiProblems(400, 404, [409, 'The loan is not being repaid, or is closed'], 413, 415, [422, 'Another currency than the loan, or an externalId first used with another amount'])
  pay(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: RecordPaymentDto, @RequestKey() requestKey: string): Promise<PaymentResult> {
    return this.recordPayment.execute({ loanId, amount: body.amount, currency: body.currency, externalId: body.externalId, requestKey });
  }

  @Post('credit-limit/consent')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Agree to a higher credit limit',
    description: 'Records the borrower\'s consent. The limit does not rise now: the next review (on the next due date) raises it if repayments support it, within 90 days of the consent.',
  })
  @ApiOkResponse({ type: LoanStateDto })
  @ApiProblems(400, 404, [409, 'The loan is not being repaid, has no credit limit, or is closed'])
  consent(@Param('loanId', LoanIdPipe) loanId: string): Promise<LoanState> {
    return this.consentToLimitIncrease.execute({ loanId });
  }
}
