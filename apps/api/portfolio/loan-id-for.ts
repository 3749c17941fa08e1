// An imported loan's ID: a UUIDv5 (RFC 9562 5.5, SHA-1 name-based) of the lender's reference, so
// the same row sent twice, in one file or two, names one loan and one workflow (loan-<loanId>).
import { createHash } from 'node:crypto';

/** The namespace of imported loans' IDs; fixed forever, or the same reference would name another loan. */
const IMPORTED_LOANS = '6f1c2a8e-4b7d-5e3f-9a21-3c5d7e9b1f40';
/** The namespace of import IDs (an Idempotency-Key, or a body's hash). */
const IMPORTS = 'a3d9e4c2-7f18-5b6a-8c0d-2e4f6a8b0c1d';

export function importedLoanId(lenderReference: string): string {
  return uuidV5(IMPORTED_LOANS, lenderReference);
}

export function importId(identity: string): string {
  return uuidV5(IMPORTS, identity);
}

export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
