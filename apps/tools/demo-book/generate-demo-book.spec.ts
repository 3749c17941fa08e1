import { describe, expect, it } from '@jest/globals';
import { checkImportRow } from '../../api/portfolio/check-import-row.js';
import { generateDemoBook } from './generate-demo-book.js';
import { RECOVERY_TEST_BORROWERS } from './recovery-test-borrowers.js';

const today = '2026-12-03';

describe('the demo book', () => {
  const book = generateDemoBook({ today });

  it('is the same book for the same seed and day, and another for another seed', () => {
    expect(generateDemoBook({ today })).toEqual(book);
    expect(generateDemoBook({ today, seed: 'other' })).not.toEqual(book);
  });

  it('holds the four scenarios, the scripted recovery borrowers and ordinary borrowers in every bucket, in three countries', () => {
    expect(book).toHaveLength(300);
    const count = (f: (l: (typeof book)[number]) => boolean) => book.filter(f).length;
    for (const scenario of ['new-to-credit', 'seasonal-farmer', 'strategic-defaulter', 'sudden-distress']) expect(count((l) => l.scenario === scenario)).toBeGreaterThanOrEqual(20);
    for (const bucket of ['current', '1-15', '16-30', '31-60', '61-90', '90+']) expect(count((l) => l.scenario === 'ordinary' && l.bucket === bucket)).toBeGreaterThan(5);
    expect(new Set(book.map((l) => l.country))).toEqual(new Set(['IN', 'US', 'ES']));
    const scripted = book.filter((l) => l.scenario === 'recovery-sandbox');
    expect(scripted.map((l) => (l.row.borrower as { phone: string }).phone).sort()).toEqual(Object.values(RECOVERY_TEST_BORROWERS).map((b) => b.phone).sort());
    expect(scripted.every((l) => l.bucket === '1-15')).toBe(true);
    // The newcomer is 22; the farmer speaks Hindi; the strategic defaulter earns well and is far behind.
    const age = (l: (typeof book)[number]) => Number(today.slice(0, 4)) - Number(String((l.row.borrower as { dateOfBirth: string }).dateOfBirth).slice(0, 4));
    expect(book.filter((l) => l.scenario === 'new-to-credit').every((l) => age(l) === 22 || age(l) === 23)).toBe(true);
    expect(book.filter((l) => l.scenario === 'seasonal-farmer').every((l) => (l.row.borrower as { language: string }).language === 'hi')).toBe(true);
    expect(book.filter((l) => l.scenario === 'strategic-defaulter').every((l) => l.daysPastDue > 60)).toBe(true);
    // Unique people: nobody shares a phone, an email or a reference.
    for (const key of ['phone', 'email'] as const) expect(new Set(book.map((l) => (l.row.borrower as Record<string, string>)[key])).size).toBe(300);
    expect(new Set(book.map((l) => l.row.lenderReference)).size).toBe(300);
  });

  it('every row passes the import API own check', async () => {
    const faults = [];
    for (const loan of book) {
      const check = await checkImportRow(loan.row, today);
      if (!check.ok) faults.push({ ref: loan.row.lenderReference, errors: check.errors });
    }
    expect(faults).toEqual([]);
  });
});
