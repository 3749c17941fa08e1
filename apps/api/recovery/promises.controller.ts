// A promise to pay on a loan in recovery (taken by phone, at a branch, by a partner system). The
// loan's running episode holds it: a timer to its day, kept when payments reach it, broken
// otherwise, which sends the loan down the policy's broken-promise path. A collector or an agency
// records one only on a loan whose case they hold (404 otherwise), and it is taken by them: the
// body's takenBy may only name the caller.
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { PromiseView } from '../../../workflows/recovery/definitions.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { MakePromiseUseCase } from './make-promise.usecase.js';
import { MakePromiseDto } from './recovery-requests.dto.js';
import { PROMISE_SCHEMA } from './recovery-responses.js';
import { Requires } from '../auth/access.decorator.js';
import { Caller } from '../auth/caller.decorator.js';
import type { Principal } from '../auth/principal.js';
import { assigneeOf, scopeOf } from '../auth/scope.js';
import { Database } from '../database.js';
import { LoanNotFoundError, UnprocessableFieldsError } from '../errors.js';

@ApiTags('recovery')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
@Requires('promises:record')
@Controller('v1/loans/:loanId/promises')
export class PromisesController {
  constructor(
    private readonly makePromise: MakePromiseUseCase,
    private readonly db: Database,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Record a promise to pay', description: "One open promise per loan. The day must be today or later and within the active policy's horizon (promiseMaxDays)." })
  @ApiCreatedResponse({ schema: PROMISE_SCHEMA })
  @ApiProblems(400, 404, [409, 'The loan is not in recovery, or a promise is already open'], 413, 415, [422, 'The day is outside the policy\'s horizon'])
  async create(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: MakePromiseDto, @Caller() caller: Principal): Promise<PromiseView> {
    const scope = scopeOf(caller);
    if (scope.kind === 'all') return this.makePromise.execute({ loanId, amountMinor: body.amountMinor, dueOn: body.dueOn, takenBy: body.takenBy ?? null });
    const me = assigneeOf(caller);
    if (body.takenBy !== undefined && body.takenBy !== me) throw new UnprocessableFieldsError([{ field: 'takenBy', message: `may only name you (${me}): a promise you record is taken by you` }]);
    const held = await this.db.recoveryCases().openCaseOfLoan(loanId, scope);
    if (held?.assigneeId !== me) throw new LoanNotFoundError(loanId);
    return this.makePromise.execute({ loanId, amountMinor: body.amountMinor, dueOn: body.dueOn, takenBy: me });
  }
}
