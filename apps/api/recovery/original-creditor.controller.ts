// A loan's original creditor: what the answer to a borrower's request for its name and address
// names (12 CFR 1006.38(c)), and ops recording it for a loan imported from another lender's book.
import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { CaseScope } from '../../../db/repositories/case-scope.js';
import { Requires } from '../auth/access.decorator.js';
import { ReadScope } from '../auth/scope.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { LOAN_ID_SCHEMA, LoanIdPipe } from '../http/loan-id.pipe.js';
import { OriginalCreditorUseCase, type OriginalCreditorView } from './original-creditor.usecase.js';
import { OriginalCreditorDto } from './recovery-requests.dto.js';
import { ORIGINAL_CREDITOR_SCHEMA } from './recovery-responses.js';

const NO_PROFILE: [number, string] = [404, 'The loan has no contact profile'];

@ApiTags('recovery')
@ApiUnexpectedProblem()
@ApiParam({ name: 'loanId', schema: LOAN_ID_SCHEMA })
@Requires('contact-standing:read')
@Controller('v1/loans/:loanId/original-creditor')
export class OriginalCreditorController {
  constructor(private readonly creditors: OriginalCreditorUseCase) {}

  @Get()
  @ApiOperation({
    summary: "The loan's original creditor",
    description: "Who the answer to a borrower's request for the original creditor's name and address names: what ops recorded, else the lender for a loan it made here; nobody for an imported loan until ops record it. With the borrower's request, if any: while it is open, collection stops.",
  })
  @ApiOkResponse({ schema: ORIGINAL_CREDITOR_SCHEMA })
  @ApiProblems([400, 'loanId is not a loan ID'], [404, 'The loan has no contact profile (or none whose case is in the caller\'s scope)'])
  get(@Param('loanId', LoanIdPipe) loanId: string, @ReadScope() scope: CaseScope): Promise<OriginalCreditorView> {
    return this.creditors.get({ loanId, scope });
  }

  @Requires('original-creditor:record')
  @Put()
  @HttpCode(200)
  @ApiOperation({
    summary: "Record the loan's original creditor",
    description:
      "Records (or corrects) the original creditor's name and mailing address, with who recorded it. When the borrower asked for them and the answer waits for this, the running recovery episode is told: it sends the answer through the compliance gate, then resumes collection (12 CFR 1006.38(c)).",
  })
  @ApiOkResponse({ schema: ORIGINAL_CREDITOR_SCHEMA })
  @ApiProblems([400, 'Invalid loanId or body'], NO_PROFILE, 413, 415)
  record(@Param('loanId', LoanIdPipe) loanId: string, @Body() body: OriginalCreditorDto): Promise<OriginalCreditorView> {
    return this.creditors.record({ loanId, name: body.name, address: body.address, by: body.by });
  }
}
