// Calendar dates as ISO strings (YYYY-MM-DD, UTC). Loans are due on dates, not instants.
// The arithmetic is done on day numbers with the proleptic Gregorian formulas (H. Hinnant,
// "chrono-compatible low-level date algorithms") rather than through Date, whose setters
// silently roll 2025-02-30 over into March and which maps years below 100 onto the 1900s.
// Nothing here reads the clock: "today" is always an argument.

/** A calendar date, YYYY-MM-DD. */
export type IsoDate = string;

export interface CalendarParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Day numbers (days since 1970-01-01) of the first and last four-digit-year dates.
const FIRST_DAY = -719_528; // 0000-01-01
const LAST_DAY = 2_932_896; // 9999-12-31

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True only for a real calendar date in YYYY-MM-DD form: 2024-02-29 yes, 2025-02-29 and 2025-2-1 no. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && partsOrUndefined(value) !== undefined;
}

/** Year, month and day of a date; throws on anything that is not a real YYYY-MM-DD date. */
export function parseIsoDate(date: IsoDate): CalendarParts {
  const parts = partsOrUndefined(date);
  if (parts === undefined) {
    throw new RangeError(`Invalid ISO date ${JSON.stringify(date)}: expected a real calendar date as YYYY-MM-DD`);
  }
  return parts;
}

/** The UTC calendar date an instant falls on. */
export function toIsoDate(epochMs: number): IsoDate {
  if (!Number.isFinite(epochMs)) throw new RangeError(`toIsoDate: ${String(epochMs)} is not a finite epoch millisecond count`);
  return fromDayNumber(Math.floor(epochMs / MS_PER_DAY));
}

/** Midnight UTC at the start of the date. */
export function isoDateToEpochMs(date: IsoDate): number {
  return dayNumber(date) * MS_PER_DAY;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  requireInteger(days, 'addDays: days');
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * The date `months` months later (or earlier, when negative), on the anchor day of the month or
 * that month's last day when it is shorter. The anchor defaults to the date's own day; a loan
 * keeps its disbursement day as the anchor so month-end due dates come back after a short
 * month: addMonths('2025-01-31', 1) = '2025-02-28', addMonths('2025-02-28', 1, 31) = '2025-03-31'.
 */
export function addMonths(date: IsoDate, months: number, anchorDay?: number): IsoDate {
  requireInteger(months, 'addMonths: months');
  const { year, month, day } = parseIsoDate(date);
  const anchor = anchorDay ?? day;
  if (!Number.isInteger(anchor) || anchor < 1 || anchor > 31) {
    throw new RangeError(`addMonths: anchor day ${String(anchorDay)} must be an integer from 1 to 31`);
  }
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(anchor, daysInMonth(targetYear, targetMonth));
  return formatParts({ year: targetYear, month: targetMonth, day: targetDay });
}

/** `to` minus `from` in days: daysBetween('2025-01-31', '2025-03-01') = 29; negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const difference = daysBetween(b, a);
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * Age in completed years on a date. Someone born on 29 February has their birthday on 1 March
 * in common years (the usual legal reading, e.g. England and Wales): born 2008-02-29, they are
 * 16 on 2025-02-28 and 17 on 2025-03-01. Eligibility checks that must not admit anyone early
 * therefore get the conservative answer.
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const born = parseIsoDate(dateOfBirth);
  const today = parseIsoDate(on);
  if (compareIsoDates(on, dateOfBirth) < 0) {
    throw new RangeError(`ageOn: ${on} is before the date of birth ${dateOfBirth}`);
  }
  const hadBirthday = today.month > born.month || (today.month === born.month && today.day >= born.day);
  return today.year - born.year - (hadBirthday ? 0 : 1);
}

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day number (days since 1970-01-01). */
export function fromDayNumber(days: number): IsoDate {
  requireInteger(days, 'fromDayNumber: days');
  if (days < FIRST_DAY || days > LAST_DAY) {
    throw new RangeError(`Date out of range: day ${days} falls outside years 0000-9999`);
  }
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return formatParts({ year, month, day });
}

function partsOrUndefined(value: string): CalendarParts | undefined {
  const match = ISO_DATE.exec(value);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function formatParts({ year, month, day }: CalendarParts): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range: year ${year} is outside 0000-9999`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function requireInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number, got ${String(value)}`);
}
