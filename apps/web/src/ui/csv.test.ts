import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes cells with commas, quotes or line breaks, and leaves nulls empty', () => {
    expect(toCsv({ columns: ['bucket', 'n'], rows: [['31-60, INR', 3], ['say "hi"', null]] })).toBe('bucket,n\r\n"31-60, INR",3\r\n"say ""hi""",\r\n');
  });
});
