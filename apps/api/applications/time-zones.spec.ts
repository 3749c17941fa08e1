import { expect, it } from '@jest/globals';
import { TIME_ZONES } from './time-zones.js';

it('lists the IANA names an applicant gives, aliases included, each one Intl takes', () => {
  expect(TIME_ZONES).toEqual(expect.arrayContaining(['Asia/Kolkata', 'Asia/Calcutta', 'UTC', 'Etc/UTC', 'America/Argentina/Buenos_Aires', 'Europe/Kyiv']));
  expect(new Set(TIME_ZONES).size).toBe(TIME_ZONES.length);
  // Everything Intl calls canonical is listed, so no zone the runtime knows by its own name is refused.
  expect(Intl.supportedValuesOf('timeZone').filter((zone) => !TIME_ZONES.includes(zone))).toEqual([]);
  for (const zone of TIME_ZONES) expect(() => new Intl.DateTimeFormat(undefined, { timeZone: zone })).not.toThrow();
  expect(TIME_ZONES).not.toContain('asia/kolkata');
  expect(TIME_ZONES).not.toContain('+05:30');
});
