// When a borrower may be contacted: a daily window of local wall-clock time (Reg F 1006.6(b)(1)(i):
// 08:00 to 21:00; RBI: 08:00 to 19:00) that must hold in every time zone the borrower could be in
// (one when the time zone is known; all of a country's when it is not, as the rule requires for
// an unknown location). Pure: Intl's time-zone data, no clock, so the compliance gate can run in
// workflows, in the dry-run and in the simulation alike.

/** Minutes after local midnight: [start, end). 08:00-21:00 is { startMinute: 480, endMinute: 1260 }. */
export interface DailyWindow {
  startMinute: number;
  endMinute: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (an IANA name such as Asia/Kolkata). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local calendar fields of an instant in a zone, read from Intl. */
function intlParts(instantMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(instantMs)) if (type !== 'literal') parts[type] = Number(value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

// formatToParts costs microseconds a call, and the gate asks for local times several times per
// contact (every zone of an unknown location, every candidate instant): the simulated quarter spent
// 70% of its time here. Offsets are whole quarter hours, and a zone changes offset only at a local
// quarter hour, so the offset is constant within each quarter hour of UTC: it is read from Intl
// once per zone and quarter hour (an offset that is not whole quarter hours is never cached).
const QUARTER_HOUR_MS = 15 * 60_000;
const offsetsByQuarterHour = new Map<string, Map<number, number>>();

function localParts(instantMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const block = Math.floor(instantMs / QUARTER_HOUR_MS);
  let offsets = offsetsByQuarterHour.get(timeZone);
  if (!offsets || offsets.size > 100_000) offsetsByQuarterHour.set(timeZone, (offsets = new Map<number, number>()));
  let offset = offsets.get(block);
  if (offset === undefined) {
    const start = block * QUARTER_HOUR_MS;
    const p = intlParts(start, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - start;
    if (offset % QUARTER_HOUR_MS !== 0) return intlParts(instantMs, timeZone);
    offsets.set(block, offset);
  }
  const local = new Date(Math.floor(instantMs / 1000) * 1000 + offset);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(), second: local.getUTCSeconds() };
}

/** The zone's offset from UTC at an instant, in milliseconds (whole seconds). */
function offsetMs(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** Minutes since local midnight at an instant. */
export function localMinuteOfDay(instantMs: number, timeZone: string): number {
  const p = localParts(instantMs, timeZone);
  return p.hour * 60 + p.minute;
}

/** Whether an instant lies inside the window in every one of the zones. */
export function isWithinWindow(instantMs: number, timeZones: readonly string[], window: DailyWindow): boolean {
  return timeZones.every((zone) => {
    const minute = localMinuteOfDay(instantMs, zone);
    return minute >= window.startMinute && minute < window.endMinute;
  });
}

/**
 * The instant a local wall-clock time (on a local date) occurs in a zone. Exact for every time a
 * zone's clocks show; a time a daylight-saving change skips lands near the gap (windows open at
 * hours clear of the changes, and every candidate is checked against the window anyway).
 */
export function instantOfLocalTime(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  // Two rounds settle the offset on either side of a transition.
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return guess;
}

/**
 * The earliest instant at or after `fromMs` that lies inside the window in every zone, looking
 * `horizonDays` ahead; null when there is none (windows that never overlap, such as 08:00-09:00
 * in zones twelve hours apart). The answer is either `fromMs` itself or the moment one zone's
 * window opens, so only those instants are tried.
 */
export function nextInstantWithinWindow(fromMs: number, timeZones: readonly string[], window: DailyWindow, horizonDays = 8): number | null {
  if (timeZones.length === 0) throw new Error('a contact window needs at least one time zone');
  if (window.startMinute >= window.endMinute) return null;
  if (isWithinWindow(fromMs, timeZones, window)) return fromMs;
  const candidates: number[] = [];
  for (const zone of timeZones) {
    const today = localParts(fromMs, zone);
    const localMidnight = Date.UTC(today.year, today.month - 1, today.day);
    for (let d = 0; d <= horizonDays; d++) {
      const date = new Date(localMidnight + d * DAY_MS);
      const opens = instantOfLocalTime(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), window.startMinute, zone);
      if (opens > fromMs) candidates.push(opens);
    }
  }
  candidates.sort((a, b) => a - b);
  return candidates.find((at) => isWithinWindow(at, timeZones, window)) ?? null;
}

export const minutesOf = (hhmm: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`a time of day is HH:MM, not ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
};

export { MINUTE_MS };
