// The spans a performance period is read in: UTC days, ISO weeks (Monday to Monday) or calendar
// months, the first and last cut to the period [from, to).
import type { Granularity } from './agency-requests.dto.js';

const DAY_MS = 86_400_000;

export function performanceSpans(from: string, to: string, by: Granularity): { start: string; end: string }[] {
  const end = Date.parse(`${to}T00:00:00Z`);
  const spans: { start: string; end: string }[] = [];
  for (let start = Date.parse(`${from}T00:00:00Z`); start < end; ) {
    const next = Math.min(nextBoundary(start, by), end);
    spans.push({ start: new Date(start).toISOString(), end: new Date(next).toISOString() });
    start = next;
  }
  return spans;
}

function nextBoundary(ms: number, by: Granularity): number {
  const d = new Date(ms);
  if (by === 'day') return ms + DAY_MS;
  if (by === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  // getUTCDay: Sunday 0; the next Monday 00:00 UTC after this day.
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) + (((8 - d.getUTCDay()) % 7) || 7) * DAY_MS;
}
