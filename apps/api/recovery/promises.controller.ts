// A promise to pay on a loan in recovery (taken by phone, at a branch, by a partner system). The
// loan's running episode holds it: a timer to its day, kept when payments reach it, broken
// otherwise, which sends the loan down the policy's broken-promise path.
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { PromiseView } from '../../../workflows/recovery/definitions.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { MakePromiseUseCase } from './make-promise.usecase.js';
import { MakePromiseDto } from './recovery-requests.dto.js';
import { PROMISE_SCHEMA } from './recovery-responses.js';
import { Requires } from '../auth/access.decorator.js';

@ApiTags('recovery')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
@Requires('promises:record')
@Controller('v1/loans/:loanId/promises')
export class PromisesController {
  constructor(private readonly makePromise: MakePromiseUseCase) {}

  @Post()
  @ApiOperation({ summary: 'Record a promise to pay', description: "One open promise per loan. The day must be today or later and within the active policy's horizon (promiseMaxDays)." })
  @ApiCreatedResponse({ schema: PROMISE_SCHEMA })
  @ApiProblems(400, 404, [409, 'The loan is not in recovery, or a promise is already open'], 413, 415, [422, 'The day is outside the policy\'s horizon'])
  create(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: MakePromiseDto): Promise<PromiseView> {
    return this.makePromise.execute({ loanId, amountMinor: body.amountMinor, dueOn: body.dueOn, takenBy: body.takenBy ?? null });
  }
}
