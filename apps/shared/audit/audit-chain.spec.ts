import { describe, expect, it } from '@jest/globals';
import type { AuditEntry } from '../../../db/repositories/audit-log.repository.js';
import { canonicalContent, chainHash, GENESIS_HASH, link, outcomeOf } from './audit-chain.js';

const entry = (overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  id: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6b',
  at: '2026-12-04T10:00:00.000Z',
  requestId: 'req-1',
  actorId: 'ops.asha',
  actorKind: 'person',
  actorRoles: ['ops'],
  agencyId: null,
  kind: 'read',
  action: 'LoansController_get',
  method: 'GET',
  route: '/v1/loans/:loanId',
  loanId: '3f1c2b4a-9d8e-4c7b-a6f5-0e1d2c3b4a59',
  caseId: null,
  clientAddress: '203.0.113.7',
  status: 200,
  outcome: 'succeeded',
  ...overrides,
});

describe('the audit chain', () => {
  it('links each row to the one before it, from 64 zeros', () => {
    const rows = link({ seq: 0, hash: GENESIS_HASH }, [entry(), entry({ status: 404, outcome: 'rejected' }), entry({ actorId: 'compliance.ravi' })]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    for (const r of rows) expect(r.hash).toBe(chainHash(r.prevHash, r.seq, r));
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
  });

  it('hashes every field and the place in the chain, so changing any of them changes the hash', () => {
    const base = entry();
    const hash = chainHash(GENESIS_HASH, 1, base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, 2, base)).not.toBe(hash);
    expect(chainHash('1'.repeat(64), 1, base)).not.toBe(hash);
    const changes: Partial<AuditEntry>[] = [
      { id: '0b6f3c2e-9a41-4d5e-8f70-1c2d3e4f5a6c' }, { at: '2026-12-04T10:00:00.001Z' }, { requestId: 'req-2' }, { actorId: 'ops.bilal' }, { actorKind: 'api-key' }, { actorRoles: ['admin'] },
      { agencyId: 'agency-1' }, { kind: 'command' }, { action: 'LoansController_list' }, { method: 'POST' }, { route: '/v1/loans' }, { loanId: null }, { caseId: 'recovery-x-1' },
      { clientAddress: '203.0.113.8' }, { status: 403 }, { outcome: 'refused' },
    ];
    for (const change of changes) expect(chainHash(GENESIS_HASH, 1, entry(change))).not.toBe(hash);
    // The content is positional JSON: a value cannot slide into its neighbour's field.
    expect(canonicalContent(1, entry({ actorId: 'a', requestId: 'b' }))).not.toBe(canonicalContent(1, entry({ actorId: 'b', requestId: 'a' })));
  });

  it('reads an outcome from the status', () => {
    expect([200, 201, 202, 204, 302, 400, 401, 403, 404, 409, 422, 500, 503].map(outcomeOf)).toEqual([
      'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'rejected', 'refused', 'refused', 'rejected', 'rejected', 'rejected', 'failed', 'failed',
    ]);
  });
});
