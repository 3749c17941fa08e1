// A lender's book in: each row checked on its own (check-import-row.ts), the good ones started as
// loans in servicing with their history, the others reported by row and field. Identity, twice:
// - the import's: its Idempotency-Key, or the body's SHA-256 without one, names one
//   portfolio_imports record (the same key with another body is refused);
// - each loan's: its lender reference, claimed in Postgres (idempotency_keys, with the row's hash)
//   before its workflow starts. The claim says who imported it first; the start is idempotent
//   (workflow ID loan-<loanId>), and is made again for a row claimed before, so a request that
//   died between claim and start leaves no loan unstarted. The same row twice (the same file
//   again, two requests at once) is one loan, counted imported once; the same reference with other
//   details is refused, as the loan already lives here.
import { Injectable } from '@nestjs/common';
import { PayloadTooLargeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { toIsoDate } from '../../../domain/calendar.js';
import type { RejectedRow } from '../../../db/repositories/portfolio-import.repository.js';
import { LoanClient } from '../../shared/temporal/loan-client.js';
import { Database } from '../database.js';
import { IdempotencyKeyReusedError, NoValidImportRowsError } from '../errors.js';
import { ProblemException } from '../http/problem.js';
import { mapBounded } from './bounded.js';
import { checkImportRow, type RowCheck } from './check-import-row.js';
import { csvRows } from './csv-rows.js';
import type { ImportPortfolioCommand } from './import-portfolio.command.js';
import { IMPORT_START_CONCURRENCY, MAX_IMPORT_ROWS } from './import-limits.js';
import { importId } from './loan-id-for.js';

/** idempotency_keys scope of the loans' claims: key = lender reference, resource = loan ID. */
export const IMPORTED_LOAN_SCOPE = 'portfolio-import:loan';

export interface ImportReport {
  importId: string;
  received: number;
  imported: number;
  alreadyImported: number;
  rejected: RejectedRow[];
}

export interface ImportOutcome {
  report: ImportReport;
  /** this request created the import (201); a repeat of it answers 200 */
  created: boolean;
}

type Valid = Extract<RowCheck, { ok: true }> & { row: number };

@Injectable()
export class ImportPortfolioUseCase {
  constructor(
    private readonly loans: LoanClient,
    private readonly db: Database,
  ) {}

  async execute(command: ImportPortfolioCommand): Promise<ImportOutcome> {
    const rows = rowsOf(command);
    if (rows.length > MAX_IMPORT_ROWS) throw new PayloadTooLargeException(`the import holds ${rows.length} rows; send at most ${MAX_IMPORT_ROWS} per request`);
    const today = toIsoDate(Date.now());
    const rejected: RejectedRow[] = [];
    const valid: Valid[] = [];
    for (const [index, raw] of rows.entries()) {
      const row = index + 1;
      const check: RowCheck = 'fault' in raw ? { ok: false, errors: [{ field: '(row)', message: raw.fault }] } : await checkImportRow(raw.value, today);
      if (check.ok) valid.push({ ...check, row });
      else rejected.push({ row, lenderReference: referenceOf(raw), errors: check.errors });
    }

    const claimed = await mapBounded(valid, IMPORT_START_CONCURRENCY, (v) => this.claim(v));
    const accepted: { valid: Valid; first: boolean }[] = [];
    claimed.forEach((claim, i) => {
      const v = valid[i]!;
      if (claim === 'conflict') {
        rejected.push({
          row: v.row,
          lenderReference: v.lenderReference,
          errors: [{ field: 'lenderReference', message: `${v.lenderReference} was imported before with other details as loan ${v.start.loanId}; it lives here now: report later payments with POST /v1/loans/${v.start.loanId}/payments` }],
        });
      } else accepted.push({ valid: v, first: claim === 'first' });
    });
    rejected.sort((a, b) => a.row - b.row);

    const hash = createHash('sha256').update(command.raw).digest('hex');
    const id = importId(command.idempotencyKey !== undefined ? `key:${command.idempotencyKey}` : `sha256:${hash}`);
    const { record, created } = await this.db.portfolioImports().open(id, hash, rows.length, rejected);
    if (record.hash !== hash) throw new IdempotencyKeyReusedError(command.idempotencyKey ?? '');

    await mapBounded(accepted, IMPORT_START_CONCURRENCY, ({ valid: v }) => this.loans.start(v.start));
    const imported = accepted.filter((a) => a.first).length;
    const alreadyImported = accepted.length - imported;
    await this.db.portfolioImports().count(id, imported, alreadyImported);
    const report = { importId: id, received: rows.length, imported, alreadyImported, rejected };
    if (accepted.length === 0) throw new NoValidImportRowsError(report);
    return { report, created };
  }

  /** first: this request claimed the loan; again: an earlier one did, with the same row; conflict: with another row. */
  private async claim(v: Valid): Promise<'first' | 'again' | 'conflict'> {
    const claim = await this.db.idempotencyKeys().claim(IMPORTED_LOAN_SCOPE, v.lenderReference, v.hash, v.start.loanId);
    if (claim.requestHash !== v.hash) return 'conflict';
    return claim.created ? 'first' : 'again';
  }
}

type RawRow = { value: unknown } | { fault: string };

function rowsOf(command: ImportPortfolioCommand): RawRow[] {
  if (command.format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(command.raw);
    } catch {
      throw ProblemException.validation([{ field: '(body)', message: 'is not UTF-8 text' }]);
    }
    const parsed = csvRows(text);
    if (!parsed.ok) throw ProblemException.validation([{ field: '(body)', message: parsed.message }]);
    return parsed.rows;
  }
  const body = command.json;
  const loans = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).loans : undefined;
  if (!Array.isArray(loans)) throw ProblemException.validation([{ field: 'loans', message: 'must be an array of loans: the body is { "loans": [ ... ] }' }]);
  const extra = Object.keys(body as object).filter((k) => k !== 'loans');
  if (extra.length > 0) throw ProblemException.validation(extra.map((field) => ({ field, message: 'is not a field of an import: the body is { "loans": [ ... ] }' })));
  return loans.map((value: unknown) => ({ value }));
}

function referenceOf(raw: RawRow): string | null {
  const value = 'value' in raw && typeof raw.value === 'object' && raw.value !== null ? (raw.value as Record<string, unknown>).lenderReference : undefined;
  return typeof value === 'string' && value.length <= 255 ? value : null;
}
