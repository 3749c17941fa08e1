import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { type FeatureSpec, ModelRuntime } from '../runtime/index.js';
import { CsvValidationError, recordsFromCsv, scoreCsv, validateRecords } from './score.js';

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

describe('models:score with a WoE scorecard champion (models/runtime/fixtures/woe-scorecard)', () => {
  const FIXTURE = fileURLToPath(new URL('../runtime/fixtures/woe-scorecard/', import.meta.url));
  // Two of the fixture's hand-computed rows (models/runtime/scorecard.spec.ts): 740 points, raw PD
  // 1/6401, calibrated to 0.002 (clamped); and 520 points, raw PD 8/33, calibrated
  // 0.06 + (8/33 - 0.05) * 0.19 / 0.25, which lost amount 80, duration 60, late_payments 30,
  // own_home 30 (missing) and purpose 20 points against their best bins.
  const csv = 'id,duration,purpose,own_home,telephone,amount,late_payments\n1,6,car,yes,yes,1200,0\n2,30,boat,NA,no,"9,000",5\n';

  it('prints the calibrated PD and the points, and with --explain the points each characteristic lost', async () => {
    const runtime = await ModelRuntime.load(FIXTURE);
    try {
      let out = '';
      await scoreCsv(runtime, csv, { explain: true, top: 4, write: (t) => (out += t), progress: () => undefined });
      const calibrated = 0.06 + ((8 / 33 - 0.05) * (0.25 - 0.06)) / (0.3 - 0.05);
      const [head, best, many] = out.trimEnd().split('\n');
      expect(head).toBe('score,points,reasons');
      expect(best).toBe('0.002,740,');
      const [probability, points, reasons] = many!.split(/,(?=[^ ])/);
      expect(Math.abs(Number(probability) - calibrated)).toBeLessThan(1e-12);
      expect(points).toBe('520');
      expect(reasons).toBe('amount=-80.00 points [HIGH_AMOUNT]; duration=-60.00 points [LONG_DURATION]; late_payments=-30.00 points [DELINQUENCY]; own_home=-30.00 points [HOUSING_UNKNOWN]');
    } finally {
      await runtime.dispose();
    }
  });
});
