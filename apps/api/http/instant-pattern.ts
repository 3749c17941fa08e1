// An instant as a query parameter takes it: a date (YYYY-MM-DD) or a date and time with its zone,
// written from 1970-01-01 on. One regular expression is both the server's check and the OpenAPI
// pattern, so a client generated from the document sends exactly what passes: it spells out the
// calendar (30 days in April, 29 February only in leap years), which a pattern on the digits
// alone would not, and uses only what ECMA-262 and Python's `re` read alike.

const YEAR = '19[7-9][0-9]|[2-9][0-9]{3}';
// Leap years from 1972: every fourth year, centuries only when divisible by 400.
const LEAP_YEAR = '19(?:7[26]|8[048]|9[26])|[2-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[3579][26])00';
const MONTH_DAY = '(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31';
const DATE = `(?:(?:${YEAR})-(?:${MONTH_DAY})|(?:${LEAP_YEAR})-02-29)`;
const TIME = 'T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,9})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])';

export const INSTANT_PATTERN = `^${DATE}(?:${TIME})?$`;

const INSTANT = new RegExp(INSTANT_PATTERN);

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value);
}

/** The end of year 9999: a zone's offset can carry 9999-12-31 into a year Postgres cannot read. */
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** An instant the pattern took, as the UTC ISO string Postgres and Date both read. */
export function toIsoInstant(value: string): string {
  return new Date(Math.min(Date.parse(value), LAST_MS)).toISOString();
}
