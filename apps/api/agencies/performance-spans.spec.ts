import { expect, it } from '@jest/globals';
import { performanceSpans } from './performance-spans.js';

it('cuts a period into UTC days, ISO weeks from Monday and calendar months, the ends cut to the period', () => {
  expect(performanceSpans('2026-11-29', '2026-12-02', 'day')).toEqual([
    { start: '2026-11-29T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' },
    { start: '2026-11-30T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' },
    { start: '2026-12-01T00:00:00.000Z', end: '2026-12-02T00:00:00.000Z' },
  ]);
  // 2026-11-29 is a Sunday, 2026-11-30 and 2026-12-07 Mondays.
  expect(performanceSpans('2026-11-29', '2026-12-09', 'week')).toEqual([
    { start: '2026-11-29T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' },
    { start: '2026-11-30T00:00:00.000Z', end: '2026-12-07T00:00:00.000Z' },
    { start: '2026-12-07T00:00:00.000Z', end: '2026-12-09T00:00:00.000Z' },
  ]);
  expect(performanceSpans('2026-11-30', '2026-12-07', 'week')).toEqual([{ start: '2026-11-30T00:00:00.000Z', end: '2026-12-07T00:00:00.000Z' }]);
  expect(performanceSpans('2026-01-15', '2026-03-02', 'month')).toEqual([
    { start: '2026-01-15T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' },
    { start: '2026-02-01T00:00:00.000Z', end: '2026-03-01T00:00:00.000Z' },
    { start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
  ]);
  expect(performanceSpans('2026-12-01', '2026-12-01', 'day')).toEqual([]);
});
