import { describe, expect, it } from '@jest/globals';
import { CURSOR_PATTERN, decodeCursor, decodeKeyset, encodeCursor } from './cursor.js';

const position = { createdAt: '2026-11-21T23:44:57.123456Z', loanId: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b' };

describe('list cursors', () => {
  it('round-trip a keyset position, opaquely, in the shape the OpenAPI document gives', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(new RegExp(CURSOR_PATTERN));
    expect(cursor).not.toContain(position.loanId);
    expect(decodeCursor(cursor)).toEqual(position);
    expect(decodeCursor(encodeCursor({ createdAt: '1970-01-01T00:00:00.000000Z', loanId: '00000000-0000-4000-8000-000000000000' }))).toEqual({ createdAt: '1970-01-01T00:00:00.000000Z', loanId: '00000000-0000-4000-8000-000000000000' });
  });

  it('reads every string of the documented shape as a position Postgres takes, so none is refused for its content', () => {
    for (const cursor of ['A'.repeat(32), '_'.repeat(32), '-'.repeat(32), 'z'.repeat(32), 'AAAAAAAAAAAAAAAA'.repeat(2), '0123456789abcdefghijklmnopqrstuv']) {
      const decoded = decodeKeyset(cursor);
      expect(decoded?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
      expect(decoded?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    // Past the last instant a read model can hold, it is the end of 9999: nothing is newer.
    expect(decodeKeyset('_'.repeat(32))?.createdAt).toBe('9999-12-31T23:59:59.999999Z');
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%'.padEnd(32, 'a')],
    ['too short', 'a'.repeat(31)],
    ['too long', 'a'.repeat(33)],
    ['the old JSON cursor', Buffer.from(JSON.stringify([position.createdAt, position.loanId])).toString('base64url')],
  ])('refuse a cursor that is %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
