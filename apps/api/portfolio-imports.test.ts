// Bringing a book: POST /v1/portfolio/imports through the HTTP API (the real Temporal dev server,
// a real Postgres database, the real workers), as CSV and as JSON; rows refused one by one with
// their reasons; the same file twice, or at once, imports each loan once.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { addDays, toIsoDate } from '../../domain/calendar.js';
import { startApiHarness, type ApiHarness } from '../testkit/api-harness.js';
import { importRow } from '../testkit/imported-loans.js';
import { eventually, loanEvents } from '../testkit/read-model.js';
import type { Problem } from './http/problem.js';
import type { LoanDetail } from './loans/loan-view.js';
import { CSV_COLUMNS } from './portfolio/csv-rows.js';
import type { ImportReport } from './portfolio/import-portfolio.usecase.js';
import { importedLoanId } from './portfolio/loan-id-for.js';

let api: ApiHarness;
const today = toIsoDate(Date.now());
beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api?.close();
});

type Report = ImportReport & { createdAt?: string };
const post = (body: unknown, headers: Record<string, string> = {}) => api.call<Report>('POST', '/v1/portfolio/imports', body, headers);
const postCsv = (csv: string, headers: Record<string, string> = {}) => post(csv, { 'content-type': 'text/csv', ...headers });
const importedOnce = async (lenderReference: string) => {
  const events = await eventually(() => loanEvents(api.t.orm, importedLoanId(lenderReference)), (e) => e.some((x) => x.type === 'loan.imported'));
  return events.filter((e) => e.type === 'loan.imported').length;
};

