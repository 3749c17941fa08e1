// One row of an imported book, checked in full: its shape by the DTO (the application API's own
// rules for the borrower), then what only makes sense together (a currency the product offers, a
// disbursement not after today, a schedule its terms can make) and its history replayed as the
// workflow will replay it (payments on or after disbursement, not after today, never more than
// was owed). A row that passes here opens in the workflow without a fault.
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { compareIsoDates, type IsoDate } from '../../../domain/calendar.js';
import { openImportedAccount, replayImportedHistory } from '../../../domain/imported-history.js';
import { lateFeeRuleOf } from '../../../domain/late-fees.js';
import type { Product } from '../../../domain/product.js';
import type { LoanAccount } from '../../../domain/servicing.js';
import { getProduct } from '../../../policies/products.js';
import type { ImportedLoan } from '../../../workflows/loan/definitions.js';
import type { StartLoan } from '../../shared/temporal/loan-client.js';
import { latestTodayAnywhere } from '../applications/submit-application.usecase.js';
import { requestHash } from '../applications/request-hash.js';
import { bodyShapeProblems } from '../http/body-shape.js';
import type { FieldError } from '../http/problem.js';
import { fieldErrors } from '../http/validation.js';
import { importedApplication } from './imported-application.js';
import { ImportRowDto } from './import-row.dto.js';
import { importedLoanId } from './loan-id-for.js';

export type RowCheck = { ok: true; lenderReference: string; start: StartLoan & { imported: ImportedLoan }; hash: string } | { ok: false; errors: FieldError[] };

/** `today` is UTC's: the workflow replays the history through its own today, which is UTC's. */
export async function checkImportRow(raw: unknown, today: IsoDate): Promise<RowCheck> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: [{ field: '(row)', message: 'must be an object' }] };
  const shape = bodyShapeProblems(raw);
  if (shape.length > 0) return { ok: false, errors: shape };
  const row = plainToInstance(ImportRowDto, raw, { enableImplicitConversion: false });
  const invalid = fieldErrors(await validate(row, { whitelist: true, forbidNonWhitelisted: true }));
  if (invalid.length > 0) return { ok: false, errors: invalid };

  const product = getProduct(row.product);
  const errors = termProblems(row, product, today);
  if (errors.length > 0) return { ok: false, errors };
  const imported: ImportedLoan = {
    lenderReference: row.lenderReference,
    disbursedOn: row.disbursedOn,
    principal: row.principal,
    aprBps: row.aprBps,
    termMonths: row.termMonths,
    ...(row.firstDueDate ? { firstDueDate: row.firstDueDate } : {}),
    ...(row.dueDay ? { dueDay: row.dueDay } : {}),
    payments: row.payments.map((p) => ({ on: p.date, amount: p.amount, reference: p.reference })),
  };
  const opened = openedAccount(imported, row.currency);
  if ('field' in opened) return { ok: false, errors: [opened] };
  const history = replayImportedHistory({ account: opened, lateFee: lateFeeRuleOf(product, row.currency), payments: imported.payments, through: today });
  if (history.problems.length > 0) return { ok: false, errors: history.problems };

  const loanId = importedLoanId(row.lenderReference);
  const start = { loanId, application: importedApplication(row), product, submittedAt: new Date().toISOString(), imported };
  return { ok: true, lenderReference: row.lenderReference, start, hash: requestHash({ ...JSON.parse(JSON.stringify(row)) as object }) };
}

function termProblems(row: ImportRowDto, product: Product, today: IsoDate): FieldError[] {
  const errors: FieldError[] = [];
  if (!product.currencies.includes(row.currency)) errors.push({ field: 'currency', message: `product ${product.code} is not offered in ${row.currency}; it is offered in ${product.currencies.join(', ')}` });
  if (compareIsoDates(row.disbursedOn, today) > 0) errors.push({ field: 'disbursedOn', message: `${row.disbursedOn} is in the future (today is ${today}, UTC)` });
  if (row.firstDueDate && compareIsoDates(row.firstDueDate, row.disbursedOn) <= 0) errors.push({ field: 'firstDueDate', message: `${row.firstDueDate} must be after the disbursement on ${row.disbursedOn}` });
  const latest = latestTodayAnywhere();
  if (compareIsoDates(row.borrower.dateOfBirth, latest) > 0) errors.push({ field: 'borrower.dateOfBirth', message: `${row.borrower.dateOfBirth} is after today (${latest} at the latest anywhere)` });
  return errors;
}

/** The account as the workflow will open it (workflows/loan/import.ts), or the field whose value makes no schedule. */
function openedAccount(imported: ImportedLoan, currency: string): LoanAccount | FieldError {
  try {
    return openImportedAccount(imported, currency);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { field: message.startsWith('dueDay') ? 'dueDay' : 'principal', message };
  }
}
