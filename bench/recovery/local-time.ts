// Local wall-clock time for the simulated world (when a borrower reads a message, when the
// baseline's 09:00 comes round). Offsets are cached per zone and UTC hour: every zone used
// changes its offset only on a whole UTC hour.
const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function offsetMinutes(zone: string, at: number): number {
  const hour = Math.floor(at / HOUR_MS);
  let byHour = offsets.get(zone);
  if (!byHour) offsets.set(zone, (byHour = new Map<number, number>()));
  let offset = byHour.get(hour);
  if (offset === undefined) {
    let f = formatters.get(zone);
    if (!f) formatters.set(zone, (f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })));
    const p: Record<string, number> = {};
    for (const { type, value } of f.formatToParts(hour * HOUR_MS)) if (type !== 'literal') p[type] = Number(value);
    offset = (Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute) - hour * HOUR_MS) / 60_000;
    byHour.set(hour, offset);
  }
  return offset;
}

/** The local hour (0-23) at an instant. */
export function localHour(zone: string, at: number): number {
  const local = at + offsetMinutes(zone, at) * 60_000;
  return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS);
}

/** The first instant at or after `at` when local time reads `hour`:00 (the hours used are clear of daylight-saving changes). */
export function nextLocalTime(zone: string, at: number, hour: number): number {
  const offset = offsetMinutes(zone, at) * 60_000;
  const localMidnight = Math.floor((at + offset) / 86_400_000) * 86_400_000;
  for (let d = 0; d <= 2; d++) {
    const wall = localMidnight + d * 86_400_000 + hour * HOUR_MS;
    let candidate = wall - offsetMinutes(zone, wall - offset) * 60_000;
    candidate = wall - offsetMinutes(zone, candidate) * 60_000;
    if (candidate >= at) return candidate;
  }
  throw new Error(`no ${hour}:00 in ${zone} within two days of ${new Date(at).toISOString()}`);
}
