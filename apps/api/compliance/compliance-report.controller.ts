// The compliance report for a period, for compliance officers: contacts made and blocked by rule,
// disputes and how long they took, opt-outs, complaints (not recorded yet, and it says so), SLA
// breaches, and credit decisions with their adverse-action reasons (compliance:report, a read
// permission: compliance and admins). An export of records about borrowers: each one is recorded
// in the audit trail.
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '../audit/audited-read.decorator.js';
import { Requires } from '../auth/access.decorator.js';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { toIsoInstant } from '../http/instant-pattern.js';
import { ProblemException } from '../http/problem.js';
import type { ApiResponse } from '../http/request-context.js';
import { ComplianceReportQueryDto, MAX_REPORT_DAYS } from './compliance-report-query.dto.js';
import { ExportComplianceReportUseCase } from './export-compliance-report.usecase.js';

const DAY_MS = 86_400_000;

@ApiTags('compliance')
@ApiUnexpectedProblem()
@Requires('compliance:report')
@Controller('v1/compliance')
export class ComplianceReportController {
  constructor(private readonly exportReport: ExportComplianceReportUseCase) {}

  @Get('report')
  @AuditedRead()
  @ApiOperation({
    summary: 'The compliance report for a period, as CSV or PDF',
    description:
      'From the records of the period [from, to): contacts that left for a provider and collectors\' calls, by channel; contacts the compliance gate blocked, by rule; disputes raised, verified and still open, with the hours each took; opt-outs by channel and source; SLA breaches of hand-off cases by holder; credit decisions by outcome, and each decline with its adverse-action reason codes. Complaints are not recorded by Credence yet, and the report says so. The CSV is section,item,value,note, one row per figure; the PDF prints the same rows.',
  })
  @ApiProduces('text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The report file (Content-Disposition: attachment)', content: { 'text/csv': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems([400, `Invalid from, to or format; to not after from, or more than ${MAX_REPORT_DAYS} days after it`])
  async report(@Query() query: ComplianceReportQueryDto, @Res() res: ApiResponse): Promise<void> {
    const from = toIsoInstant(query.from);
    const to = toIsoInstant(query.to);
    if (to <= from) throw ProblemException.validation([{ field: 'to', message: 'must be after from' }]);
    if (Date.parse(to) - Date.parse(from) > MAX_REPORT_DAYS * DAY_MS) throw ProblemException.validation([{ field: 'to', message: `must be at most ${MAX_REPORT_DAYS} days after from` }]);
    const file = await this.exportReport.execute({ period: { from, to }, format: query.format ?? 'csv' });
    res.statusCode = 200;
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Content-Length', String(file.body.length));
    res.end(file.body);
  }
}
