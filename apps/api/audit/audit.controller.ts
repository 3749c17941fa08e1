// The audit trail for compliance officers and admins (audit:read, a read permission: compliance
// holds every one): search it, and check that its chain is whole. Nobody edits it: no route
// writes to it but the trail itself.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChainVerification } from '../../shared/audit/verify-audit-chain.js';
import { Requires } from '../auth/access.decorator.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { toIsoInstant } from '../http/instant-pattern.js';
import { DEFAULT_PAGE_SIZE } from '../http/page-query.js';
import { AuditedRead } from './audited-read.decorator.js';
import { ListAuditQueryDto } from './audit-requests.dto.js';
import { AuditListDto, ChainVerificationDto } from './audit-responses.dto.js';
import { SearchAuditUseCase, type AuditList } from './search-audit.usecase.js';
import { VerifyAuditChainUseCase } from './verify-audit-chain.usecase.js';

@ApiTags('audit')
@ApiUnexpectedProblem()
@Requires('audit:read')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly search: SearchAuditUseCase,
    private readonly verifyChain: VerifyAuditChainUseCase,
  ) {}

  @Get()
  @AuditedRead()
  @ApiOperation({
    summary: 'Search the audit trail, newest first',
    description:
      'Every command through the API and every read of personal data, with who (actor, roles, agency), what (the operation and route), which loan or case, when, from where and the outcome. Keyset-paginated: pass nextCursor as cursor for the next page. Reading it is itself recorded.',
  })
  @ApiOkResponse({ type: AuditListDto })
  @ApiProblems([400, 'Invalid filter, limit or cursor'])
  list(@Query() query: ListAuditQueryDto): Promise<AuditList> {
    const filter = {
      ...(query.actor !== undefined ? { actorId: query.actor } : {}),
      ...(query.loanId !== undefined ? { loanId: query.loanId.toLowerCase() } : {}),
      ...(query.caseId !== undefined ? { caseId: query.caseId.toLowerCase() } : {}),
      ...(query.action !== undefined ? { action: query.action } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      ...(query.outcome !== undefined ? { outcome: query.outcome } : {}),
      ...(query.from !== undefined ? { from: toIsoInstant(query.from) } : {}),
      ...(query.to !== undefined ? { to: toIsoInstant(query.to) } : {}),
    };
    return this.search.execute({ filter, cursor: query.cursor ?? null, limit: query.limit ?? DEFAULT_PAGE_SIZE });
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Check the audit chain',
    description:
      "Walks the chain from its first row and recomputes every link: answers ok, or the first broken one (a row deleted, altered, inserted or reordered; the last rows cut off). Also answers the head (seq and hash): kept somewhere the database's operators cannot write, it shows later that nothing up to it was rewritten (`npm run -s audit:verify -- --anchor <seq>:<hash>`).",
  })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(): Promise<ChainVerification> {
    return this.verifyChain.execute();
  }
}
