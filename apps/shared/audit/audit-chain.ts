// The audit chain's arithmetic, in one place for the writer and every verifier: a row's hash is
// SHA-256 over the previous row's hash and the row's canonical content (its fields in a fixed
// order, seq included, as JSON). Anyone holding the rows can recompute it; nothing here is secret.
// So the chain shows changes made past the database's refusals (audit_log's trigger), not changes
// by someone who also recomputes every later hash and the head: for that, record the head
// (GET /v1/audit/verify answers it) somewhere the database's operators cannot write, and check it
// later with `npm run -s audit:verify -- --anchor <seq>:<hash>`.
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditOutcome, AuditRow, ChainHead } from '../../../db/repositories/audit-log.repository.js';

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export function canonicalContent(seq: number, e: AuditEntry): string {
  return JSON.stringify([
    seq, e.id, e.at, e.requestId, e.actorId, e.actorKind, e.actorRoles, e.agencyId, e.kind, e.action, e.method, e.route, e.loanId, e.caseId, e.clientAddress, e.status, e.outcome,
  ]);
}

export function chainHash(prevHash: string, seq: number, entry: AuditEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(seq, entry)).digest('hex');
}

/** The entries linked onto the chain after (seq, hash). */
export function link(head: ChainHead, entries: readonly AuditEntry[]): AuditRow[] {
  let { seq, hash } = head;
  return entries.map((entry) => {
    seq += 1;
    const row: AuditRow = { ...entry, seq, prevHash: hash, hash: chainHash(hash, seq, entry) };
    hash = row.hash;
    return row;
  });
}

/** What a status says about the request's fate. */
export function outcomeOf(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'refused';
  if (status >= 500) return 'failed';
  if (status >= 400) return 'rejected';
  return 'succeeded';
}
