import { describe, expect, it } from '@jest/globals';
import { decodeCursor, encodeCursor } from './cursor.js';

const position = { createdAt: '2026-11-21T23:44:57.123456Z', loanId: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b' };

describe('list cursors', () => {
  it('round-trip a keyset position, opaquely', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain(position.loanId);
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it.each([
    ['not base64url', 'abc$%'],
    ['empty', ''],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['an object', Buffer.from(JSON.stringify({ createdAt: position.createdAt, loanId: position.loanId })).toString('base64url')],
    ['three parts', Buffer.from(JSON.stringify([position.createdAt, position.loanId, 1])).toString('base64url')],
    ['millisecond precision', encodeCursor({ ...position, createdAt: '2026-11-21T23:44:57.123Z' })],
    ['30 February', encodeCursor({ ...position, createdAt: '2026-02-30T00:00:00.000000Z' })],
    ['hour 25', encodeCursor({ ...position, createdAt: '2026-02-01T25:00:00.000000Z' })],
    ['not a loan ID', encodeCursor({ ...position, loanId: "x' or 1=1 --" })],
    ['too long', 'a'.repeat(201)],
  ])('refuse a cursor that is %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
