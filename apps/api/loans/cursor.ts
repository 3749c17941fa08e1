// The lists' page cursor: opaque to clients, a keyset position to us (created_at to the
// microsecond, and the UUID that breaks ties). Loans and unapplied cash page the same way.
//
// It is 24 bytes in base64url, so exactly 32 characters of [A-Za-z0-9_-]: 8 bytes of microseconds
// since 1970 and the 16 bytes of the UUID. Every such string is a position (past 9999 reads as the
// end of 9999, where nothing is newer), so the OpenAPI pattern says all there is to say about a
// valid cursor and a client's cursor is never refused for what it decodes to: a cursor we did not
// issue only pages from a position of its own. Anything else is a 400, never a SQL error.
import type { LoanPosition } from '../../../db/repositories/loan-read.repository.js';

export const CURSOR_PATTERN = '^[A-Za-z0-9_-]{32}$';
const CURSOR = new RegExp(CURSOR_PATTERN);
const MICROSECOND_ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{6})Z$/;
/** 9999-12-31T23:59:59.999999Z: the last instant Postgres and Date both write as four-digit years. */
const LAST_MICROS = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) * 1000n + 999n;

export interface KeysetPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: LoanPosition): string {
  return encodeKeyset({ createdAt: position.createdAt, id: position.loanId });
}

/** The position, or undefined when `cursor` is not shaped like one. */
export function decodeCursor(cursor: string): LoanPosition | undefined {
  const position = decodeKeyset(cursor);
  return position && { createdAt: position.createdAt, loanId: position.id };
}

/** `position.createdAt` as the read models write it (microseconds, UTC); `position.id` a UUID. */
export function encodeKeyset(position: KeysetPosition): string {
  const [, seconds, micros] = MICROSECOND_ISO.exec(position.createdAt) ?? [];
  const hex = position.id.replace(/-/g, '');
  if (seconds === undefined || micros === undefined || !/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`not a keyset position: ${JSON.stringify(position)}`);
  const bytes = Buffer.alloc(24);
  bytes.writeBigUInt64BE((BigInt(Date.parse(`${seconds}Z`)) / 1000n) * 1_000_000n + BigInt(micros));
  bytes.write(hex, 8, 'hex');
  return bytes.toString('base64url');
}

export function decodeKeyset(cursor: string): KeysetPosition | undefined {
  if (!CURSOR.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  const at = bytes.readBigUInt64BE(0);
  const micros = at > LAST_MICROS ? LAST_MICROS : at;
  const ms = Number(micros / 1000n);
  const createdAt = `${new Date(ms).toISOString().slice(0, 19)}.${String(micros % 1_000_000n).padStart(6, '0')}Z`;
  const hex = bytes.subarray(8).toString('hex');
  return { createdAt, id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
}
