import { describe, expect, it } from '@jest/globals';
import { addUsBusinessDays, isUsBusinessDay, usFederalHolidays } from './us-business-days.js';

describe('US business days (12 CFR 1006.34(b)(5))', () => {
  it('lists the eleven holidays of 5 U.S.C. 6103(a) for 2026, with the observed day of one on a weekend', () => {
    // 2026-07-04 is a Saturday: observed Friday 2026-07-03.
    expect(usFederalHolidays(2026)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-07-04', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
  });

  it('skips weekends and holidays, including a New Year observed in the year before', () => {
    expect(isUsBusinessDay('2026-11-26')).toBe(false); // Thanksgiving
    expect(isUsBusinessDay('2026-11-28')).toBe(false); // Saturday
    expect(isUsBusinessDay('2026-11-27')).toBe(true);
    expect(isUsBusinessDay('2027-12-31')).toBe(false); // 2028-01-01 is a Saturday
  });

  it('counts five business days after a communication', () => {
    // Monday 2026-11-23: Tue, Wed, (Thanksgiving), Fri, (weekend), Mon, Tue.
    expect(addUsBusinessDays('2026-11-23', 5)).toBe('2026-12-01');
    // Friday 2026-12-04: Mon..Fri of the next week.
    expect(addUsBusinessDays('2026-12-04', 5)).toBe('2026-12-11');
    expect(addUsBusinessDays('2026-12-04', 0)).toBe('2026-12-04');
  });
});
