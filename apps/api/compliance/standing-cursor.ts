// The compliance lists' page cursor, shaped like every list's (loans/cursor.ts: 32 characters, an
// instant to the microsecond and a 16-byte ID) so one pattern and one validator serve them all. A
// standing change's ID is a bigint, not a UUID: it rides in the ID's last 8 bytes. A cursor we did
// not issue still names a position (an ID past the bigint range reads as the largest), never an error.
import type { StandingPosition } from '../../../db/repositories/compliance-lists.repository.js';
import { decodeKeyset, encodeKeyset } from '../loans/cursor.js';

const MAX_BIGINT = (1n << 63n) - 1n;

export function encodeStandingCursor(position: StandingPosition): string {
  const hex = BigInt(position.id).toString(16).padStart(32, '0');
  return encodeKeyset({ createdAt: position.at, id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` });
}

/** The position, or undefined when `cursor` is not shaped like one (the query's validator has refused that already). */
export function decodeStandingCursor(cursor: string): StandingPosition | undefined {
  const keyset = decodeKeyset(cursor);
  if (!keyset) return undefined;
  const id = BigInt(`0x${keyset.id.replace(/-/g, '')}`);
  return { at: keyset.createdAt, id: String(id > MAX_BIGINT ? MAX_BIGINT : id) };
}
