// The lists' page cursor: opaque to clients (base64url), a keyset position (created_at to the
// microsecond, and the UUID that breaks ties) to us. Loans and unapplied cash page the same way.
// Decoding checks every part, so a tampered cursor is a 400, never a SQL error.
import { isLoanId } from '../../../domain/loan-id.js';
import type { LoanPosition } from '../../../db/repositories/loan-read.repository.js';

const MICROSECOND_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface KeysetPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: LoanPosition): string {
  return encodeKeyset({ createdAt: position.createdAt, id: position.loanId });
}

/** The position, or undefined when `cursor` is not one this API issued. */
export function decodeCursor(cursor: string): LoanPosition | undefined {
  const position = decodeKeyset(cursor);
  return position && { createdAt: position.createdAt, loanId: position.id };
}

export function encodeKeyset(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

export function decodeKeyset(cursor: string): KeysetPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !isRealInstant(createdAt)) return undefined;
  // Loan IDs and unapplied-cash item IDs are both v4 UUIDs.
  if (typeof id !== 'string' || !isLoanId(id)) return undefined;
  return { createdAt, id };
}

/** Date.parse rolls 30 February over into March; Postgres would refuse it, so we do first. */
function isRealInstant(value: string): boolean {
  if (!MICROSECOND_ISO.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}
