import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { instantOfLocalTime, isWithinWindow, localMinuteOfDay, minutesOf, nextInstantWithinWindow, type DailyWindow } from './contact-window.js';

const REG_F: DailyWindow = { startMinute: minutesOf('08:00'), endMinute: minutesOf('21:00') };
const RBI: DailyWindow = { startMinute: minutesOf('08:00'), endMinute: minutesOf('19:00') };
const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
const ZONES = [...US_ZONES, 'Asia/Kolkata', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns'];
const QUARTER_HOUR = 15 * 60_000;

describe('contact windows in local time', () => {
  it('reads local time across daylight-saving changes', () => {
    // 2026-03-08 is the US spring-forward day: 08:00 in New York is 12:00 UTC, the day before 13:00.
    expect(instantOfLocalTime(2026, 3, 8, minutesOf('08:00'), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 12));
    expect(instantOfLocalTime(2026, 3, 7, minutesOf('08:00'), 'America/New_York')).toBe(Date.UTC(2026, 2, 7, 13));
    expect(instantOfLocalTime(2026, 12, 3, minutesOf('19:00'), 'Asia/Kolkata')).toBe(Date.UTC(2026, 11, 3, 13, 30));
    expect(localMinuteOfDay(Date.UTC(2026, 10, 1, 6, 30), 'America/New_York')).toBe(minutesOf('01:30'));
  });

  it('waits for the window to open in every zone the borrower could be in', () => {
    // 12:30 UTC on a winter day: 07:30 in New York (closed), 18:00 in Kolkata (open).
    const at = Date.UTC(2026, 11, 3, 12, 30);
    expect(isWithinWindow(at, ['Asia/Kolkata'], RBI)).toBe(true);
    expect(nextInstantWithinWindow(at, ['America/New_York'], REG_F)).toBe(Date.UTC(2026, 11, 3, 13));
    // Unknown zone in the US: 08:00 in Honolulu is 18:00 UTC, when New York (13:00) is still open.
    expect(nextInstantWithinWindow(at, US_ZONES, REG_F)).toBe(Date.UTC(2026, 11, 3, 18));
    // Kolkata's 08:00 is Los Angeles' 18:30: the two windows overlap for half an hour a day.
    expect(nextInstantWithinWindow(at, ['Asia/Kolkata', 'America/Los_Angeles'], RBI)).toBe(Date.UTC(2026, 11, 4, 2, 30));
    // Windows that never overlap: none, said plainly.
    expect(nextInstantWithinWindow(at, ['Asia/Kolkata', 'America/New_York'], { startMinute: minutesOf('09:00'), endMinute: minutesOf('10:00') })).toBeNull();
  });

  it('answers the earliest allowed instant, never an instant outside the window, for any start and zones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }),
        fc.subarray(ZONES, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(REG_F, RBI, { startMinute: minutesOf('09:00'), endMinute: minutesOf('17:30') }),
        (from, zones, window) => {
          const next = nextInstantWithinWindow(from, zones, window);
          if (next === null) {
            // No overlap in eight days: none at any quarter hour of the next two.
            for (let t = from; t < from + 2 * 24 * 60 * 60_000; t += QUARTER_HOUR) expect(isWithinWindow(t, zones, window)).toBe(false);
            return;
          }
          expect(next).toBeGreaterThanOrEqual(from);
          expect(isWithinWindow(next, zones, window)).toBe(true);
          // Nothing allowed earlier: every minute before it, sampled each quarter hour and the minute before.
          for (let t = from; t < next; t += QUARTER_HOUR) expect(isWithinWindow(t, zones, window)).toBe(false);
          if (next - 60_000 >= from) expect(isWithinWindow(next - 60_000, zones, window)).toBe(false);
        },
      ),
      { numRuns: 300, seed: 20261203 },
    );
  });
});
