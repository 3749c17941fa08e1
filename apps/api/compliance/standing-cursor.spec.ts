import { describe, expect, it } from '@jest/globals';
import { CURSOR_PATTERN } from '../loans/cursor.js';
import { decodeStandingCursor, encodeStandingCursor } from './standing-cursor.js';

describe('the compliance lists\' cursor', () => {
  it('carries a standing change\'s instant and bigint ID there and back, in the shape of every list\'s cursor', () => {
    for (const id of ['1', '42', '9223372036854775807']) {
      const cursor = encodeStandingCursor({ at: '2026-11-12T08:30:00.123456Z', id });
      expect(cursor).toMatch(new RegExp(CURSOR_PATTERN));
      expect(decodeStandingCursor(cursor)).toEqual({ at: '2026-11-12T08:30:00.123456Z', id });
    }
  });

  it('reads a cursor we did not issue as a position, an ID past the bigint range as the largest', () => {
    expect(decodeStandingCursor('_'.repeat(32))).toEqual({ at: '9999-12-31T23:59:59.999999Z', id: '9223372036854775807' });
    expect(decodeStandingCursor('not a cursor')).toBeUndefined();
  });
});
