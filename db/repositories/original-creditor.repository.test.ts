// Who answers as a loan's original creditor, against the real PostgreSQL: the lender for a loan it
// disbursed here, nobody for an imported loan until ops record someone, and ops' record over
// either (a correction), kept once per loan.
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { useTestOrm } from '../../apps/testkit/test-orm.js';
import { LoanProjectionRepository } from './loan-projection.repository.js';
import { OriginalCreditorRepository } from './original-creditor.repository.js';

const db = useTestOrm(2);
const LENDER = { name: 'Credence Finance', address: '1 Example Way, Wilmington, DE 19801' };

async function loan(event: { type: string; data: Record<string, unknown> }): Promise<string> {
  const loanId = randomUUID();
  const now = new Date().toISOString();
  await new LoanProjectionRepository(db.orm.em.fork()).apply({
    snapshot: {
      loanId, status: 'delinquent', bucket: '1-30', product: 'personal', currency: 'USD', requestedPrincipal: 100_000, principal: 100_000,
      decision: null, offer: null, schedule: [{ seq: 1, dueDate: '2026-10-20', principal: 100_000, interest: 1_500, fees: 0, amountDue: 101_500, amountPaid: 0, status: 'past_due' }],
      outstandingPrincipal: 100_000, outstandingTotal: 101_500, daysPastDue: 12, review: null, creditLimit: null, closedReason: null, version: 1, createdAt: now, updatedAt: now,
    },
    events: [{ seq: 1, type: event.type, data: event.data, occurredAt: now }],
    payments: [],
    lastEventSeq: 1,
  });
  return loanId;
}

const repo = () => new OriginalCreditorRepository(db.orm.em.fork());

describe('the original creditor of a loan', () => {
  it('is the lender for a loan it disbursed here, and what ops record once they correct it', async () => {
    const loanId = await loan({ type: 'disbursement.paid_out', data: { payoutId: 'po_1' } });
    expect(await repo().find(loanId, LENDER)).toEqual({ known: true, source: 'lender', ...LENDER });
    await repo().record(loanId, { name: 'Credence Finance LLC', address: 'PO Box 9, Dover, DE 19901' }, 'ops.asha', '2026-12-01T10:00:00.000Z');
    expect(await repo().find(loanId, LENDER)).toEqual({ known: true, source: 'recorded', name: 'Credence Finance LLC', address: 'PO Box 9, Dover, DE 19901', recordedBy: 'ops.asha', recordedAt: '2026-12-01T10:00:00.000Z' });
  });

  it('is nobody for an imported loan until ops record who made it; recording again replaces the record', async () => {
    const loanId = await loan({ type: 'loan.imported', data: { disbursedOn: '2026-09-20' } });
    expect(await repo().find(loanId, LENDER)).toEqual({ known: false, reason: 'the loan was imported from a book, and no original creditor is recorded for it' });
    await repo().record(loanId, { name: 'First Bank of Example', address: '10 Main St, Dover, DE 19901' }, 'ops.asha', '2026-12-01T10:00:00.000Z');
    await repo().record(loanId, { name: 'First Bank of Example, N.A.', address: '10 Main St, Dover, DE 19901' }, 'ops.ravi', '2026-12-02T10:00:00.000Z');
    expect(await repo().find(loanId, LENDER)).toMatchObject({ known: true, source: 'recorded', name: 'First Bank of Example, N.A.', recordedBy: 'ops.ravi' });
    const rows = await db.orm.em.fork().execute(`select count(*)::int as n from original_creditors where loan_id = ?`, [loanId]);
    expect(rows).toEqual([{ n: 1 }]);
    // A loan Credence has no record of is nobody's either.
    expect(await repo().find(randomUUID(), LENDER)).toMatchObject({ known: false });
  });
});
