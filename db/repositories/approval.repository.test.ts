// Maker-checker as the database holds it, against the real PostgreSQL: a retried proposal is the
// same proposal, one write-off and one activation wait per subject, a proposal is decided once
// whoever races for it, never by its proposer (the check constraint holds even a direct UPDATE),
// and applied once.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { ApprovalRepository, type NewApproval } from './approval.repository.js';

const db = useTestOrm(4);
const repo = () => new ApprovalRepository(db.orm.em.fork());
const writeOff = (loanId: string, proposedBy: string, requestKey: string = randomUUID()): NewApproval => ({
  kind: 'write_off',
  loanId,
  payload: { reason: 'deceased' },
  reasons: ['a write-off needs a second person, always'],
  status: 'pending',
  proposedBy,
  proposedByRoles: ['ops'],
  requestKey,
});

describe('ApprovalRepository', () => {
  it('answers a retried proposal (the same request key) with the first, and a second write-off of a loan with the one waiting', async () => {
    const loanId = randomUUID();
    const first = await repo().propose(writeOff(loanId, 'ops', 'k1'));
    expect(first.outcome).toBe('created');
    expect(await repo().propose(writeOff(loanId, 'ops', 'k1'))).toEqual({ outcome: 'retried', approval: first.approval });
    expect(await repo().propose(writeOff(loanId, 'admin', 'k2'))).toEqual({ outcome: 'already_pending', approval: first.approval });
    const many = await Promise.all(Array.from({ length: 6 }, (_v, i) => repo().propose(writeOff(loanId, `ops.${i}`))));
    expect(new Set(many.map((m) => m.approval.id))).toEqual(new Set([first.approval.id]));
  });

  it('is decided once by racing checkers, never by its proposer, and applied once', async () => {
    const { approval } = await repo().propose(writeOff(randomUUID(), 'ops'));
    expect(await repo().decide(approval.id, 'approved', 'ops', null)).toMatchObject({ outcome: 'own_proposal' });
    const raced = await Promise.all([repo().decide(approval.id, 'approved', 'admin', 'yes'), repo().decide(approval.id, 'rejected', 'ops.lead', 'no')]);
    expect(raced.map((r) => r.outcome).sort()).toEqual(['already_decided', 'decided']);
    const winner = raced.find((r) => r.outcome === 'decided')!;
    expect(await repo().get(approval.id)).toEqual('approval' in winner ? winner.approval : null);

    const other = (await repo().propose(writeOff(randomUUID(), 'ops'))).approval;
    await repo().decide(other.id, 'approved', 'admin', null);
    const applied = await repo().applied(other.id, { loan: { status: 'charged_off' } });
    expect(applied).toMatchObject({ status: 'applied', decidedBy: 'admin', outcome: { loan: { status: 'charged_off' } } });
    const again = await repo().applied(other.id, { loan: { status: 'other' } });
    expect(again).toMatchObject({ status: 'applied', appliedAt: applied!.appliedAt, outcome: { loan: { status: 'charged_off' } } });
  });

  it('refuses, in the database itself, a decision by the proposer', async () => {
    const { approval } = await repo().propose(writeOff(randomUUID(), 'ops'));
    await expect(db.orm.em.fork().execute(`update approvals set status = 'approved', decided_by = proposed_by where id = ?`, [approval.id])).rejects.toThrow(/approvals_checker_not_maker/);
  });

  it('keeps one activation of a version waiting, and lists by status and kind, oldest first', async () => {
    const version = 100_000 + Math.floor(Math.random() * 1_000_000);
    const ask = (proposedBy: string): NewApproval => ({ kind: 'policy_activation', policyVersion: version, payload: {}, reasons: ['every policy activation needs a second person'], status: 'pending', proposedBy, proposedByRoles: ['ops'], requestKey: randomUUID() });
    const first = await repo().propose(ask('ops'));
    expect((await repo().propose(ask('admin'))).approval.id).toBe(first.approval.id);
    await repo().decide(first.approval.id, 'rejected', 'admin', null);
    const next = await repo().propose(ask('admin'));
    expect(next.outcome).toBe('created');
    const pending = await repo().list({ status: 'pending', kind: 'policy_activation' }, 500);
    expect(pending.map((a) => a.id)).toContain(next.approval.id);
    expect(pending.map((a) => a.id)).not.toContain(first.approval.id);
  });
});
