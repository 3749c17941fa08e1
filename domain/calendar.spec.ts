import { describe, it, expect } from '@jest/globals';
import {
  addDays,
  addMonths,
  ageOn,
  compareIsoDates,
  dayNumber,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isoDateToEpochMs,
  parseIsoDate,
  toIsoDate,
} from './calendar.js';
import { seededRandom } from './testing/seeded-random.js';

describe('calendar', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    for (const good of ['2025-01-31', '2024-02-29', '2000-02-29', '1970-01-01', '0000-01-01', '9999-12-31']) {
      expect([good, isIsoDate(good)]).toEqual([good, true]);
    }
    for (const bad of ['2025-02-29', '1900-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00',
      '2025-1-01', '25-01-01', '2025-01-01T00:00:00Z', ' 2025-01-01', '', '20250101']) {
      expect([bad, isIsoDate(bad)]).toEqual([bad, false]);
    }
    expect(isIsoDate(20250101)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
    expect(() => parseIsoDate('2025-02-30')).toThrow('Invalid ISO date "2025-02-30": expected a real calendar date as YYYY-MM-DD');
  });

  it('converts to and from epoch milliseconds on UTC midnight', () => {
    expect(isoDateToEpochMs('1970-01-01')).toBe(0);
    expect(isoDateToEpochMs('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
    expect(toIsoDate(0)).toBe('1970-01-01');
    expect(toIsoDate(-1)).toBe('1969-12-31');
    expect(toIsoDate(Date.UTC(2024, 1, 29, 23, 59, 59, 999))).toBe('2024-02-29');
    expect(toIsoDate(Date.UTC(2024, 2, 1))).toBe('2024-03-01');
    expect(() => toIsoDate(Number.NaN)).toThrow(RangeError);
    expect(() => toIsoDate(Date.UTC(10000, 0, 1))).toThrow(/out of range/);
  });

  it('agrees with Date.UTC on thousands of generated dates from year 0 to 9999', () => {
    const random = seededRandom(1970);
    for (let i = 0; i < 5000; i++) {
      const day = random.int(dayNumber('0000-01-01'), dayNumber('9999-12-31'));
      const iso = fromDayNumber(day);
      expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
      expect(dayNumber(iso)).toBe(day);
      const { year, month, day: dom } = parseIsoDate(iso);
      const viaDate = new Date(0);
      viaDate.setUTCFullYear(year, month - 1, dom);
      expect(Math.floor(viaDate.getTime() / 86_400_000)).toBe(day);
    }
  });

  it('adds days across month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-01-15', 365)).toBe('2026-01-15');
    expect(addDays('2025-01-15', 0)).toBe('2025-01-15');
    expect(() => addDays('2025-01-15', 1.5)).toThrow('addDays: days must be a whole number, got 1.5');
    expect(() => addDays('2025-02-30', 1)).toThrow(/Invalid ISO date/);
  });

  it('adds months, clamping to month ends relative to the anchor day', () => {
    expect(addMonths('2025-01-15', 1)).toBe('2025-02-15');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-02-28', 1, 31)).toBe('2025-03-31');
    expect(addMonths('2025-02-28', 2, 31)).toBe('2025-04-30');
    expect(addMonths('2025-02-28', 1)).toBe('2025-03-28');
    expect(addMonths('2025-01-31', 13)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-10', -13)).toBe('2023-12-10');
    expect(addMonths('2025-01-29', 1, 29)).toBe('2025-02-28');
    // the anchor walks a month-end loan through a whole year
    const dates = Array.from({ length: 13 }, (_, k) => addMonths('2025-01-31', k, 31));
    expect(dates).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31',
      '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31']);
    expect(() => addMonths('2025-01-31', 1, 32)).toThrow(/anchor day 32/);
    expect(() => addMonths('2025-01-31', 0.5)).toThrow(/months must be a whole number/);
  });

  it('counts days between dates, negative backwards', () => {
    expect(daysBetween('2025-01-31', '2025-03-01')).toBe(29);
    expect(daysBetween('2024-01-31', '2024-03-01')).toBe(30);
    expect(daysBetween('2025-03-01', '2025-01-31')).toBe(-29);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-06-15', '2025-06-15')).toBe(0);
  });

  it('compares dates', () => {
    expect(compareIsoDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareIsoDates('2025-01-02', '2025-01-01')).toBe(1);
    expect(compareIsoDates('2025-01-01', '2025-01-01')).toBe(0);
    expect(['2025-03-01', '2024-12-31', '2025-02-28'].sort(compareIsoDates)).toEqual(['2024-12-31', '2025-02-28', '2025-03-01']);
  });

  it('computes age in completed years, with 29 February birthdays on 1 March in common years', () => {
    expect(ageOn('2000-06-15', '2025-06-14')).toBe(24);
    expect(ageOn('2000-06-15', '2025-06-15')).toBe(25);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-28')).toBe(19);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
    expect(ageOn('2007-03-01', '2025-03-01')).toBe(18);
    expect(ageOn('2007-02-28', '2025-02-28')).toBe(18);
    expect(ageOn('2025-05-05', '2025-05-05')).toBe(0);
    expect(() => ageOn('2025-05-06', '2025-05-05')).toThrow(/before the date of birth/);
  });
});
