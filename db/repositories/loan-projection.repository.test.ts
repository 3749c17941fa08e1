// The projection converges on the workflow: a discarded workflow task's writes (events under seqs
// the real task then fills differently, a payment the real task never applied, a snapshot ahead of
// the real one) are overwritten or removed by the real task's next write, and a write older than
// what is stored changes nothing and says so.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { LoanEventRecord, LoanProjection, PaymentView } from '../../domain/loan-view.js';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { LoanProjectionRepository } from './loan-projection.repository.js';
import { LoanReadRepository } from './loan-read.repository.js';

const db = useTestOrm(2);

const write = (p: LoanProjection) => new LoanProjectionRepository(db.orm.em.fork()).apply(p);
const read = (loanId: string) => new LoanReadRepository(db.orm.em.fork()).find(loanId);

function snapshot(loanId: string, version: number, outstandingTotal: number): LoanProjection['snapshot'] {
  const now = new Date().toISOString();
  return {
    loanId, status: 'active', bucket: 'current', product: 'personal', currency: 'INR', requestedPrincipal: 100_000, principal: 100_000,
    decision: null, offer: null, schedule: [], outstandingPrincipal: outstandingTotal, outstandingTotal, daysPastDue: 0, review: null,
    creditLimit: null, closedReason: null, version, createdAt: now, updatedAt: now,
  };
}

const applied = (seq: number, externalId: string): LoanEventRecord => ({ seq, type: 'payment.applied', data: { externalId }, occurredAt: new Date().toISOString() });
const payment = (externalId: string, amount: number): PaymentView => ({ externalId, amount, currency: 'INR', source: 'api', receivedOn: '2026-12-01', allocation: { principal: amount } });

describe('the loan projection', () => {
  it('ends as the real workflow task wrote it, whatever a discarded one wrote first', async () => {
    const loanId = randomUUID();
    const opening = { seq: 1, type: 'loan.activated', data: {}, occurredAt: new Date().toISOString() };
    expect(await write({ snapshot: snapshot(loanId, 1, 100_000), events: [opening], payments: [], lastEventSeq: 1 })).toEqual({ applied: true });

    // A discarded task applied p-phantom (seq 2) and p-a (seq 3) and wrote version 4.
    await write({ snapshot: snapshot(loanId, 4, 70_000), events: [applied(2, 'p-phantom'), applied(3, 'p-a')], payments: [payment('p-phantom', 10_000), payment('p-a', 20_000)], lastEventSeq: 3, previousVersion: 1 });

    // The real task applied only p-a, as seq 2, and is at version 2: refused, told what is stored.
    const real = { snapshot: snapshot(loanId, 2, 80_000), events: [applied(2, 'p-a')], payments: [payment('p-a', 20_000)], lastEventSeq: 2, previousVersion: 1 };
    expect(await write(real)).toEqual({ applied: false, storedVersion: 4 });
    // It writes again above it, and the read model is the real one.
    expect(await write({ ...real, snapshot: snapshot(loanId, 5, 80_000) })).toEqual({ applied: true });
    const loan = await read(loanId);
    expect(loan?.snapshot).toMatchObject({ version: 5, outstandingTotal: 80_000 });
    expect(loan?.events.map((e) => [e.seq, e.data.externalId ?? null])).toEqual([[1, null], [2, 'p-a']]);
    expect(loan?.payments.map((p) => p.externalId)).toEqual(['p-a']);
  });

  it('refuses a write that leaves the schedule out when another write came in between', async () => {
    const loanId = randomUUID();
    await write({ snapshot: snapshot(loanId, 1, 100_000), events: [], payments: [], lastEventSeq: 0 });
    await write({ snapshot: snapshot(loanId, 3, 90_000), events: [], payments: [], lastEventSeq: 0, previousVersion: 1 });
    const { schedule: _left, ...withoutSchedule } = snapshot(loanId, 3, 95_000);
    expect(await write({ snapshot: withoutSchedule, events: [], payments: [], lastEventSeq: 0, previousVersion: 2 })).toEqual({ applied: false, storedVersion: 3 });
    expect(await write({ snapshot: withoutSchedule, events: [], payments: [], lastEventSeq: 0, previousVersion: 3 })).toEqual({ applied: true });
  });

  it('takes the same write twice as once', async () => {
    const loanId = randomUUID();
    const p = { snapshot: snapshot(loanId, 2, 90_000), events: [applied(1, 'p-1')], payments: [payment('p-1', 10_000)], lastEventSeq: 1 };
    expect(await write(p)).toEqual({ applied: true });
    expect(await write(p)).toEqual({ applied: true });
    const loan = await read(loanId);
    expect(loan?.events).toHaveLength(1);
    expect(loan?.payments).toHaveLength(1);
  });
});
