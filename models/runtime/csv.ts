// RFC 4180 CSV, small enough to read in one sitting: the scoring CLI must not guess at quoting,
// because a mis-split row would be scored on the wrong columns. Malformed input is an error with
// its line number. Also accepts what real exports contain: LF or CRLF, a UTF-8 BOM, no final newline.

export class CsvError extends Error {
  constructor(readonly line: number, problem: string) {
    super(`CSV line ${line}: ${problem}`);
    this.name = 'CsvError';
  }
}

export interface CsvRecord {
  /** 1-based line on which the record starts (records may span lines inside quotes). */
  line: number;
  fields: string[];
}

/** Splits CSV text into records of fields, exactly as written (no trimming, no type conversion). */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // True once anything of the current record has been read, so a final newline adds no empty record.
  let started = false;

  const endRecord = (): void => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    started = false;
  };

  while (i < input.length) {
    const c = input[i]!;
    if (c === '"' && field === '') {
      // Quoted field: runs to the closing quote; "" inside is one quote; commas and newlines are data.
      const openedOn = line;
      started = true;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvError(openedOn, 'quoted field is not closed');
        const q = input[i]!;
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && input[i + 1] === '\n')) {
        throw new CsvError(line, `unexpected ${JSON.stringify(next)} after a closing quote`);
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      started = true;
      i++;
    } else if (c === '\n' || (c === '\r' && input[i + 1] === '\n')) {
      endRecord();
      i += c === '\r' ? 2 : 1;
      line++;
      recordLine = line;
    } else if (c === '"') {
      throw new CsvError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
    } else {
      field += c;
      started = true;
      i++;
    }
  }
  if (started) endRecord();
  return records;
}

export interface CsvTable {
  columns: string[];
  rows: CsvRecord[];
}

/** A header line then data records of the same width; blank lines are skipped. */
export function parseCsvTable(text: string): CsvTable {
  const [header, ...records] = parseCsv(text).filter((r) => !(r.fields.length === 1 && r.fields[0] === ''));
  if (header === undefined) throw new CsvError(1, 'no header line');
  const seen = new Set<string>();
  for (const column of header.fields) {
    if (seen.has(column)) throw new CsvError(header.line, `column ${JSON.stringify(column)} appears twice in the header`);
    seen.add(column);
  }
  for (const record of records) {
    if (record.fields.length !== header.fields.length) {
      throw new CsvError(record.line, `has ${record.fields.length} fields but the header has ${header.fields.length}`);
    }
  }
  return { columns: header.fields, rows: records };
}

/** Quotes a field when RFC 4180 requires it. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
