// POST /v1/applications: validates, builds the command, answers 202 (or 200 with the decision).
// The answer is written here rather than returned, because its status depends on the outcome.
import { Body, Controller, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoanApplication } from '../../../domain/application.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator.js';
import { bindLoan, type ApiRequest, type ApiResponse } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { applicationExamples } from './application-examples.js';
import { ApplicationAcceptedDto, ApplicationDecidedDto } from './application-response.dto.js';
import { SubmitApplicationDto, SubmitApplicationQueryDto } from './submit-application.dto.js';
import { SubmitApplicationUseCase } from './submit-application.usecase.js';
import { Requires } from '../auth/access.decorator.js';

@ApiTags('applications')
@ApiUnexpectedProblem()
@Requires('applications:submit')
@Controller('v1/applications')
export class ApplicationsController {
  constructor(private readonly submitApplication: SubmitApplicationUseCase) {}

  @Post()
  @ApiOperation({
    summary: 'Apply for a loan',
    description:
      'Starts the loan. With ?wait=decision the answer waits for the decision (up to a bound, then 202). With an Idempotency-Key, a retry with the same body starts nothing and answers with the same loan as it is now: its decision (200) once it has one, its status (202) until then.',
  })
  @ApiIdempotencyKey('Any unique string (a UUID); a retry with the same key and body is answered with the same loan, as it is now')
  @ApiBody({ type: SubmitApplicationDto, examples: applicationExamples() })
  @ApiAcceptedResponse({ type: ApplicationAcceptedDto, description: 'Submitted, or (a retry) not decided yet; the Location header points at the loan' })
  @ApiOkResponse({ type: ApplicationDecidedDto, description: 'Decided: with ?wait=decision, or a retry of an application decided since' })
  @ApiProblems([400, 'Invalid application, query or Idempotency-Key'], 413, 415, [422, 'The Idempotency-Key was used with a different body, or the date of birth is after today'])
  async submit(
    @Body() body: SubmitApplicationDto,
    @Query() query: SubmitApplicationQueryDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() req: ApiRequest,
    @Res() res: ApiResponse,
  ): Promise<void> {
    const result = await this.submitApplication.execute({ application: toApplication(body), waitForDecision: query.wait === 'decision', ...(idempotencyKey ? { idempotencyKey } : {}) });
    bindLoan(req, result.loanId);
    res.setHeader('Location', `/v1/loans/${result.loanId}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    if (!result.decided) return sendJson(res, 202, { loanId: result.loanId, status: result.status } satisfies ApplicationAcceptedDto);
    const { loanId, status, decision, offer } = result.decision;
    sendJson(res, 200, { loanId, status, decision, offer });
  }
}

/** The DTO's class instances as the plain application the workflow receives. */
function toApplication(dto: SubmitApplicationDto): LoanApplication {
  return JSON.parse(JSON.stringify(dto)) as LoanApplication;
}
