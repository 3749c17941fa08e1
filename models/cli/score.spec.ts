import { describe, expect, it } from '@jest/globals';
import type { FeatureSpec } from '../runtime/index.js';
import { CsvValidationError, recordsFromCsv, validateRecords } from './score.js';

const features: FeatureSpec[] = [
  { name: 'income', type: 'numeric', nullable: true },
  { name: 'purpose', type: 'categorical', nullable: false, categories: ['car', '__other__'] },
  { name: 'verified', type: 'boolean', nullable: false },
];
const model = { features };

describe('models:score CSV input', () => {
  it('matches columns by name, ignores extra columns and parses cells per CARD.md', () => {
    const { records, lines } = recordsFromCsv(model, 'id,verified,purpose,income\n7,yes,car,"1,200"\n8,0,"boat, big",\n');
    expect(records).toEqual([{ verified: true, purpose: 'car', income: 1200 }, { verified: false, purpose: 'boat, big', income: null }]);
    expect(lines).toEqual([2, 3]);
  });

  it('fails before scoring when a feature has no column', () => {
    expect(() => recordsFromCsv(model, 'income,purpose\n1,car\n')).toThrow(new CsvValidationError('the CSV has no column for feature(s) "verified"'));
  });

  it('names each invalid row (data row and CSV line) and its features', () => {
    const { records, lines } = recordsFromCsv(model, 'income,purpose,verified\n1,car,yes\n"12\nabc",,maybe\n3,car,no\n');
    expect(() => validateRecords(model, records, lines)).toThrow(
      new CsvValidationError(
        '1 of 3 rows are invalid; nothing was scored:\n' +
          'row 2 (line 3): income: expected a number, got "12\\nabc"; purpose: is null but the model requires a value; verified: expected true or false, got "maybe"',
      ),
    );
  });

  it('reports at most 20 rows and counts the rest', () => {
    const csv = `income,purpose,verified\n${Array.from({ length: 25 }, () => 'x,car,yes').join('\n')}\n`;
    const { records, lines } = recordsFromCsv(model, csv);
    expect(() => validateRecords(model, records, lines)).toThrow(/25 of 25 rows are invalid[\s\S]*row 20 \(line 21\)[\s\S]*\.\.\. and 5 more invalid rows$/);
  });
});
