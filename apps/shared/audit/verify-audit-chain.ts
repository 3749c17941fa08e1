// Walks the audit chain from its first row and reports the first link that does not hold:
//  - missing: a seq is absent (a row was deleted);
//  - unlinked: a row's prev_hash is not the hash of the row before it (rows reordered, or one
//    inserted or deleted before it and the seqs renumbered);
//  - altered: a row's hash is not the hash of its own content (the row was changed);
//  - truncated / head: the chain ends somewhere other than where its head says (the last rows
//    deleted, or the head moved);
//  - anchor: a head recorded earlier (seq and hash) is no longer in the chain (rewritten from there).
// Used by GET /v1/audit/verify and `npm run -s audit:verify`; reads in pages, so any length fits,
// up to the head read first (rows appended while it walks are left for the next run).
import { AuditLogRepository, type ChainHead } from '../../../db/repositories/audit-log.repository.js';
import type { Orm } from '../../../db/orm.js';
import { chainHash, GENESIS_HASH } from './audit-chain.js';

export type BrokenLinkProblem = 'missing' | 'unlinked' | 'altered' | 'truncated' | 'head' | 'anchor';

export interface BrokenLink {
  /** the first seq at which the chain does not hold */
  seq: number;
  problem: BrokenLinkProblem;
  detail: string;
}

export interface ChainVerification {
  ok: boolean;
  /** rows read */
  checked: number;
  head: ChainHead;
  firstBroken: BrokenLink | null;
  durationMs: number;
}

const PAGE = 2_000;

export async function verifyAuditChain(orm: Orm, options: { anchor?: ChainHead } = {}): Promise<ChainVerification> {
  const started = performance.now();
  const repo = new AuditLogRepository(orm.em.fork());
  const head = await repo.head();
  let expected = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  let anchorSeen = options.anchor === undefined || options.anchor.seq === 0;
  const done = (firstBroken: BrokenLink | null): ChainVerification => ({ ok: firstBroken === null, checked, head, firstBroken, durationMs: Math.round(performance.now() - started) });

  for (;;) {
    const rows = await repo.walk(expected - 1, head.seq, PAGE);
    for (const row of rows) {
      checked += 1;
      if (row.seq !== expected) {
        const gap = row.seq - 1 === expected ? `row ${expected} is` : `rows ${expected} to ${row.seq - 1} are`;
        return done({ seq: expected, problem: 'missing', detail: `${gap} missing: deleted from the chain` });
      }
      if (row.prevHash !== prev) {
        return done({ seq: row.seq, problem: 'unlinked', detail: `row ${row.seq} does not follow row ${row.seq - 1}: its prev_hash is not that row's hash (rows reordered, or one inserted or removed before it)` });
      }
      if (chainHash(prev, row.seq, row) !== row.hash) {
        return done({ seq: row.seq, problem: 'altered', detail: `row ${row.seq} was changed: its content no longer hashes to its hash` });
      }
      if (options.anchor && row.seq === options.anchor.seq) {
        if (row.hash !== options.anchor.hash) return done({ seq: row.seq, problem: 'anchor', detail: `row ${row.seq} is not the one recorded in the anchor: the chain was rewritten from there or before` });
        anchorSeen = true;
      }
      prev = row.hash;
      expected += 1;
    }
    if (rows.length < PAGE) break;
  }
  const last = expected - 1;
  if (head.seq > last) return done({ seq: last + 1, problem: 'truncated', detail: `the head says ${head.seq} rows, the chain ends at ${last}: rows ${last + 1} to ${head.seq} were deleted` });
  if (head.hash !== prev) return done({ seq: last, problem: 'head', detail: `the head's hash is not row ${last}'s: the head was moved, or the last row changed with it` });
  if (!anchorSeen) return done({ seq: options.anchor!.seq, problem: 'anchor', detail: `the anchor's row ${options.anchor!.seq} is not in the chain` });
  return done(null);
}