/** A row as a CSV line, in CSV_COLUMNS order. */
function csvLine(row: Record<string, unknown>): string {
  const borrower = row.borrower as Record<string, unknown>;
  const address = borrower.address as Record<string, unknown>;
  const consents = row.consents as Record<string, unknown>;
  const payments = (row.payments as { date: string; amount: number; reference: string }[]).map((p) => `${p.date}:${p.amount}:${p.reference}`).join(';');
  const cell = (column: string): unknown => {
    if (column === 'payments') return payments;
    const [head, ...rest] = column.split('.');
    if (head === 'borrower') return rest[0] === 'address' ? address[rest[1]!] : borrower[rest[0]!];
    if (head === 'consents') return consents[rest[0]!];
    return row[column];
  };
  return CSV_COLUMNS.map((c) => {
    const v = cell(c) as string | number | boolean | undefined;
    const text = v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}
const csvOf = (rows: Record<string, unknown>[]) => [CSV_COLUMNS.join(','), ...rows.map(csvLine)].join('\n');

describe('POST /v1/portfolio/imports', () => {
  it('imports the good rows of a JSON book and reports every fault of the others by row and field', async () => {
    const current = importRow(today, 10);
    const late = importRow(today, 70, { firstDueDate: addDays(today, -40) });
    const elsewhere = importRow(today, 10, { currency: 'JPY', disbursedOn: addDays(today, 3) });
    const malformed = importRow(today, 10, { principal: '1000' as unknown as number, borrower: { email: 'not-an-email', phone: '98200' }, consents: { autopay: true } });
    const overpaid = importRow(today, 40, { payments: [{ date: addDays(today, -45), amount: 100, reference: 'before' }, { date: addDays(today, -5), amount: 90_000_000, reference: 'too-much' }] });
    const answer = await post({ loans: [current, late, elsewhere, malformed, overpaid] });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe(`/v1/portfolio/imports/${answer.body.importId}`);
    expect(answer.body).toMatchObject({ received: 5, imported: 2, alreadyImported: 0 });
    const faults = answer.body.rejected.map((r) => [r.row, r.lenderReference, r.errors.map((e) => e.field).sort()]);
    expect(faults).toEqual([
      [3, elsewhere.lenderReference, ['currency', 'disbursedOn']],
      [4, malformed.lenderReference, ['borrower.email', 'borrower.phone', 'consents.autopay', 'principal']],
      [5, overpaid.lenderReference, ['payments[0].date']],
    ]);
    expect(answer.body.rejected[0]!.errors.find((e) => e.field === 'currency')?.message).toMatch(/not offered in JPY/);

    // The late loan is delinquent in its bucket at once; the current one is current.
    const loan = (ref: unknown) => api.call<LoanDetail>('GET', `/v1/loans/${importedLoanId(String(ref))}`);
    const delinquent = await eventually(() => loan(late.lenderReference), (a) => a.status === 200 && a.body.status === 'delinquent');
    expect(delinquent.body).toMatchObject({ status: 'delinquent', bucket: '31-60', daysPastDue: 40, principal: 10_000_000 });
    const fine = await eventually(() => loan(current.lenderReference), (a) => a.status === 200);
    expect(fine.body).toMatchObject({ status: 'active', bucket: 'current', daysPastDue: 0 });

    const stored = await api.call<Report>('GET', `/v1/portfolio/imports/${answer.body.importId}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ importId: answer.body.importId, received: 5, imported: 2, alreadyImported: 0, rejected: answer.body.rejected });
  });

  it('a payment more than was owed is refused with the reason', async () => {
    const overpaid = importRow(today, 40, { payments: [{ date: addDays(today, -5), amount: 90_000_000, reference: 'too-much' }] });
    const answer = await post({ loans: [overpaid] });
    expect(answer.status).toBe(422);
    const problem = answer.body as unknown as Problem & { report: Report };
    expect(problem.type).toBe('https://credence.dev/problems/import-rejected');
    expect(problem.report.rejected).toEqual([{ row: 1, lenderReference: overpaid.lenderReference, errors: [{ field: 'payments[0].amount', message: expect.stringMatching(/more than was owed/) }] }]);
  });

  it('imports a CSV book, payments cell included, and the same file again imports nothing twice', async () => {
    const rows = [
      importRow(today, 100, { payments: [{ date: addDays(today, -69), amount: 900_000, reference: 'UTR:with:colons' }] }),
      importRow(today, 20, { borrower: { firstName: 'José', lastName: "O'Neil-García", address: { line1: 'Calle Mayor 1, 2º', city: 'Madrid', region: 'MD', postalCode: '28013', country: 'ES' }, timeZone: 'Europe/Madrid', language: 'es', phone: '+34600000001' }, currency: 'EUR', principal: 500_000 }),
    ];
    const csv = `${csvOf(rows)}\nLN-short,Only,Three\n`;
    const first = await postCsv(csv);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ received: 3, imported: 2, alreadyImported: 0, rejected: [{ row: 3, lenderReference: null, errors: [{ field: '(row)', message: `has 3 cells; the header has ${CSV_COLUMNS.length}` }] }] });
    const payments = await eventually(() => api.call<LoanDetail>('GET', `/v1/loans/${importedLoanId(String(rows[0]!.lenderReference))}`), (a) => a.status === 200 && a.body.payments.length > 0);
    expect(payments.body.payments).toEqual([expect.objectContaining({ externalId: 'UTR:with:colons', amount: 900_000, source: 'import' })]);

    const again = await postCsv(csv);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ importId: first.body.importId, received: 3, imported: 0, alreadyImported: 2 });
    for (const row of rows) expect(await importedOnce(String(row.lenderReference))).toBe(1);
    const stored = await api.call<Report>('GET', `/v1/portfolio/imports/${first.body.importId}`);
    expect(stored.body).toMatchObject({ imported: 2, alreadyImported: 2 });
  });

  it('concurrent identical imports start each loan once and count it imported once', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => importRow(today, 30 + i));
    const answers = await Promise.all(Array.from({ length: 4 }, () => post({ loans: rows })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.importId)).size).toBe(1);
    expect(answers.reduce((s, a) => s + a.body.imported, 0)).toBe(12);
    expect(answers.reduce((s, a) => s + a.body.alreadyImported, 0)).toBe(36);
    for (const row of rows) expect(await importedOnce(String(row.lenderReference))).toBe(1);
  });

  it('the same lender reference with other details is refused: the loan lives here now', async () => {
    const row = importRow(today, 30);
    expect((await post({ loans: [row] })).status).toBe(201);
    const changed = await post({ loans: [{ ...row, principal: 20_000_000 }] });
    expect(changed.status).toBe(422);
    const problem = changed.body as unknown as { report: Report };
    expect(problem.report.rejected[0]!.errors).toEqual([{ field: 'lenderReference', message: expect.stringContaining(`POST /v1/loans/${importedLoanId(String(row.lenderReference))}/payments`) }]);
  });

  it('an Idempotency-Key names the import; with another body it is refused', async () => {
    const key = `book-${randomUUID()}`;
    const first = await post({ loans: [importRow(today, 30)] }, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const other = await post({ loans: [importRow(today, 30)] }, { 'Idempotency-Key': key });
    expect(other.status).toBe(422);
    expect((other.body as unknown as Problem).type).toBe('https://credence.dev/problems/idempotency-key-reused');
  });

  it('refuses what is not a book: other media types, unreadable bodies, too many rows, and nothing at all', async () => {
    expect((await post('lenderReference\nLN-1', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post('<loans/>', { 'content-type': 'application/xml' })).status).toBe(415);
    const malformed = await post('{"loans": [', {});
    expect(malformed.status).toBe(400);
    expect((await post({ rows: [] })).body).toMatchObject({ status: 400, errors: [{ field: 'loans' }] });
    expect((await post({ loans: [], extra: 1 })).status).toBe(400);
    const unknown = await postCsv('lenderReference,shoeSize\nLN-1,9\n');
    expect(unknown.status).toBe(400);
    expect((unknown.body as unknown as Problem).errors?.[0]?.message).toMatch(/unknown column "shoeSize"/);
    expect((await postCsv('lenderReference,"unclosed\nLN-1,x\n')).status).toBe(400);
    expect((await post({ loans: Array.from({ length: 10_001 }, () => ({})) })).status).toBe(413);
    const empty = await post({ loans: [] });
    expect(empty.status).toBe(422);
    expect((empty.body as unknown as { report: Report }).report).toMatchObject({ received: 0, imported: 0, rejected: [] });
    const allBad = await post({ loans: [{}, 'x'] });
    expect(allBad.status).toBe(422);
    expect((allBad.body as unknown as { report: Report }).report.rejected.map((r) => r.row)).toEqual([1, 2]);
  });

  it('GET of an import that does not exist is a 404; of a malformed id a 400', async () => {
    expect((await api.call('GET', `/v1/portfolio/imports/${randomUUID()}`)).status).toBe(404);
    expect((await api.call('GET', '/v1/portfolio/imports/not-a-uuid')).status).toBe(400);
  });
});
