// The list's page cursor: opaque to clients (base64url), a keyset position to us. Decoding
// checks every part, so a tampered cursor is a 400, never a SQL error.
import { isLoanId } from '../../../domain/loan-id.js';
import type { LoanPosition } from '../../../db/repositories/loan-read.repository.js';

const MICROSECOND_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(position: LoanPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.loanId]), 'utf8').toString('base64url');
}

/** The position, or undefined when `cursor` is not one this API issued. */
export function decodeCursor(cursor: string): LoanPosition | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [createdAt, loanId] = parsed as unknown[];
  if (typeof createdAt !== 'string' || !isRealInstant(createdAt)) return undefined;
  if (typeof loanId !== 'string' || !isLoanId(loanId)) return undefined;
  return { createdAt, loanId };
}

/** Date.parse rolls 30 February over into March; Postgres would refuse it, so we do first. */
function isRealInstant(value: string): boolean {
  if (!MICROSECOND_ISO.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19);
}
