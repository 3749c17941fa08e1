// A borrower's contact standing (what the compliance gate reads before every contact) and its
// change log; ops' flags on it; and compliance's verification of a dispute.
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import type { ContactStandingView } from './contact-views.js';
import { GetContactStandingUseCase } from './get-contact-standing.usecase.js';
import { StandingFlagDto, VerifyDisputeDto } from './recovery-requests.dto.js';
import { CONTACT_STANDING_SCHEMA, DISPUTE_VERIFIED_SCHEMA } from './recovery-responses.js';
import { SetStandingFlagUseCase } from './set-standing-flag.usecase.js';
import { VerifyDisputeUseCase, type DisputeVerified } from './verify-dispute.usecase.js';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import { Requires } from '../auth/access.decorator.js';
import { ReadScope } from '../auth/scope.js';
import { AuditedRead } from '../audit/audited-read.decorator.js';

const NO_PROFILE: [number, string] = [404, 'The loan has no contact profile'];

@ApiTags('recovery')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
@Requires('contact-standing:read')
@Controller('v1/loans/:loanId/contact-standing')
export class ContactStandingController {
  constructor(
    private readonly standingOf: GetContactStandingUseCase,
    private readonly setFlag: SetStandingFlagUseCase,
  ) {}

  @Get()
  @AuditedRead()
  @ApiOperation({ summary: "The borrower's contact standing", description: 'Opt-outs per channel and from all contact, wrong numbers, the bankruptcy, deceased and time-barred flags, the dispute, consents, language, country and time zone, the addresses masked, and every change with its source and actor.' })
  @ApiOkResponse({ schema: CONTACT_STANDING_SCHEMA })
  @ApiProblems([400, 'loanId is not a loan ID'], [404, 'The loan has no contact profile (or none whose case is in the caller\'s scope)'])
  get(@Param('loanId', LoanIdPipe) loanId: string, @ReadScope() scope: CaseScope): Promise<ContactStandingView> {
    return this.standingOf.execute({ loanId, scope });
  }

  @Requires('contact-standing:flag')
  @Post('flags')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set or clear a flag', description: 'bankruptcy, deceased or time_barred, with who and why; logged. A bankruptcy or deceased flag stops every contact at the gate from the next one on; a time-barred debt is never threatened with suit.' })
  @ApiOkResponse({ schema: CONTACT_STANDING_SCHEMA })
  @ApiProblems([400, 'Invalid loanId or body'], NO_PROFILE, 413, 415)
  flag(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: StandingFlagDto): Promise<ContactStandingView> {
    return this.setFlag.execute({ loanId, flag: body.flag, value: body.value, by: body.by, reason: body.reason });
  }
}

@ApiTags('recovery')
@ApiUnexpectedProblem()
@Requires('disputes:verify')
@Controller('v1/recovery/disputes')
export class DisputesController {
  constructor(private readonly verify: VerifyDisputeUseCase) {}

  @Post(':loanId/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that a dispute was verified', description: 'Reg F 1006.38: collection paused by the dispute may resume. The standing is updated and logged with who verified it, and the running recovery episode is told.' })
  @ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ schema: DISPUTE_VERIFIED_SCHEMA })
  @ApiProblems([400, 'Invalid loanId or body'], NO_PROFILE, [409, 'No dispute is open'], 413, 415)
  verifyDispute(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: VerifyDisputeDto): Promise<DisputeVerified> {
    return this.verify.execute({ loanId, by: body.by, note: body.note ?? null });
  }
}
