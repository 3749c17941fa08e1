import { describe, expect, it } from '@jest/globals';
import { CsvError, formatCsvField, parseCsv, parseCsvTable } from './csv.js';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  it('splits plain fields and records, with or without a final newline', () => {
    expect(fields('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
    expect(fields('')).toEqual([]);
  });

  it('accepts CRLF and strips a UTF-8 byte-order mark', () => {
    expect(fields('\uFEFFname,x\r\nJo,1\r\n')).toEqual([['name', 'x'], ['Jo', '1']]);
  });

  it('keeps empty fields, including leading and trailing ones', () => {
    expect(fields(',a,,\n')).toEqual([['', 'a', '', '']]);
  });

  it('reads quoted fields with embedded commas, doubled quotes, CRLF and LF', () => {
    expect(fields('"a,b","say ""hi""","line1\r\nline2","x\ny"\n')).toEqual([['a,b', 'say "hi"', 'line1\r\nline2', 'x\ny']]);
    expect(fields('"",""\n')).toEqual([['', '']]);
  });

  it('numbers records by the line they start on, counting newlines inside quotes', () => {
    expect(parseCsv('h\n"a\nb"\nc\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('keeps whitespace and a lone CR as data', () => {
    expect(fields(' a , b\rc\n')).toEqual([[' a ', ' b\rc']]);
  });

  it('rejects an unclosed quote, text after a closing quote, and a quote inside an unquoted field', () => {
    expect(() => parseCsv('a\n"open,1\n')).toThrow(new CsvError(2, 'quoted field is not closed'));
    expect(() => parseCsv('"a"b,1\n')).toThrow(/line 1: unexpected "b" after a closing quote/);
    expect(() => parseCsv('x\nab"c\n')).toThrow(/line 2: a quote inside an unquoted field/);
  });
});

describe('parseCsvTable', () => {
  it('returns the header as columns and the rest as rows, skipping blank lines', () => {
    const table = parseCsvTable('a,b\n1,2\n\n3,4\n\n');
    expect(table.columns).toEqual(['a', 'b']);
    expect(table.rows).toEqual([{ line: 2, fields: ['1', '2'] }, { line: 4, fields: ['3', '4'] }]);
  });

  it('rejects rows whose width differs from the header, naming the line', () => {
    expect(() => parseCsvTable('a,b\n1,2\n1,2,3\n')).toThrow(new CsvError(3, 'has 3 fields but the header has 2'));
  });

  it('rejects a duplicated column and a file without a header', () => {
    expect(() => parseCsvTable('a,a\n1,2\n')).toThrow(/column "a" appears twice/);
    expect(() => parseCsvTable('\n\n')).toThrow(/no header/);
  });
});

describe('formatCsvField', () => {
  it('quotes only when needed and round-trips through parseCsv', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', ''];
    expect(values.map(formatCsvField)).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '']);
    expect(fields(`${values.map(formatCsvField).join(',')}\n`)).toEqual([values]);
  });
});
