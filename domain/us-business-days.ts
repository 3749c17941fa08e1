// Days that count under 12 CFR 1006.34(b)(5): a debt collector may assume the consumer received
// the validation information on any date at least five days after providing it, "excluding legal
// public holidays identified in 5 U.S.C. 6103(a), Saturdays, and Sundays". The holidays are the
// eleven of 6103(a); a fixed-date one that falls on a weekend is also skipped on the weekday it is
// observed (6103(b)): skipping more days only moves the assumed receipt later, which the rule's
// "at least" allows, while skipping fewer could put it too early.
import { addDays, dayNumber, daysInMonth, parseIsoDate, type IsoDate } from './calendar.js';

/** 0 Sunday ... 6 Saturday */
function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

const pad = (n: number) => String(n).padStart(2, '0');
const on = (year: number, month: number, day: number): IsoDate => `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;

/** The nth (1-based) given weekday of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, wanted: number, n: number): IsoDate {
  if (n === -1) {
    const last = on(year, month, daysInMonth(year, month));
    return addDays(last, -((weekday(last) - wanted + 7) % 7));
  }
  const first = on(year, month, 1);
  return addDays(first, ((wanted - weekday(first) + 7) % 7) + (n - 1) * 7);
}

/** 5 U.S.C. 6103(a), with the observed weekday of a fixed-date holiday on a weekend. */
export function usFederalHolidays(year: number): IsoDate[] {
  const fixed = [on(year, 1, 1), on(year, 6, 19), on(year, 7, 4), on(year, 11, 11), on(year, 12, 25)];
  const observed = fixed.flatMap((d) => (weekday(d) === 6 ? [addDays(d, -1)] : weekday(d) === 0 ? [addDays(d, 1)] : []));
  const floating = [
    nthWeekday(year, 1, 1, 3), // Birthday of Martin Luther King, Jr.
    nthWeekday(year, 2, 1, 3), // Washington's Birthday
    nthWeekday(year, 5, 1, -1), // Memorial Day
    nthWeekday(year, 9, 1, 1), // Labor Day
    nthWeekday(year, 10, 1, 2), // Columbus Day
    nthWeekday(year, 11, 4, 4), // Thanksgiving Day
  ];
  return [...fixed, ...observed, ...floating].sort();
}

export function isUsBusinessDay(date: IsoDate): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  const { year } = parseIsoDate(date);
  // New Year's Day on a Saturday is observed on the Friday before, in the previous year.
  return !usFederalHolidays(year).includes(date) && !usFederalHolidays(year + 1).includes(date);
}

/** The date `count` business days after `date` (the day itself not counted). */
export function addUsBusinessDays(date: IsoDate, count: number): IsoDate {
  let d = date;
  for (let left = count; left > 0; ) {
    d = addDays(d, 1);
    if (isUsBusinessDay(d)) left--;
  }
  return d;
}
