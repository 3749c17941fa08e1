// A CSV book as the rows the JSON form carries. Headers are the JSON fields' dotted paths
// (`borrower.address.city`, `consents.contact`), so a fault names the same field in either form.
// An empty cell is a field left out; whole numbers and true/false become numbers and booleans
// where the field is one, anything else stays text for the row's validation to name; payments are
// one cell of `date:amount:reference` entries separated by `;`.
import { CsvError, parse } from 'csv-parse/sync';

const NUMBER_FIELDS = new Set(['principal', 'aprBps', 'termMonths', 'dueDay', 'monthlyIncome']);
const BOOLEAN_FIELDS = new Set(['consents.contact', 'consents.automatedContact', 'consents.autopay']);
export const CSV_COLUMNS = [
  'lenderReference',
  'borrower.firstName',
  'borrower.lastName',
  'borrower.dateOfBirth',
  'borrower.email',
  'borrower.phone',
  'borrower.nationalId',
  'borrower.address.line1',
  'borrower.address.city',
  'borrower.address.region',
  'borrower.address.postalCode',
  'borrower.address.country',
  'borrower.timeZone',
  'borrower.language',
  'product',
  'currency',
  'principal',
  'aprBps',
  'termMonths',
  'disbursedOn',
  'firstDueDate',
  'dueDay',
  'payments',
  'consents.contact',
  'consents.automatedContact',
  'consents.autopay',
  'employmentStatus',
  'monthlyIncome',
] as const;
const KNOWN = new Set<string>(CSV_COLUMNS);

export type CsvRows = { ok: true; rows: CsvRow[] } | { ok: false; message: string };
/** A data row: its values as the JSON form has them, or why its cells cannot be read. */
export type CsvRow = { value: Record<string, unknown> } | { fault: string };

export function csvRows(text: string): CsvRows {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    if (err instanceof CsvError) return { ok: false, message: `the body is not readable CSV: ${err.message}` };
    throw err;
  }
  const [header, ...data] = records;
  if (!header) return { ok: true, rows: [] };
  const unknown = header.filter((h) => !KNOWN.has(h));
  if (unknown.length > 0) return { ok: false, message: `unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map((h) => JSON.stringify(h)).join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}` };
  const repeated = header.filter((h, i) => header.indexOf(h) !== i);
  if (repeated.length > 0) return { ok: false, message: `column ${JSON.stringify(repeated[0])} appears more than once` };
  return { ok: true, rows: data.map((cells) => (cells.length === header.length ? { value: rowOf(header, cells) } : { fault: `has ${cells.length} cells; the header has ${header.length}` })) };
}

function rowOf(header: string[], cells: string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const cell = cells[i] ?? '';
    if (cell === '' && column !== 'payments') return;
    setPath(row, column, valueOf(column, cell));
  });
  return row;
}

function valueOf(column: string, cell: string): unknown {
  if (column === 'payments') return cell === '' ? [] : cell.split(';').map((entry) => paymentOf(entry.trim()));
  if (NUMBER_FIELDS.has(column)) return /^-?\d+$/.test(cell) ? Number(cell) : cell;
  if (BOOLEAN_FIELDS.has(column)) return /^true$/i.test(cell) ? true : /^false$/i.test(cell) ? false : cell;
  return cell;
}

/** `2026-10-05:1454457:UTR-1`; a reference may itself hold colons. */
function paymentOf(entry: string): Record<string, unknown> {
  const [date, amount, ...reference] = entry.split(':');
  const payment: Record<string, unknown> = {};
  if (date) payment.date = date;
  if (amount) payment.amount = /^-?\d+$/.test(amount) ? Number(amount) : amount;
  if (reference.length > 0) payment.reference = reference.join(':');
  return payment;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}
