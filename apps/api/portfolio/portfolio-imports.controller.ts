// POST /v1/portfolio/imports: a lender's book, as CSV or JSON, each good row started as a loan in
// servicing with its history; GET /v1/portfolio/imports/:id: what an import did.
import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse as ApiAnswer, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiUnexpectedProblem } from '../http/api-problems.decorator.js';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator.js';
import { LOAN_ID_SCHEMA } from '../http/loan-id.pipe.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import type { ApiRequest, ApiResponse } from '../http/request-context.js';
import { sendJson } from '../http/send-json.js';
import { UuidParamPipe } from '../http/uuid-param.pipe.js';
import { GetPortfolioImportUseCase, type StoredImportReport } from './get-portfolio-import.usecase.js';
import { IMPORT_START_CONCURRENCY, MAX_IMPORT_BODY_BYTES, MAX_IMPORT_ROWS } from './import-limits.js';
import { ImportPortfolioUseCase } from './import-portfolio.usecase.js';
import { ImportReportDto, StoredImportReportDto } from './import-report.dto.js';
import { ImportRequestDto } from './import-row.dto.js';
import { Requires } from '../auth/access.decorator.js';

@ApiTags('portfolio')
@ApiUnexpectedProblem()
@Requires('portfolio:read')
@Controller('v1/portfolio/imports')
export class PortfolioImportsController {
  constructor(
    private readonly importPortfolio: ImportPortfolioUseCase,
    private readonly getImport: GetPortfolioImportUseCase,
  ) {}

  @Requires('portfolio:import')
  @Post()
  @ApiOperation({
    summary: 'Import an existing book of loans',
    description:
      `Each row is a loan another system lent: its borrower, product, terms, disbursement date, payments so far and contact consents. Each is checked on its own; ` +
      `the good rows start as loans already in servicing, their history applied as servicing would have (fees, interest, principal; late fees for instalments that were late), ` +
      `so a loan 40 days past due is delinquent, and in recovery, at once. No bureau pull, no payout. The loan ID is a UUIDv5 of lenderReference: the same row again is the same loan, started once. ` +
      `At most ${MAX_IMPORT_ROWS} rows per request, in a body of at most ${MAX_IMPORT_BODY_BYTES / 1024 / 1024} MiB; loans are started ${IMPORT_START_CONCURRENCY} at a time, so a full file takes a few minutes. ` +
      `The import is named by its Idempotency-Key, or by the body's SHA-256 without one: sending the same file again answers 200 with the same importId and every row alreadyImported.`,
  })
  @ApiIdempotencyKey('Names the import; the same key with another body is refused (422)')
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: ImportRequestDto })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'Imported: the rows that were good started (or were already here), the others are listed with their faults' })
  @ApiOkResponse({ type: ImportReportDto, description: 'This import was received before (the same Idempotency-Key, or the same body): nothing new was started' })
  @ApiProblems([400, 'The body is not readable CSV (or has unknown columns), or not { "loans": [...] }; or the Idempotency-Key is invalid'], [413, `Over ${MAX_IMPORT_BODY_BYTES / 1024 / 1024} MiB, or over ${MAX_IMPORT_ROWS} rows`], [415, 'Not text/csv or application/json (UTF-8)'])
  @ApiAnswer({ status: 422, description: 'No row could be imported (the report lists each, with its faults), or the Idempotency-Key was used with another body', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ImportRejectedProblemDto' } } } })
  async create(@IdempotencyKey() idempotencyKey: string | undefined, @Req() req: ApiRequest, @Res() res: ApiResponse): Promise<void> {
    const csv = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() === 'text/csv';
    const raw = req.rawBody ?? Buffer.alloc(0);
    const { report, created } = await this.importPortfolio.execute({ raw, format: csv ? 'csv' : 'json', json: req.body, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });
    res.setHeader('Location', `/v1/portfolio/imports/${report.importId}`);
    sendJson(res, created ? 201 : 200, report);
  }

  @Get(':id')
  @ApiOperation({ summary: 'What an import did', description: 'Its rows, the loans it started (over every request that carried it) and its rejected rows with their faults.' })
  @ApiParam({ name: 'id', schema: LOAN_ID_SCHEMA })
  @ApiOkResponse({ type: StoredImportReportDto })
  @ApiProblems([400, 'id is not a UUID'], 404)
  get(@Param('id', new UuidParamPipe('id')) id: string): Promise<StoredImportReport> {
    return this.getImport.execute({ id });
  }
}
